import { Alert, Loader, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useOrganizations } from '../../api/queries.ts';
import { PageTitle } from '../../app/app-layout.tsx';
import { OrganizationTree } from './organization-tree.tsx';

/** /to-chuc: every organization the caller may see, as an indented tree. */
export function OrganizationsPage() {
  const { t } = useTranslation();
  const orgs = useOrganizations();
  return (
    <>
      <PageTitle>{t('org.treeTitle')}</PageTitle>
      <OrganizationsTreeBody orgs={orgs} label={t('org.treeLabel')} />
    </>
  );
}

export function OrganizationsTreeBody({
  orgs,
  label,
}: {
  orgs: ReturnType<typeof useOrganizations>;
  label: string;
}) {
  const { t } = useTranslation();
  if (orgs.isPending) return <Loader size="sm" aria-label={t('common.loading')} />;
  if (orgs.isError)
    return (
      <Alert color="red" role="alert" title={t('common.loadFailed')}>
        {orgs.error.message}
      </Alert>
    );
  if (orgs.data.length === 0) return <Text c="dimmed">{t('org.empty')}</Text>;
  return <OrganizationTree items={orgs.data} label={label} />;
}
