import { Alert, Button, Group, List, Pagination, Paper, SimpleGrid, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { IMPORT_FIELDS, type ImportField, type ImportPreviewDto } from '@chibo/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import type { PreviewPage } from '../../api/import-endpoints.ts';
import { PAGE_SIZE, type Choices, type PreviewUpdate } from './import-state.ts';
import { PreviewRow } from './preview-row.tsx';

interface Props {
  preview: ImportPreviewDto;
  choices: Choices;
  page: PreviewPage;
  update: PreviewUpdate;
  pending: boolean;
  error: Error | null;
  onBack: () => void;
  onNext: () => void;
}

const COUNT_KEYS = ['total', 'create', 'update', 'unchanged', 'error', 'warning', 'skipped'] as const;

/** Step 3: every row as it will be saved, page by page, with its errors; bad cells are corrected here. */
export function PreviewStep({ preview, choices, page, update, pending, error, onBack, onNext }: Props) {
  const { t } = useTranslation();
  const fields = IMPORT_FIELDS.filter((f) => preview.mapping[f] !== undefined);
  const pool = page.only === 'errors' ? preview.counts.error : preview.counts.total;
  const pages = Math.max(1, Math.ceil(pool / PAGE_SIZE));
  const current = Math.floor(page.offset / PAGE_SIZE) + 1;
  // The switch moves at once; the rows follow when the server answers.
  const [wantOnly, setWantOnly] = useState<PreviewPage['only'] | null>(null);
  const only = wantOnly ?? page.only;

  const edit = (row: number) => (cells: Partial<Record<ImportField, string>>) =>
    update({ choices: { ...choices, edits: { ...choices.edits, [String(row)]: { ...choices.edits[String(row)], ...cells } } }, page });
  const skip = (row: number) => (on: boolean) => {
    const rest = choices.skip.filter((r) => r !== row);
    void update({ choices: { ...choices, skip: on ? [...rest, row] : rest }, page }).catch(() => undefined);
  };
  const goTo = (p: number) => void update({ page: { ...page, offset: (p - 1) * PAGE_SIZE } }).catch(() => undefined);

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="preview-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="preview-title">
          {t('import.step.preview')}
        </Title>
        <Text size="sm">{t('import.preview.hint')}</Text>
        <SimpleGrid cols={{ base: 2, xs: 4, md: 7 }} spacing="xs" data-testid="import-counts" aria-live="polite">
          {COUNT_KEYS.map((k) => (
            <Paper key={k} withBorder radius="sm" p="xs">
              <Text size="xs" c="dimmed">
                {t(`import.counts.${k}`)}
              </Text>
              <Text fw={700} size="lg" data-count={k}>
                {preview.counts[k]}
              </Text>
            </Paper>
          ))}
        </SimpleGrid>
        {error instanceof ApiError && (
          <Alert color="red" role="alert">
            {error.message}
            {error.issues.length > 0 && (
              <List size="sm">
                {error.issues.map((i) => (
                  <List.Item key={i.path + i.message}>{i.message}</List.Item>
                ))}
              </List>
            )}
          </Alert>
        )}
        <Switch
          label={t('import.preview.onlyErrors')}
          checked={only === 'errors'}
          disabled={pending}
          onChange={(e) => {
            const next = e.currentTarget.checked ? 'errors' : 'all';
            setWantOnly(next);
            void update({ page: { offset: 0, limit: PAGE_SIZE, only: next } })
              .catch(() => undefined)
              .finally(() => setWantOnly(null));
          }}
        />
        {preview.rows.length === 0 ? (
          <Text c="dimmed">{page.only === 'errors' ? t('import.preview.noErrors') : t('import.preview.empty')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={Math.max(640, 100 * fields.length + 320)}>
            <Table verticalSpacing="xs" aria-busy={pending}>
              <caption className="visually-hidden">{t('import.preview.caption', { file: preview.fileName })}</caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('import.preview.row')}</Table.Th>
                  {fields.map((f) => (
                    <Table.Th scope="col" key={f}>
                      {t(`import.fields.${f}`)}
                    </Table.Th>
                  ))}
                  <Table.Th scope="col">{t('import.preview.result')}</Table.Th>
                  <Table.Th scope="col" className="import-row-actions">
                    {t('import.preview.actions')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {preview.rows.map((r) => (
                  <PreviewRow key={r.row} row={r} fields={fields} pending={pending} onEdit={edit(r.row)} onSkip={skip(r.row)} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {pages > 1 && (
          <Pagination
            total={pages}
            value={current}
            onChange={goTo}
            disabled={pending}
            aria-label={t('import.preview.pages')}
            getItemProps={(p) => ({ 'aria-label': t('import.preview.page', { page: p }) })}
            getControlProps={(c) => ({ 'aria-label': t(`import.preview.control.${c}`) })}
            withEdges
          />
        )}
        <Group justify="space-between">
          <Button variant="default" onClick={onBack}>
            {t('import.preview.backToMapping')}
          </Button>
          <Button onClick={onNext} disabled={pending}>
            {t('import.next')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
