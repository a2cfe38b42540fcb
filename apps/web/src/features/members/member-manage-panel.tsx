import { Paper, Tabs, Title } from '@mantine/core';
import type { MemberDto, OrganizationDto } from '@chibo/core';
import { useTranslation } from 'react-i18next';
import { hashText } from '../../lib/idempotency.ts';
import { PersonalDataForm } from './personal-data-form.tsx';
import { PositionForm } from './position-form.tsx';
import { StatusChangeForm } from './status-change-form.tsx';
import { TransferForm } from './transfer-form.tsx';

/** The cell's managers change a member's record here, one kind of change per tab. */
export function MemberManagePanel({ member, organizations }: { member: MemberDto; organizations: readonly OrganizationDto[] }) {
  const { t } = useTranslation();
  // Each saved change gives a new record: the forms start afresh from it (their choices are built from the history).
  const version = recordVersion(member);
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="manage-title">
      <Title order={2} size="h3" id="manage-title" mb="sm">
        {t('memberPage.manage')}
      </Title>
      <Tabs defaultValue="status" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="status">{t('memberPage.tabs.status')}</Tabs.Tab>
          <Tabs.Tab value="position">{t('memberPage.tabs.position')}</Tabs.Tab>
          <Tabs.Tab value="transfer">{t('memberPage.tabs.transfer')}</Tabs.Tab>
          <Tabs.Tab value="personal">{t('memberPage.tabs.personal')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="status" pt="md">
          <StatusChangeForm member={member} key={version} />
        </Tabs.Panel>
        <Tabs.Panel value="position" pt="md">
          <PositionForm member={member} key={version} />
        </Tabs.Panel>
        <Tabs.Panel value="transfer" pt="md">
          <TransferForm member={member} organizations={organizations} key={version} />
        </Tabs.Panel>
        <Tabs.Panel value="personal" pt="md">
          <PersonalDataForm member={member} key={version} />
        </Tabs.Panel>
      </Tabs>
    </Paper>
  );
}

/** A short digest of the record, to tell one saved version from the next. */
function recordVersion(member: MemberDto): string {
  const s = JSON.stringify(member);
  return `${s.length}-${hashText(s)}`;
}
