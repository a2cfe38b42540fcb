import { Button, Modal } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { AddMemberForm } from './add-member-form.tsx';

/** "Thêm đảng viên": shown only to those who may manage the cell's members. */
export function AddMemberButton({ organizationId }: { organizationId: string }) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  // On a phone the form takes the whole screen: no cramped dialog over the roster.
  const isPhone = useMediaQuery('(max-width: 36em)') ?? false;
  return (
    <>
      <Button onClick={open}>{t('member.add')}</Button>
      <Modal
        opened={opened}
        onClose={close}
        title={t('member.add')}
        size="lg"
        fullScreen={isPhone}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {opened && <AddMemberForm organizationId={organizationId} onDone={close} onCancel={close} />}
      </Modal>
    </>
  );
}
