import { Button, Modal } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { AddMemberForm } from './add-member-form.tsx';

/** "Thêm đảng viên": shown only to those who may manage the cell's members. */
export function AddMemberButton({ organizationId }: { organizationId: string }) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button onClick={open}>{t('member.add')}</Button>
      <Modal
        opened={opened}
        onClose={close}
        title={t('member.add')}
        size="lg"
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {opened && <AddMemberForm organizationId={organizationId} onDone={close} onCancel={close} />}
      </Modal>
    </>
  );
}
