import { Alert, Button, Paper, PasswordInput, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { ChangePasswordInput } from '@chibo/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { changePassword } from '../../api/endpoints.ts';
import { PageTitle } from '../../app/app-layout.tsx';
import { useSession } from '../../app/session.tsx';
import { notifyDone } from '../../lib/notify.ts';

type Field = 'currentPassword' | 'newPassword' | 'confirmPassword';
const EMPTY: Record<Field, string> = { currentPassword: '', newPassword: '', confirmPassword: '' };

/** /tai-khoan: who is signed in, with which roles, and the change-password form. */
export function AccountPage() {
  const { t } = useTranslation();
  const me = useSession();
  return (
    <Stack gap="lg" maw={640}>
      <PageTitle>{t('account.title')}</PageTitle>
      <Paper withBorder radius="md" p="md" component="section" aria-labelledby="profile-title">
        <Title order={2} size="h3" id="profile-title" mb="sm">
          {t('account.profile')}
        </Title>
        <Table variant="vertical" layout="fixed" withTableBorder={false}>
          <Table.Tbody>
            <Table.Tr>
              <Table.Th w="40%">{t('account.displayName')}</Table.Th>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{me.account.displayName}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('account.username')}</Table.Th>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{me.account.username}</Table.Td>
            </Table.Tr>
            {me.account.email && (
              <Table.Tr>
                <Table.Th>{t('account.email')}</Table.Th>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{me.account.email}</Table.Td>
              </Table.Tr>
            )}
            {me.grants.length > 0 && (
              <Table.Tr>
                <Table.Th>{t('account.grants')}</Table.Th>
                <Table.Td>
                  {me.grants.map((g) => (
                    <Text key={`${g.organizationId}-${g.role}`} size="sm" style={{ overflowWrap: 'anywhere' }}>
                      {t('account.grantLine', { role: t(`roles.${g.role}`), organization: g.organizationName })}
                    </Text>
                  ))}
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </Paper>
      <ChangePasswordForm />
    </Stack>
  );
}

function ChangePasswordForm() {
  const { t } = useTranslation();
  const [values, setValues] = useState(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});

  const mutation = useMutation({
    mutationFn: changePassword,
    onSuccess: () => {
      setValues(EMPTY);
      notifyDone(t('account.done'));
    },
    onError: (e) => {
      // The wrong current password belongs next to that field.
      if (e instanceof ApiError && e.code === 'wrong_password') setErrors({ currentPassword: e.message });
      else if (e instanceof ApiError && e.code === 'weak_password') setErrors({ newPassword: e.message });
    },
  });

  const handleSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const next: Partial<Record<Field, string>> = {};
    if (values.currentPassword === '') next.currentPassword = t('account.required');
    const parsed = ChangePasswordInput.safeParse({
      currentPassword: values.currentPassword,
      newPassword: values.newPassword,
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        if (issue.path[0] === 'newPassword' && next.newPassword === undefined) next.newPassword = issue.message;
      }
    }
    if (values.confirmPassword !== values.newPassword) next.confirmPassword = t('account.mismatch');
    setErrors(next);
    if (!parsed.success || Object.keys(next).length > 0) return;
    mutation.mutate(parsed.data);
  };

  const set = (field: Field) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setValues((v) => ({ ...v, [field]: value }));
  };

  const otherError =
    mutation.error instanceof ApiError && mutation.error.code !== 'wrong_password' && mutation.error.code !== 'weak_password'
      ? mutation.error
      : null;
  const toggleLabel = { 'aria-label': t('login.showPassword') };

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="password-title">
      <form onSubmit={handleSubmit} noValidate>
        <Stack>
          <Title order={2} size="h3" id="password-title">
            {t('account.changePassword')}
          </Title>
          {otherError && (
            <Alert color="red" role="alert">
              {otherError.message}
            </Alert>
          )}
          <PasswordInput
            label={t('account.currentPassword')}
            autoComplete="current-password"
            required
            value={values.currentPassword}
            onChange={set('currentPassword')}
            error={errors.currentPassword}
            visibilityToggleButtonProps={toggleLabel}
          />
          <PasswordInput
            label={t('account.newPassword')}
            description={t('account.newPasswordHint')}
            autoComplete="new-password"
            required
            value={values.newPassword}
            onChange={set('newPassword')}
            error={errors.newPassword}
            visibilityToggleButtonProps={toggleLabel}
          />
          <PasswordInput
            label={t('account.confirmPassword')}
            autoComplete="new-password"
            required
            value={values.confirmPassword}
            onChange={set('confirmPassword')}
            error={errors.confirmPassword}
            visibilityToggleButtonProps={toggleLabel}
          />
          <div>
            <Button type="submit" loading={mutation.isPending}>
              {t('account.submit')}
            </Button>
          </div>
        </Stack>
      </form>
    </Paper>
  );
}
