import { Alert, Anchor, Button, Group, Loader, Stack, Text } from '@mantine/core';
import { isCellKind, type OrganizationDto } from '@chibo/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useOrganization } from '../../api/queries.ts';
import { PageTitle } from '../../app/app-layout.tsx';
import { useSession } from '../../app/session.tsx';
import { DEFAULT_TIME_ZONE, todayIn } from '../../lib/format.ts';
import { canOnOrganization } from '../../lib/permissions.ts';
import { ComplianceAlerts } from './compliance-alerts.tsx';
import { CreateMeetingButton } from './create-meeting-button.tsx';
import { useYearPlan } from './meeting-queries.ts';
import { PlanYearButton } from './plan-year-button.tsx';
import { RuleOverridesPanel } from './rule-overrides-panel.tsx';
import { SubtreeAlerts } from './subtree-alerts.tsx';
import { YearGrid } from './year-grid.tsx';

/** /to-chuc/:id/ke-hoach?nam=2026: a cell's meetings of one year, judged period by period. */
export function YearPlanPage() {
  const { id = '' } = useParams();
  const org = useOrganization(id);
  const { t } = useTranslation();
  if (org.isPending) return <Loader size="sm" aria-label={t('common.loading')} />;
  if (org.isError) {
    return (
      <>
        <PageTitle>{t('meetings.plan.link')}</PageTitle>
        <Alert color="red" role="alert" title={t('common.loadFailed')}>
          {org.error.message}
        </Alert>
      </>
    );
  }
  if (!isCellKind(org.data.kind)) return <CommitteeView key={id} organization={org.data} />;
  return <YearPlanView key={id} organization={org.data} />;
}

/** A committee has no plan of its own: it watches its cells and may adjust their rules. */
function CommitteeView({ organization }: { organization: OrganizationDto }) {
  const { t } = useTranslation();
  const me = useSession();
  return (
    <Stack gap="lg">
      <div>
        <Anchor component={Link} to={`/to-chuc/${organization.id}`} size="sm">
          ← {organization.name}
        </Anchor>
        <PageTitle>{t('meetings.subtree.title')}</PageTitle>
      </div>
      <SubtreeAlerts organization={organization} />
      <RuleOverridesPanel organization={organization} canEdit={canOnOrganization(me, 'rules.manage', organization)} />
    </Stack>
  );
}

function YearPlanView({ organization }: { organization: OrganizationDto }) {
  const { t } = useTranslation();
  const me = useSession();
  const timeZone = organization.timeZone || DEFAULT_TIME_ZONE;
  const [params, setParams] = useSearchParams();
  const thisYear = Number(todayIn(timeZone).slice(0, 4));
  const asked = Number(params.get('nam'));
  const year = Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : thisYear;
  const plan = useYearPlan(organization.id, year);
  const canManage = canOnOrganization(me, 'meeting.manage', organization) && organization.closedAt === null;
  // The planner drafts only what is still ahead: a period whose deadline is past stays a gap.
  const today = todayIn(timeZone);
  const hasGaps = plan.data?.periods.some((p) => p.meetingIds.length === 0 && p.deadline >= today) ?? false;
  const goTo = (y: number) => setParams({ nam: String(y) });

  return (
    <Stack gap="lg">
      <div>
        <Anchor component={Link} to={`/to-chuc/${organization.id}`} size="sm">
          ← {organization.name}
        </Anchor>
        <PageTitle>{t('meetings.plan.title', { year })}</PageTitle>
        <Group gap="xs" wrap="wrap" mt={-8} role="group" aria-label={t('meetings.plan.years')}>
          {year > 2000 && (
            <Button variant="default" size="compact-md" onClick={() => goTo(year - 1)}>
              ← {t('meetings.plan.previousYear', { year: year - 1 })}
            </Button>
          )}
          {year < 2100 && (
            <Button variant="default" size="compact-md" onClick={() => goTo(year + 1)}>
              {t('meetings.plan.nextYear', { year: year + 1 })} →
            </Button>
          )}
        </Group>
      </div>

      {plan.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
      {plan.isError && (
        <Alert color="red" role="alert" title={t('common.loadFailed')}>
          {plan.error.message}
        </Alert>
      )}
      {plan.data && (
        <>
          <ComplianceAlerts alerts={plan.data.alerts} title={t('meetings.plan.alerts')} />
          <div>
            <Text>{t('meetings.plan.targetDay', { day: plan.data.targetDay })}</Text>
            <Text size="sm" c="dimmed">
              {t('meetings.plan.source', { source: plan.data.targetDaySource })}
            </Text>
          </div>
          {canManage && (
            <Group gap="xs" wrap="wrap">
              {hasGaps && <PlanYearButton organizationId={organization.id} year={year} />}
              <CreateMeetingButton organizationId={organization.id} timeZone={timeZone} />
            </Group>
          )}
          <YearGrid plan={plan.data} timeZone={timeZone} />
        </>
      )}
      {canOnOrganization(me, 'rules.manage', organization) && <RuleOverridesPanel organization={organization} canEdit />}
    </Stack>
  );
}
