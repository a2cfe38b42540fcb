import { Button, Center, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Shown by the error boundaries (React and router): a plain message and a reload button. */
export function ErrorScreen() {
  const { t } = useTranslation();
  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder p="xl" radius="md" maw={480} w="100%">
        <Stack>
          <Title order={1} size="h2">
            {t('errors.title')}
          </Title>
          <Text>{t('errors.boundary')}</Text>
          <Button onClick={() => window.location.reload()}>{t('errors.reload')}</Button>
        </Stack>
      </Paper>
    </Center>
  );
}
