import { Alert, Loader, NativeSelect, Stack, Table, Text } from '@mantine/core';
import type { AuditEventDto, MeDto } from '@chibo/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAudit, useOrganizations } from '../../api/queries.ts';
import { PageTitle } from '../../app/app-layout.tsx';
import { useSession } from '../../app/session.tsx';
import { DEFAULT_TIME_ZONE, formatDateTime, isoInstant } from '../../lib/format.ts';

/** The organizations whose log the caller may read: those of its grants with audit.read. */
function auditableOrganizations(me: MeDto): { id: string; name: string }[] {
  const seen = new Map<string, string>();
  for (const g of me.grants) {
    if (g.permissions.includes('audit.read') && !seen.has(g.organizationId)) seen.set(g.organizationId, g.organizationName);
  }
  return [...seen].map(([id, name]) => ({ id, name }));
}

/** /nhat-ky: the append-only change log of one organization. */
export function AuditPage() {
  const { t } = useTranslation();
  const me = useSession();
  const options = auditableOrganizations(me);
  const [selected, setSelected] = useState<string | null>(options[0]?.id ?? null);
  const orgs = useOrganizations();
  const timeZone = orgs.data?.find((o) => o.id === selected)?.timeZone ?? DEFAULT_TIME_ZONE;
  const audit = useAudit(selected);
  const selectedName = options.find((o) => o.id === selected)?.name ?? '';

  return (
    <Stack gap="md">
      <PageTitle>{t('audit.title')}</PageTitle>
      {options.length === 0 ? (
        <Alert color="blue">{t('audit.noAccess')}</Alert>
      ) : (
        <>
          <NativeSelect
            label={t('audit.organization')}
            maw={560}
            data={options.map((o) => ({ value: o.id, label: o.name }))}
            value={selected ?? ''}
            onChange={(e) => setSelected(e.currentTarget.value)}
          />
          {audit.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
          {audit.isError && (
            <Alert color="red" role="alert" title={t('common.loadFailed')}>
              {audit.error.message}
            </Alert>
          )}
          {audit.data?.length === 0 && <Text c="dimmed">{t('audit.empty')}</Text>}
          {audit.data && audit.data.length > 0 && (
            <AuditTable events={audit.data} timeZone={timeZone} caption={t('audit.tableLabel', { organization: selectedName })} />
          )}
        </>
      )}
    </Stack>
  );
}

function AuditTable({ events, timeZone, caption }: { events: AuditEventDto[]; timeZone: string; caption: string }) {
  const { t } = useTranslation();
  const actions = t('audit.actions', { returnObjects: true });
  const targets = t('audit.targets', { returnObjects: true });
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table striped highlightOnHover>
        <caption className="visually-hidden">{caption}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('audit.at')}</Table.Th>
            <Table.Th scope="col">{t('audit.actor')}</Table.Th>
            <Table.Th scope="col">{t('audit.action')}</Table.Th>
            <Table.Th scope="col">{t('audit.target')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.map((e) => (
            <Table.Tr key={e.seq}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <time dateTime={isoInstant(e.at)}>{formatDateTime(e.at, timeZone)}</time>
              </Table.Td>
              <Table.Td>{e.actorName ?? t('audit.system')}</Table.Td>
              <Table.Td>{actions[e.action] ?? e.action}</Table.Td>
              <Table.Td>{targetLabel(e, targets)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The target's kind in words, and its name when the event recorded one. */
function targetLabel(e: AuditEventDto, targets: Record<string, string>): string {
  const kind = targets[e.targetType] ?? e.targetType;
  const d = e.data;
  const name = [d.fullName, d.name, d.displayName, d.username].find((v): v is string => typeof v === 'string' && v !== '');
  return name ? `${kind}: ${name}` : kind;
}
