import { Alert, Button, Group, List, NativeSelect, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IMPORT_FIELDS, type ImportField, type ImportPreviewDto } from '@chibo/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import type { Choices } from './import-state.ts';

/** Column index → field, from the server's field → column. */
function columnsOf(preview: ImportPreviewDto): (ImportField | '')[] {
  const cols: (ImportField | '')[] = preview.headers.map(() => '');
  for (const f of IMPORT_FIELDS) {
    const c = preview.mapping[f];
    if (c !== undefined && c < cols.length) cols[c] = f;
  }
  return cols;
}

/** The full mapping: every field with its column, or null for "no column" (so a header guess cannot come back). */
function mappingOf(cols: readonly (ImportField | '')[]): Choices['mapping'] {
  const mapping: Choices['mapping'] = {};
  for (const f of IMPORT_FIELDS) {
    const c = cols.indexOf(f);
    mapping[f] = c >= 0 ? c : null;
  }
  return mapping;
}

interface Props {
  preview: ImportPreviewDto;
  onApply: (mapping: Choices['mapping']) => Promise<unknown>;
  onBack: () => void;
  error: Error | null;
  pending: boolean;
}

/**
 * Step 2: which column holds which field. The headers an office writes are recognized (with
 * or without diacritics); the user names the field of a column that was not, or corrects one.
 */
export function MappingStep({ preview, onApply, onBack, error, pending }: Props) {
  const { t } = useTranslation();
  const [cols, setCols] = useState(() => columnsOf(preview));
  const missing = (['fullName', 'admittedOn'] as const).filter((f) => !cols.includes(f));
  const unknown = new Set(preview.unknownColumns);

  const choose = (col: number, field: ImportField | '') =>
    // One column per field: choosing a field for this column takes it from any other.
    setCols((cs) => cs.map((f, i) => (i === col ? field : field !== '' && f === field ? '' : f)));

  const options = [{ value: '', label: t('import.mapping.none') }, ...IMPORT_FIELDS.map((f) => ({ value: f, label: t(`import.fields.${f}`) }))];

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="mapping-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="mapping-title">
          {t('import.step.mapping')}
        </Title>
        <Text size="sm">{t('import.mapping.hint', { file: preview.fileName, rows: preview.counts.total })}</Text>
        {missing.length > 0 && (
          <Alert color="yellow" title={t('import.mapping.missingTitle')}>
            <List size="sm">
              {missing.map((f) => (
                <List.Item key={f}>{t('import.mapping.missing', { field: t(`import.fields.${f}`) })}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        {error instanceof ApiError && (
          <Alert color="red" role="alert">
            {error.message}
          </Alert>
        )}
        <Table.ScrollContainer minWidth={420}>
          <Table>
            <caption className="visually-hidden">{t('import.mapping.caption')}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('import.mapping.column')}</Table.Th>
                <Table.Th scope="col">{t('import.mapping.header')}</Table.Th>
                <Table.Th scope="col">{t('import.mapping.field')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {preview.headers.map((h, i) => (
                <Table.Tr key={i}>
                  <Table.Td>{i + 1}</Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>
                    {h || <Text span c="dimmed">{t('import.mapping.noHeader')}</Text>}
                    {unknown.has(i) && cols[i] === '' && (
                      <Text size="xs" c="orange.9">
                        {t('import.mapping.unknown')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <NativeSelect
                      aria-label={t('import.mapping.fieldOf', { header: h || String(i + 1) })}
                      data={options}
                      value={cols[i] ?? ''}
                      onChange={(e) => choose(i, IMPORT_FIELDS.find((f) => f === e.currentTarget.value) ?? '')}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Group justify="space-between">
          <Button variant="default" onClick={onBack}>
            {t('import.mapping.otherFile')}
          </Button>
          <Button onClick={() => void onApply(mappingOf(cols)).catch(() => undefined)} loading={pending} disabled={missing.length > 0}>
            {t('import.next')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
