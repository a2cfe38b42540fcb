import { Alert, Anchor, Loader, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useOrganization, useOrganizations } from '../../api/queries.ts';
import { PageTitle } from '../../app/app-layout.tsx';
import { useSession } from '../../app/session.tsx';
import { hasPermission } from '../../lib/permissions.ts';
import { NextMeetingCard } from '../meetings/next-meeting-card.tsx';
import { PendingCard } from './pending-card.tsx';
import { MemberRegister } from '../members/member-register.tsx';
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
      <PendingCard />
      {me.account.memberId !== null && <NextMeetingCard homeOrganizationId={homeId} />}
      {homeId !== null && <HomeCell organizationId={homeId} />}
      {oversees && <Overseen />}
      {homeId === null && !oversees && <Alert color="blue">{t('home.nothing')}</Alert>}
    </Stack>
  );
}

function HomeCell({ organizationId }: { organizationId: string }) {
  const { t } = useTranslation();
  const org = useOrganization(organizationId);

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
      <Anchor component={Link} to={`/to-chuc/${organizationId}`}>
        {t('home.openCell')}
      </Anchor>
      <MemberRegister organization={org.data} headingOrder={3} />
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
