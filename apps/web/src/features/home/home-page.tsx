import { Alert, Loader, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useOrganization, useOrganizations } from '../../api/queries.ts';
import { PageTitle } from '../../app/app-layout.tsx';
import { useSession } from '../../app/session.tsx';
import { canOnOrganization, hasPermission } from '../../lib/permissions.ts';
import { AddMemberButton } from '../members/add-member-button.tsx';
import { MemberRoster } from '../members/member-roster.tsx';
import { OrganizationCard } from '../organizations/organization-details.tsx';
import { OrganizationsTreeBody } from '../organizations/organizations-page.tsx';

/** "/": a member sees their cell and its roster; a superior sees what it oversees. */
export function HomePage() {
  const { t } = useTranslation();
  const me = useSession();
  const oversees = hasPermission(me, 'oversight.read');
  const homeId = me.homeOrganizationId;

  return (
    <Stack gap="lg">
      <div>
        <PageTitle>{t('home.title')}</PageTitle>
        <Text mt={-8}>{t('home.greeting', { name: me.account.displayName })}</Text>
      </div>
      {homeId !== null && <HomeCell organizationId={homeId} />}
      {oversees && <Overseen />}
      {homeId === null && !oversees && <Alert color="blue">{t('home.nothing')}</Alert>}
    </Stack>
  );
}

function HomeCell({ organizationId }: { organizationId: string }) {
  const { t } = useTranslation();
  const me = useSession();
  const org = useOrganization(organizationId);
  const canManage = canOnOrganization(me, 'member.manage', org.data);

  if (org.isPending) return <Loader size="sm" aria-label={t('common.loading')} />;
  if (org.isError) {
    return (
      <Alert color="red" role="alert" title={t('common.loadFailed')}>
        {org.error.message}
      </Alert>
    );
  }
  return (
    <OrganizationCard org={org.data}>
      <MemberRoster
        organizationId={organizationId}
        headingOrder={3}
        actions={canManage && org.data.closedAt === null ? <AddMemberButton organizationId={organizationId} /> : undefined}
      />
    </OrganizationCard>
  );
}

function Overseen() {
  const { t } = useTranslation();
  const orgs = useOrganizations();
  return (
    <Stack gap="sm" component="section" aria-labelledby="overseen-title">
      <Title order={2} size="h3" id="overseen-title">
        {t('home.overseen')}
      </Title>
      <OrganizationsTreeBody orgs={orgs} label={t('home.overseen')} />
    </Stack>
  );
}
