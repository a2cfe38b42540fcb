import { Button, Group } from '@mantine/core';
import { isCellKind, type OrganizationDto } from '@chibo/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { registerExportUrl } from '../../api/endpoints.ts';
import { useSession } from '../../app/session.tsx';
import { canOnOrganization } from '../../lib/permissions.ts';
import { AddMemberButton } from './add-member-button.tsx';

/**
 * What may be done with a register: add and import members (a cell's managers, while it is
 * open), export it as of the day shown (those who may read private records).
 */
export function RegisterActions({ organization, on }: { organization: OrganizationDto; on: string }) {
  const { t } = useTranslation();
  const me = useSession();
  const isOpenCell = isCellKind(organization.kind) && organization.closedAt === null;
  const canManage = isOpenCell && canOnOrganization(me, 'member.manage', organization);
  const canExport = canOnOrganization(me, 'member.read_private', organization);
  if (!canManage && !canExport) return null;

  return (
    <Group gap="xs" wrap="wrap">
      {canManage && <AddMemberButton organizationId={organization.id} />}
      {canManage && (
        <Button component={Link} to={`/to-chuc/${organization.id}/nhap-danh-sach`} variant="default">
          {t('register.import')}
        </Button>
      )}
      {canExport && (
        <>
          <Button component="a" href={registerExportUrl(organization.id, 'xlsx', on)} download variant="default">
            {t('register.exportXlsx')}
          </Button>
          <Button component="a" href={registerExportUrl(organization.id, 'csv', on)} download variant="default">
            {t('register.exportCsv')}
          </Button>
        </>
      )}
    </Group>
  );
}
