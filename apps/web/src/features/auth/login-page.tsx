import { Alert, Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { LoginInput } from '@chibo/core';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { login } from '../../api/endpoints.ts';
import { keys, useMe } from '../../api/queries.ts';
import { LanguageSwitch, LargeTextToggle } from '../../app/header-controls.tsx';

interface FieldErrors {
  login?: string;
  password?: string;
}

function returnPath(state: unknown): string {
  if (typeof state === 'object' && state !== null && 'from' in state) {
    const from = state.from;
    // Only paths inside this app: never an absolute URL handed over by someone else.
    if (typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && from !== '/dang-nhap') return from;
  }
  return '/';
}

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const me = useMe();
  const [values, setValues] = useState({ login: '', password: '' });
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});

  useEffect(() => {
    document.title = `${t('login.title')} · ${t('app.name')}`;
  }, [t]);

  const mutation = useMutation({
    mutationFn: login,
    onSuccess: async (data) => {
      queryClient.setQueryData(keys.me, data);
      await navigate(returnPath(location.state), { replace: true });
    },
  });

  if (me.data) return <Navigate to={returnPath(location.state)} replace />;

  const handleSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const parsed = LoginInput.safeParse(values);
    if (!parsed.success) {
      const errs: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        if ((field === 'login' || field === 'password') && errs[field] === undefined) errs[field] = issue.message;
      }
      setFieldErrors(errs);
      return;
    }
    setFieldErrors({});
    mutation.mutate(parsed.data);
  };

  const error = mutation.error instanceof ApiError ? mutation.error : null;
  // Locked and rate-limited are waits, not mistakes: show them as warnings.
  const isWait = error?.code === 'account_locked' || error?.code === 'rate_limited';

  return (
    <Stack mih="100vh" gap={0} bg="gray.0">
      <Group justify="flex-end" gap="xs" p="sm" component="header">
        <LanguageSwitch />
        <LargeTextToggle />
      </Group>
      <Center component="main" flex={1} p="md">
        <Paper withBorder shadow="sm" radius="md" p="xl" w="100%" maw={420}>
          <form onSubmit={handleSubmit} noValidate>
            <Stack>
              <div>
                <Text fw={700} c="red.9" size="lg">
                  {t('app.name')}
                </Text>
                <Title order={1} size="h2">
                  {t('login.title')}
                </Title>
                <Text c="dimmed" size="sm" mt={4}>
                  {t('login.intro')}
                </Text>
              </div>
              {error && (
                <Alert color={isWait ? 'orange' : 'red'} title={t('login.failed')} role="alert">
                  {error.message}
                </Alert>
              )}
              <TextInput
                label={t('login.login')}
                name="login"
                autoComplete="username"
                autoCapitalize="none"
                spellCheck={false}
                required
                value={values.login}
                error={fieldErrors.login}
                onChange={(e) => {
                  const login = e.currentTarget.value;
                  setValues((v) => ({ ...v, login }));
                }}
              />
              <PasswordInput
                label={t('login.password')}
                name="password"
                autoComplete="current-password"
                required
                value={values.password}
                error={fieldErrors.password}
                visibilityToggleButtonProps={{ 'aria-label': t('login.showPassword') }}
                onChange={(e) => {
                  const password = e.currentTarget.value;
                  setValues((v) => ({ ...v, password }));
                }}
              />
              <Button type="submit" loading={mutation.isPending} fullWidth size="md">
                {t('login.submit')}
              </Button>
            </Stack>
          </form>
        </Paper>
      </Center>
    </Stack>
  );
}
