import { Alert, Anchor, Button, Group, List, Paper, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ImportPreviewDto } from '@chibo/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { commitImport, fetchImportProgress } from '../../api/import-endpoints.ts';
import { keys } from '../../api/queries.ts';

const PROGRESS_POLL_MS = 400;

interface Props {
  preview: ImportPreviewDto;
  onBack: () => void;
  onCommitted: (dto: ImportPreviewDto) => void;
}

/** Step 4: what will be written, the one button that writes it (not while errors remain), and its progress. */
export function CommitStep({ preview, onBack, onCommitted }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const commit = useMutation({
    mutationFn: () => commitImport(preview.id),
    onSuccess: async (dto) => {
      await queryClient.invalidateQueries({ queryKey: keys.organizations });
      onCommitted(dto);
    },
  });
  // Polled only while the commit request is pending: the server reports rows checked and written.
  const progress = useQuery({
    queryKey: ['member-imports', preview.id, 'progress'],
    queryFn: ({ signal }) => fetchImportProgress(preview.id, signal),
    enabled: commit.isPending,
    refetchInterval: PROGRESS_POLL_MS,
    gcTime: 0,
  });

  const c = preview.counts;
  const blocked = c.error > 0 || preview.missingFields.length > 0;
  const p = progress.data;
  const percent = p && p.total > 0 ? Math.min(100, Math.round((p.done / p.total) * 100)) : 0;

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="confirm-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="confirm-title">
          {t('import.step.confirm')}
        </Title>
        <Text>{t('import.confirm.summary', { create: c.create, update: c.update, unchanged: c.unchanged, skipped: c.skipped })}</Text>
        {blocked && (
          <Alert color="yellow" title={t('import.confirm.blockedTitle')}>
            {c.error > 0 ? t('import.confirm.blocked', { count: c.error }) : t('import.confirm.missingColumns')}
          </Alert>
        )}
        {commit.error instanceof ApiError && (
          <Alert color="red" role="alert" title={t('import.confirm.failed')}>
            {commit.error.message}
            {commit.error.issues.length > 0 && (
              <List size="sm">
                {commit.error.issues.slice(0, 10).map((i) => (
                  <List.Item key={i.path + i.message}>{i.message}</List.Item>
                ))}
              </List>
            )}
          </Alert>
        )}
        {commit.isPending && (
          <Stack gap={4}>
            <Progress value={p?.phase === 'done' ? 100 : percent} animated aria-label={t('import.confirm.progress')} size="lg" />
            <Text size="sm" aria-live="polite">
              {t(`import.phase.${p?.phase ?? 'checking'}`)}
              {p && p.total > 0 ? ` — ${t('import.confirm.rows', { done: p.done, total: p.total })}` : ''}
            </Text>
          </Stack>
        )}
        <Group justify="space-between">
          <Button variant="default" onClick={onBack} disabled={commit.isPending}>
            {t('import.confirm.back')}
          </Button>
          <Button onClick={() => commit.mutate()} disabled={blocked} loading={commit.isPending}>
            {t('import.confirm.submit')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** Step 5: what was written, and the way back to the cell's register. */
export function ResultStep({ preview, organizationId, onAnother }: { preview: ImportPreviewDto; organizationId: string; onAnother: () => void }) {
  const { t } = useTranslation();
  const r = preview.result;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="result-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="result-title">
          {t('import.step.result')}
        </Title>
        <Alert color="green" title={t('import.result.done')} role="status">
          {t('import.result.file', { file: preview.fileName })}
        </Alert>
        {r && (
          <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="xs" data-testid="import-result">
            {(['created', 'updated', 'unchanged'] as const).map((k) => (
              <Paper key={k} withBorder radius="sm" p="xs">
                <Text size="sm">{t(`import.result.${k}`)}</Text>
                <Text fw={700} size="xl" data-count={k}>
                  {r[k]}
                </Text>
              </Paper>
            ))}
          </SimpleGrid>
        )}
        <Group justify="space-between">
          <Button variant="default" onClick={onAnother}>
            {t('import.result.another')}
          </Button>
          <Anchor component={Link} to={`/to-chuc/${organizationId}`} fw={600}>
            {t('import.result.backToCell')}
          </Anchor>
        </Group>
      </Stack>
    </Paper>
  );
}
