import { Alert, Button, Group, Modal, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { CloseOrganizationInput, isWithin, mayContain, type OrganizationDto } from '@chibo/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { closeOrganization, moveOrganization } from '../../api/endpoints.ts';
import { keys } from '../../api/queries.ts';
import { useSession } from '../../app/session.tsx';
import { canOnOrganization } from '../../lib/permissions.ts';
import { notifyDone } from '../../lib/notify.ts';

/**
 * "Chuyển tổ chức" and "Giải thể": both are decided by the committee above, so they are
 * offered to those who manage the parent (the server checks the new parent as well).
 */
export function OrganizationActions({ organization, all }: { organization: OrganizationDto; all: readonly OrganizationDto[] }) {
  const me = useSession();
  const parent = all.find((o) => o.id === organization.parentId);
  if (!parent || organization.closedAt !== null || !canOnOrganization(me, 'org.manage', parent)) return null;
  const targets = all.filter(
    (o) =>
      o.id !== parent.id &&
      o.closedAt === null &&
      !isWithin(o.path, organization.path) &&
      mayContain(o.kind, organization.kind) &&
      canOnOrganization(me, 'org.manage', o),
  );
  return (
    <Group gap="xs" wrap="wrap">
      {targets.length > 0 && <MoveButton organization={organization} targets={targets} />}
      <CloseButton organization={organization} />
    </Group>
  );
}

function useDialog() {
  const [opened, handlers] = useDisclosure(false);
  // On a phone the form takes the whole screen.
  const isPhone = useMediaQuery('(max-width: 36em)') ?? false;
  return { opened, ...handlers, isPhone };
}

function useOrganizationChanged(message: string, onDone: () => void) {
  const queryClient = useQueryClient();
  return async (org: OrganizationDto) => {
    queryClient.setQueryData(keys.organization(org.id), org);
    notifyDone(message);
    onDone();
    await queryClient.invalidateQueries({ queryKey: keys.organizations });
  };
}

function MoveButton({ organization, targets }: { organization: OrganizationDto; targets: readonly OrganizationDto[] }) {
  const { t } = useTranslation();
  const dialog = useDialog();
  const [parentId, setParentId] = useState(targets[0]?.id ?? '');
  const changed = useOrganizationChanged(t('orgActions.moved'), dialog.close);
  const mutation = useMutation({ mutationFn: () => moveOrganization(organization.id, { parentId }), onSuccess: changed });

  const handleSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    mutation.mutate();
  };

  return (
    <>
      <Button variant="default" onClick={dialog.open}>
        {t('orgActions.move')}
      </Button>
      <Modal opened={dialog.opened} onClose={dialog.close} title={t('orgActions.move')} fullScreen={dialog.isPhone} closeButtonProps={{ 'aria-label': t('common.close') }}>
        <form onSubmit={handleSubmit} noValidate>
          <Stack>
            {mutation.error instanceof ApiError && (
              <Alert color="red" role="alert">
                {mutation.error.message}
              </Alert>
            )}
            <Text size="sm">{t('orgActions.moveHint', { organization: organization.name })}</Text>
            <NativeSelect
              label={t('orgActions.newParent')}
              data={targets.map((o) => ({ value: o.id, label: o.name }))}
              value={parentId}
              onChange={(e) => setParentId(e.currentTarget.value)}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={dialog.close}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={mutation.isPending}>
                {t('orgActions.moveSubmit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}

function CloseButton({ organization }: { organization: OrganizationDto }) {
  const { t } = useTranslation();
  const dialog = useDialog();
  const [values, setValues] = useState({ decisionRef: '', reason: '' });
  const [errors, setErrors] = useState<{ decisionRef?: string; reason?: string }>({});
  const changed = useOrganizationChanged(t('orgActions.closed', { organization: organization.name }), dialog.close);
  const mutation = useMutation({ mutationFn: (input: CloseOrganizationInput) => closeOrganization(organization.id, input), onSuccess: changed });

  const handleSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const parsed = CloseOrganizationInput.safeParse({ decisionRef: values.decisionRef, ...(values.reason.trim() !== '' ? { reason: values.reason } : {}) });
    if (!parsed.success) {
      const next: { decisionRef?: string; reason?: string } = {};
      for (const issue of parsed.error.issues) {
        const f = issue.path[0];
        if ((f === 'decisionRef' || f === 'reason') && next[f] === undefined) next[f] = issue.message;
      }
      setErrors(next);
      return;
    }
    setErrors({});
    mutation.mutate(parsed.data);
  };

  const set = (field: 'decisionRef' | 'reason') => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setValues((v) => ({ ...v, [field]: value }));
  };

  return (
    <>
      <Button variant="outline" color="red.9" onClick={dialog.open}>
        {t('orgActions.close')}
      </Button>
      <Modal opened={dialog.opened} onClose={dialog.close} title={t('orgActions.closeTitle')} fullScreen={dialog.isPhone} closeButtonProps={{ 'aria-label': t('common.close') }}>
        <form onSubmit={handleSubmit} noValidate>
          <Stack>
            <Alert color="red" title={t('orgActions.closeWarningTitle')}>
              {t('orgActions.closeWarning', { organization: organization.name })}
            </Alert>
            {mutation.error instanceof ApiError && (
              <Alert color="red" role="alert">
                {mutation.error.message}
              </Alert>
            )}
            <TextInput label={t('orgActions.decisionRef')} required value={values.decisionRef} onChange={set('decisionRef')} error={errors.decisionRef} />
            <TextInput label={t('orgActions.reason')} value={values.reason} onChange={set('reason')} error={errors.reason} />
            <Group justify="flex-end">
              <Button variant="default" onClick={dialog.close}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" color="red.9" loading={mutation.isPending}>
                {t('orgActions.closeSubmit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
