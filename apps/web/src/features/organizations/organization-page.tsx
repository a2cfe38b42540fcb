import { Alert, Anchor, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { isCellKind, type OrganizationDto } from '@chibo/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useOrganization, useOrganizations } from '../../api/queries.ts';
import { PageTitle } from '../../app/app-layout.tsx';
import { useSession } from '../../app/session.tsx';
import { canOnOrganization } from '../../lib/permissions.ts';
import { LeadershipPanel } from '../members/leadership-panel.tsx';
import { MemberRegister } from '../members/member-register.tsx';
import { ProbationPanel } from '../members/probation-panel.tsx';
import { OrganizationActions } from './organization-actions.tsx';
import { OrganizationFacts } from './organization-details.tsx';
import { OrganizationSettingsPanel } from './organization-settings-panel.tsx';

/**
 * /to-chuc/:id: one organization: a cell's leadership, the probation list (officers and
 * superiors), the register (a committee's lists every cell's members below it), settings and
 * the subordinate organizations.
 */
export function OrganizationPage() {
  const { id = '' } = useParams();
  return <OrganizationView key={id} id={id} />;
}

function OrganizationView({ id }: { id: string }) {
  const { t } = useTranslation();
  const me = useSession();
  const org = useOrganization(id);
  const all = useOrganizations();

  if (org.isPending) return <Loader size="sm" aria-label={t('common.loading')} />;
  if (org.isError) {
    return (
      <>
        <PageTitle>{t('org.treeTitle')}</PageTitle>
        <Alert color="red" role="alert" title={t('common.loadFailed')}>
          {org.error.message}
        </Alert>
      </>
    );
  }

  const o = org.data;
  const isCell = isCellKind(o.kind);
  const parent = o.parentId === null ? undefined : all.data?.find((p) => p.id === o.parentId);

  return (
    <Stack gap="lg">
      <div>
        {parent && (
          <Anchor component={Link} to={`/to-chuc/${parent.id}`} size="sm">
            ← {parent.name}
          </Anchor>
        )}
        <PageTitle>{o.name}</PageTitle>
        <Stack gap="sm">
          <OrganizationFacts org={o} />
          <Anchor component={Link} to={`/to-chuc/${o.id}/ke-hoach`} fw={600}>
            {isCell ? t('meetings.plan.link') : t('meetings.subtree.title')}
          </Anchor>
          <OrganizationActions organization={o} all={all.data ?? []} />
        </Stack>
      </div>

      {isCell && <LeadershipPanel organization={o} />}
      {canOnOrganization(me, 'member.read_private', o) && <ProbationPanel organization={o} />}
      {!isCell && <ChildOrganizations parent={o} all={all} />}
      <MemberRegister organization={o} />
      <OrganizationSettingsPanel organization={o} canEdit={canOnOrganization(me, 'org.manage', o)} />
    </Stack>
  );
}

function ChildOrganizations({ parent, all }: { parent: OrganizationDto; all: ReturnType<typeof useOrganizations> }) {
  const { t } = useTranslation();
  const children = (all.data ?? []).filter((c) => c.parentId === parent.id);
  return (
    <Stack gap="sm" component="section" aria-labelledby="children-title">
      <Title order={2} size="h3" id="children-title">
        {t('org.children')}
      </Title>
      {all.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
      {all.isSuccess && children.length === 0 && <Text c="dimmed">{t('org.noChildren')}</Text>}
      {children.length > 0 && (
        <Paper withBorder radius="md" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {children.map((c, i) => (
            <li
              key={c.id}
              style={{
                padding: 'var(--mantine-spacing-sm) var(--mantine-spacing-md)',
                borderTop: i === 0 ? undefined : '1px solid var(--mantine-color-gray-3)',
              }}
            >
              <Anchor component={Link} to={`/to-chuc/${c.id}`} fw={500} style={{ overflowWrap: 'anywhere' }}>
                {c.name}
              </Anchor>
              <Text size="sm" c="dimmed">
                {t(`org.kind.${c.kind}`)}
              </Text>
            </li>
          ))}
        </Paper>
      )}
    </Stack>
  );
}
