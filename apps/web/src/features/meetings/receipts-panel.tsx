import { Alert, Badge, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { MeetingDetailDto } from '@chibo/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format.ts';
import { useMeetingNotices } from './meeting-queries.ts';

/** Officers: who was told about the meeting, who opened the notice, and the e-mail's fate. */
export function ReceiptsPanel({ meeting: m, timeZone }: { meeting: MeetingDetailDto; timeZone: string }) {
  const { t } = useTranslation();
  const receipts = useMeetingNotices(m.id, true);
  const items = receipts.data ?? [];
  const read = items.filter((r) => r.readAt !== null).length;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="receipts-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="receipts-title">
          {t('meetings.receipts.title')}
        </Title>
        {receipts.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
        {receipts.isError && (
          <Alert color="red" role="alert" title={t('common.loadFailed')}>
            {receipts.error.message}
          </Alert>
        )}
        {receipts.isSuccess && items.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('meetings.receipts.empty')}
          </Text>
        )}
        {items.length > 0 && (
          <>
            <Text size="sm">{t('meetings.receipts.summary', { read, total: items.length })}</Text>
            <Table.ScrollContainer minWidth={560}>
              <Table striped data-testid="receipts">
                <Table.Caption>{t('meetings.receipts.caption')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('meetings.receipts.recipient')}</Table.Th>
                    <Table.Th>{t('meetings.receipts.kind')}</Table.Th>
                    <Table.Th>{t('meetings.receipts.sentAt')}</Table.Th>
                    <Table.Th>{t('meetings.receipts.read')}</Table.Th>
                    <Table.Th>{t('meetings.receipts.email')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((r) => (
                    <Table.Tr key={`${r.recipientName}-${r.kind}-${r.createdAt}`}>
                      <Table.Td>{r.recipientName}</Table.Td>
                      <Table.Td>{t(`notices.kind.${r.kind}`)}</Table.Td>
                      <Table.Td>{formatDateTime(r.createdAt, timeZone)}</Table.Td>
                      <Table.Td>
                        {r.readAt ? (
                          <Badge variant="dot" color="green" c="dark.7" tt="none" radius="sm">
                            {`${t('meetings.receipts.read')} ${formatDateTime(r.readAt, timeZone)}`}
                          </Badge>
                        ) : (
                          <Badge variant="dot" color="gray" c="dark.7" tt="none" radius="sm">
                            {t('meetings.receipts.unread')}
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>{t(`meetings.receipts.emailStatus.${r.emailStatus}`)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </>
        )}
      </Stack>
    </Paper>
  );
}
