import { Badge, Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import type { ImportField, ImportRowDto } from '@chibo/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

const ACTION_COLORS: Record<ImportRowDto['action'], string> = {
  create: 'green',
  update: 'blue',
  unchanged: 'gray',
  error: 'red',
  skipped: 'gray',
};

export function ActionBadge({ action }: { action: ImportRowDto['action'] }) {
  const { t } = useTranslation();
  return (
    <Badge variant="dot" color={ACTION_COLORS[action]} c="dark.7" tt="none" size="lg" radius="sm">
      {t(`import.action.${action}`)}
    </Badge>
  );
}

/** Errors in red; warnings (a cell to confirm, e.g. one that may be legacy-font text) in orange. */
function Messages({ messages, warning = false }: { messages: readonly string[]; warning?: boolean }) {
  return messages.map((m) => (
    <Text key={m} size="xs" c={warning ? 'orange.9' : 'red.9'} style={{ overflowWrap: 'break-word', whiteSpace: 'normal', minWidth: '10rem' }}>
      {m}
    </Text>
  ));
}

interface Props {
  row: ImportRowDto;
  fields: readonly ImportField[];
  pending: boolean;
  /** Corrected texts of this row's cells; the preview is checked again with them. */
  onEdit: (edits: Partial<Record<ImportField, string>>) => Promise<unknown>;
  onSkip: (skip: boolean) => void;
}

/**
 * One file row as it will be saved: its cells with the errors of each beside it, what will
 * happen to it, and the user's way out of an error: correct the cells, or leave the row out.
 */
export function PreviewRow({ row, fields, pending, onEdit, onSkip }: Props) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Partial<Record<ImportField, string>> | null>(null);
  const errorsOf = (f: string) => row.errors.filter((e) => e.field === f).map((e) => e.message);
  const warningsOf = (f: string) => row.warnings.filter((w) => w.field === f).map((w) => w.message);
  const shown = new Set<string>(fields);
  const rowErrors = row.errors.filter((e) => !shown.has(e.field)).map((e) => e.message);
  const rowWarnings = row.warnings.filter((w) => !shown.has(w.field)).map((w) => w.message);
  const label = (f: ImportField) => t('import.preview.cellLabel', { field: t(`import.fields.${f}`), row: row.row });

  const handleSave = async () => {
    if (!draft) return;
    const changed: Partial<Record<ImportField, string>> = {};
    for (const f of fields) if (draft[f] !== undefined && draft[f] !== (row.cells[f] ?? '')) changed[f] = draft[f];
    try {
      await onEdit(changed);
      setDraft(null);
    } catch {
      // The step shows the server's message; the row stays open for another try.
    }
  };

  return (
    <Table.Tr data-row={row.row} bg={row.action === 'error' ? 'red.0' : undefined}>
      <Table.Td>{row.row}</Table.Td>
      {fields.map((f) => (
        <Table.Td key={f} style={{ minWidth: draft ? '9rem' : f === 'fullName' ? '9rem' : undefined }}>
          {draft ? (
            <TextInput
              size="xs"
              aria-label={label(f)}
              maxLength={300}
              value={draft[f] ?? ''}
              error={errorsOf(f).join(' ') || undefined}
              onChange={(e) => {
                const v = e.currentTarget.value;
                setDraft((d) => ({ ...d, [f]: v }));
              }}
            />
          ) : (
            <Stack gap={2}>
              <Text size="sm" style={{ overflowWrap: 'break-word' }} td={row.action === 'skipped' ? 'line-through' : undefined}>
                {row.cells[f] ?? ''}
              </Text>
              <Messages messages={errorsOf(f)} />
              <Messages messages={warningsOf(f)} warning />
            </Stack>
          )}
        </Table.Td>
      ))}
      <Table.Td style={{ whiteSpace: 'nowrap', minWidth: '8.5rem' }}>
        <Stack gap={2} align="flex-start">
          <ActionBadge action={row.action} />
          <Messages messages={rowErrors} />
          <Messages messages={rowWarnings} warning />
        </Stack>
      </Table.Td>
      {/* The row's buttons stay in sight while its cells scroll sideways: on a phone the table is
          wider than its card, and the editor's "check again" would otherwise sit off screen. */}
      <Table.Td className="import-row-actions" bg={row.action === 'error' ? 'red.0' : 'var(--mantine-color-body)'}>
        <Group gap={4} wrap="nowrap">
          {draft ? (
            <>
              <Button size="compact-sm" onClick={() => void handleSave()} loading={pending} aria-label={t('import.preview.recheckRow', { row: row.row })}>
                {t('import.preview.recheck')}
              </Button>
              <Button size="compact-sm" variant="default" onClick={() => setDraft(null)}>
                {t('common.cancel')}
              </Button>
            </>
          ) : row.action === 'skipped' ? (
            <Button size="compact-sm" variant="default" disabled={pending} onClick={() => onSkip(false)} aria-label={t('import.preview.unskipRow', { row: row.row })}>
              {t('import.preview.unskip')}
            </Button>
          ) : (
            <>
              <Button
                size="compact-sm"
                variant="default"
                disabled={pending}
                onClick={() => setDraft({ ...row.cells })}
                aria-label={t('import.preview.editRow', { row: row.row })}
              >
                {t('import.preview.edit')}
              </Button>
              <Button size="compact-sm" variant="default" disabled={pending} onClick={() => onSkip(true)} aria-label={t('import.preview.skipRow', { row: row.row })}>
                {t('import.preview.skip')}
              </Button>
            </>
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
