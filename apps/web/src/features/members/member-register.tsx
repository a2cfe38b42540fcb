import { Alert, Anchor, Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { isCellKind, type MemberSummaryDto, type OrganizationDto } from '@chibo/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useOrganizations, useRegister } from '../../api/queries.ts';
import { useSession } from '../../app/session.tsx';
import { formatDay, todayIn } from '../../lib/format.ts';
import { canOnOrganization } from '../../lib/permissions.ts';
import { AttachmentBadge, PositionBadge, StatusBadge } from './member-badges.tsx';
import { RegisterActions } from './register-actions.tsx';
import { isFiltered, registerQuery, rollDay, RegisterToolbar, useRegisterFilters } from './register-toolbar.tsx';

/** A committee's register can hold thousands: draw them a few hundred at a time. */
const SHOWN_AT_ONCE = 200;

interface Props {
  organization: OrganizationDto;
  /** Heading level of the register's title within its page. */
  headingOrder?: 2 | 3;
}

/**
 * The party register of a cell, or of every cell under a committee, as of a day: searchable
 * without diacritics, filtered by status and post, in register order (given name first) or by
 * admission date. A list rather than a table, so that it reads well on a 360 px phone.
 */
export function MemberRegister({ organization, headingOrder = 2 }: Props) {
  const { t } = useTranslation();
  const me = useSession();
  const today = todayIn(organization.timeZone);
  const [filters, setFiltersNow, settled] = useRegisterFilters(today);
  const [limit, setLimit] = useState(SHOWN_AT_ONCE);
  const setFilters = (f: typeof filters) => {
    setFiltersNow(f);
    setLimit(SHOWN_AT_ONCE);
  };
  const on = rollDay(filters, today);
  const register = useRegister(organization.id, registerQuery(settled, today));
  const titleId = `roster-${organization.id}`;
  const isCommittee = !isCellKind(organization.kind);
  const canReadPrivate = canOnOrganization(me, 'member.read_private', organization);
  const orgs = useOrganizations(isCommittee);
  const cellName = (id: string) => orgs.data?.find((o) => o.id === id)?.name;

  const items = register.data?.items;
  const mayOpen = (m: MemberSummaryDto) => canReadPrivate || m.id === me.account.memberId;

  return (
    <Stack gap="sm" component="section" aria-labelledby={titleId}>
      <Group justify="space-between" align="flex-start" gap="sm">
        <div>
          <Title order={headingOrder} size="h3" id={titleId}>
            {t('member.roster')}
          </Title>
          {items && (
            <Text size="sm" c="dimmed" aria-live="polite">
              {on === today
                ? t('member.count', { count: items.length })
                : t('register.countOn', { count: items.length, date: formatDay(on) })}
            </Text>
          )}
        </div>
        <RegisterActions organization={organization} on={on} />
      </Group>

      <RegisterToolbar filters={filters} onChange={setFilters} />

      {register.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
      {register.isError && (
        <Alert color="red" role="alert" title={t('common.loadFailed')}>
          {register.error.message}
        </Alert>
      )}
      {items?.length === 0 && <Text c="dimmed">{isFiltered(filters, today) ? t('register.noMatch') : t('member.empty')}</Text>}
      {items && items.length > 0 && (
        <Paper
          withBorder
          radius="md"
          component="ul"
          p={0}
          m={0}
          style={{ listStyle: 'none', opacity: register.isPlaceholderData ? 0.6 : 1 }}
          aria-busy={register.isFetching}
          aria-labelledby={titleId}
          data-testid="roster"
        >
          {items.slice(0, limit).map((m, i) => (
            <li
              key={`${m.id}-${m.attachment}`}
              style={{
                padding: 'var(--mantine-spacing-sm) var(--mantine-spacing-md)',
                borderTop: i === 0 ? undefined : '1px solid var(--mantine-color-gray-3)',
              }}
            >
              <Group justify="space-between" gap="xs" wrap="wrap">
                <div style={{ minWidth: 0 }}>
                  <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                    {mayOpen(m) ? (
                      <Anchor component={Link} to={`/dang-vien/${m.id}`} inherit>
                        {m.fullName}
                      </Anchor>
                    ) : (
                      m.fullName
                    )}
                  </Text>
                  {isCommittee && cellName(m.organizationId) && (
                    <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                      {cellName(m.organizationId)}
                    </Text>
                  )}
                </div>
                <Group gap={6} wrap="wrap">
                  {m.positions.map((p) => (
                    <PositionBadge key={p} position={p} />
                  ))}
                  <StatusBadge status={m.status} />
                  {m.attachment !== 'home' && <AttachmentBadge attachment={m.attachment} />}
                </Group>
              </Group>
            </li>
          ))}
        </Paper>
      )}
      {items && items.length > limit && (
        <Group justify="center">
          <Button variant="default" onClick={() => setLimit((n) => n + SHOWN_AT_ONCE)}>
            {t('register.showMore', { count: items.length - limit })}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
