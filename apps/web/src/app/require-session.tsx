import { Alert, Button, Center, Loader, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { useMe } from '../api/queries.ts';
import { AppLayout } from './app-layout.tsx';
import { SessionContext } from './session.tsx';

/** Guards the signed-in area: no session → the login page, which brings the user back here. */
export function RequireSession() {
  const { t } = useTranslation();
  const location = useLocation();
  const me = useMe();

  if (me.isPending) {
    return (
      <Center mih="100vh" role="status" aria-label={t('common.loading')}>
        <Loader />
      </Center>
    );
  }
  if (me.isError) {
    return (
      <Center mih="100vh" p="md" component="main">
        <Stack maw={480}>
          <Alert color="red" title={t('errors.title')} role="alert">
            {me.error.message}
          </Alert>
          <Button onClick={() => void me.refetch()}>{t('common.retry')}</Button>
        </Stack>
      </Center>
    );
  }
  if (me.data === null) {
    const from = `${location.pathname}${location.search}`;
    return <Navigate to="/dang-nhap" replace state={{ from }} />;
  }
  return (
    <SessionContext value={me.data}>
      <AppLayout />
    </SessionContext>
  );
}
