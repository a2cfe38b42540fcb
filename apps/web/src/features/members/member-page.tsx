import { Alert, Anchor, Group, List, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import type { MemberDto } from '@chibo/core';
import type { ReactNode } from 'react';
import { FactsPanel } from '../../app/facts-panel.tsx';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useMember, useOrganizations } from '../../api/queries.ts';
import { PageTitle } from '../../app/app-layout.tsx';
import { useSession } from '../../app/session.tsx';
import { formatDay } from '../../lib/format.ts';
import { canOnOrganization } from '../../lib/permissions.ts';
import { PositionBadge, StatusBadge } from './member-badges.tsx';
import { MemberManagePanel } from './member-manage-panel.tsx';
import { MemberTimeline } from './member-timeline.tsx';

/** /dang-vien/:id: a member's record and history; the cell's managers also change it here. */
export function MemberPage() {
  const { id = '' } = useParams();
  return <MemberView key={id} id={id} />;
}

function MemberView({ id }: { id: string }) {
  const { t } = useTranslation();
  const me = useSession();
  const member = useMember(id);
  const orgs = useOrganizations();

  if (member.isPending) return <Loader size="sm" aria-label={t('common.loading')} />;
  if (member.isError) {
    return (
      <>
        <PageTitle>{t('memberPage.title')}</PageTitle>
        <Alert color="red" role="alert" title={t('common.loadFailed')}>
          {member.error.message}
        </Alert>
      </>
    );
  }

  const m = member.data;
  const cell = orgs.data?.find((o) => o.id === m.organizationId);
  const canManage = canOnOrganization(me, 'member.manage', cell);
  const cellName = [...m.history.memberships].reverse().find((x) => x.organizationId === m.organizationId)?.organizationName;

  return (
    <Stack gap="lg">
      <div>
        {cell && (
          <Anchor component={Link} to={`/to-chuc/${cell.id}`} size="sm">
            ← {cell.name}
          </Anchor>
        )}
        <PageTitle>{m.fullName}</PageTitle>
        <Group gap={6} wrap="wrap" mt={-8}>
          {m.status ? <StatusBadge status={m.status} /> : <Text c="dimmed">{t('memberPage.notMemberToday')}</Text>}
          {m.positions.map((p) => (
            <PositionBadge key={p} position={p} />
          ))}
        </Group>
      </div>

      {m.problems.length > 0 && (
        <Alert color="orange" title={t('memberPage.problems')}>
          <List size="sm">
            {m.problems.map((p) => (
              <List.Item key={`${p.path}-${p.message}`}>{p.message}</List.Item>
            ))}
          </List>
        </Alert>
      )}

      <MemberFacts member={m} cellName={cellName} />

      <Paper withBorder radius="md" p="md" component="section" aria-labelledby="history-title">
        <Title order={2} size="h3" id="history-title" mb="sm">
          {t('memberPage.history')}
        </Title>
        <MemberTimeline history={m.history} />
      </Paper>

      {canManage && <MemberManagePanel member={m} organizations={orgs.data ?? []} />}
    </Stack>
  );
}

function MemberFacts({ member: m, cellName }: { member: MemberDto; cellName: string | undefined }) {
  const { t } = useTranslation();
  const rows: [string, ReactNode][] = [
    [t('member.form.gender'), m.gender ? t(`member.gender.${m.gender}`) : null],
    [t('member.form.birthDate'), m.birthDate ? formatDay(m.birthDate) : null],
    [t('memberPage.cell'), cellName ?? null],
    [t('member.form.admittedOn'), m.admittedOn ? formatDay(m.admittedOn) : null],
    [t('member.form.confirmedOn'), m.confirmedOn ? formatDay(m.confirmedOn) : null],
    [t('memberPage.probationDue'), m.probationDueOn ? formatDay(m.probationDueOn) : null],
    [t('member.form.email'), m.email],
    [t('member.form.phone'), m.phone],
  ];
  return <FactsPanel id="facts-title" title={t('memberPage.facts')} rows={rows} />;
}
