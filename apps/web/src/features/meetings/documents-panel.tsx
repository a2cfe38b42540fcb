import { Alert, Anchor, Button, Group, NativeSelect, Paper, Progress, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { DOCUMENT_ACCEPT, DOCUMENT_KINDS, DOCUMENT_MAX_BYTES, type DocumentDto, type DocumentKind, type MeetingDetailDto } from '@chibo/core';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { deleteDocument, documentUrl, uploadDocument } from '../../api/meeting-endpoints.ts';
import type { Upload, UploadProgress } from '../../api/upload.ts';
import { formatDateTime } from '../../lib/format.ts';
import { usePartSaved } from './meeting-queries.ts';

/** What the server takes (a larger file is refused before it is read). */
/** The server's own limits (core): the file picker offers what it takes, the form refuses what it would. */
export const MAX_BYTES = DOCUMENT_MAX_BYTES;
export const ACCEPT = DOCUMENT_ACCEPT;

/** Documents to read before the meeting: everyone opens them; officers post and delete them. */
export function DocumentsPanel({ meeting: m, timeZone }: { meeting: MeetingDetailDto; timeZone: string }) {
  const { t } = useTranslation();
  const canPost = m.canManage && m.status !== 'cancelled';
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="documents-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="documents-title">
          {t('meetings.documents.title')}
        </Title>
        <DocumentList meeting={m} documents={m.documents} timeZone={timeZone} canDelete={m.canManage} />
        {canPost && <UploadForm meeting={m} />}
      </Stack>
    </Paper>
  );
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The list with a link each; shared by the meeting page and the home page's card. */
export function DocumentList({
  meeting,
  documents,
  timeZone,
  canDelete = false,
}: {
  meeting?: { id: string; organizationId: string };
  documents: readonly DocumentDto[];
  timeZone: string;
  canDelete?: boolean;
}) {
  const { t } = useTranslation();
  if (documents.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('meetings.documents.empty')}
      </Text>
    );
  }
  return (
    <Stack component="ul" gap="xs" m={0} p={0} style={{ listStyle: 'none' }} data-testid="documents">
      {documents.map((d) => (
        <li key={d.id}>
          <Group justify="space-between" gap="xs" wrap="wrap" align="flex-start">
            <div style={{ minWidth: 0 }}>
              <Anchor href={documentUrl(d.id)} target="_blank" rel="noopener" fw={500} style={{ overflowWrap: 'anywhere' }}>
                {d.title}
              </Anchor>
              <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                {t(`meetings.documents.kind.${d.kind}`)} · {d.fileName} · {formatSize(d.size)} ·{' '}
                {d.postedBy
                  ? t('meetings.documents.postedBy', { at: formatDateTime(d.postedAt, timeZone), by: d.postedBy })
                  : t('meetings.documents.posted', { at: formatDateTime(d.postedAt, timeZone) })}
              </Text>
            </div>
            {canDelete && meeting && <DeleteButton meeting={meeting} document={d} />}
          </Group>
        </li>
      ))}
    </Stack>
  );
}

function DeleteButton({ meeting, document: d }: { meeting: { id: string; organizationId: string }; document: DocumentDto }) {
  const { t } = useTranslation();
  const saved = usePartSaved(meeting);
  const mutation = useMutation({ mutationFn: () => deleteDocument(d.id), onSuccess: () => saved(t('meetings.documents.removed')) });
  return (
    <Stack gap={4} align="flex-end">
      <Button
        variant="outline"
        color="red.9"
        size="compact-sm"
        aria-label={t('meetings.documents.removeDoc', { title: d.title })}
        loading={mutation.isPending}
        onClick={() => {
          if (window.confirm(t('meetings.documents.confirmRemove', { title: d.title }))) mutation.mutate();
        }}
      >
        {t('meetings.documents.remove')}
      </Button>
      {mutation.error instanceof ApiError && (
        <Text size="sm" c="red.9" role="alert">
          {mutation.error.message}
        </Text>
      )}
    </Stack>
  );
}

function UploadForm({ meeting: m }: { meeting: MeetingDetailDto }) {
  const { t } = useTranslation();
  const saved = usePartSaved(m);
  const [kind, setKind] = useState<DocumentKind>(m.kind === 'thematic' ? 'thematic_material' : 'draft_resolution');
  const [title, setTitle] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<{ title?: string; file?: string }>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const upload = useRef<Upload<DocumentDto> | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  // Leaving the page stops an upload still under way.
  useEffect(() => () => upload.current?.abort(), []);

  const handleSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const next: { title?: string; file?: string } = {};
    if (title.trim() === '') next.title = t('meetings.documents.titleRequired');
    if (!file) next.file = t('meetings.documents.pickFile');
    else if (file.size > MAX_BYTES) next.file = t('meetings.documents.tooLarge');
    setErrors(next);
    if (!file || Object.keys(next).length > 0) return;
    setFailure(null);
    setProgress({ loaded: 0, total: file.size });
    const u = uploadDocument(m.id, { kind, title: title.trim(), fileName: file.name }, file, setProgress);
    upload.current = u;
    try {
      await u.done;
      setTitle('');
      setFile(null);
      if (fileInput.current) fileInput.current.value = '';
      await saved(t('meetings.documents.uploaded'));
    } catch (err) {
      if (err instanceof DOMException && err.name === 'AbortError') return;
      setFailure(err instanceof ApiError ? err.message : t('meetings.documents.failed'));
    } finally {
      upload.current = null;
      setProgress(null);
    }
  };

  const uploading = progress !== null;
  const percent = progress && progress.total > 0 ? Math.round((progress.loaded / progress.total) * 100) : 0;

  return (
    <form onSubmit={(e) => void handleSubmit(e)} noValidate aria-labelledby="document-add-title">
      <Stack gap="sm" pt="sm" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
        <Title order={3} size="h4" id="document-add-title">
          {t('meetings.documents.add')}
        </Title>
        {failure && (
          <Alert color="red" role="alert" title={t('meetings.documents.failed')} data-testid="upload-error">
            {failure}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect
            label={t('meetings.documents.kindLabel')}
            data={DOCUMENT_KINDS.map((k) => ({ value: k, label: t(`meetings.documents.kind.${k}`) }))}
            value={kind}
            onChange={(e) => setKind(DOCUMENT_KINDS.find((k) => k === e.currentTarget.value) ?? 'other')}
          />
          <TextInput label={t('meetings.documents.docTitle')} required value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={errors.title} maxLength={300} />
        </SimpleGrid>
        <Stack gap={4}>
          <Text component="label" htmlFor={`document-file-${m.id}`} fw={500} size="sm">
            {t('meetings.documents.file')}
          </Text>
          <input
            ref={fileInput}
            id={`document-file-${m.id}`}
            type="file"
            accept={ACCEPT}
            aria-describedby={`document-file-hint-${m.id}`}
            aria-invalid={errors.file ? true : undefined}
            disabled={uploading}
            style={{ maxWidth: '100%' }}
            onChange={(e) => {
              const f = e.currentTarget.files?.[0] ?? null;
              setFile(f);
              setFailure(null);
              setErrors((x) => ({ ...x, file: undefined }));
              // The file's name is a good first title.
              if (f && title.trim() === '') setTitle(f.name.replace(/\.[^.]+$/, ''));
            }}
          />
          <Text size="xs" c="dimmed" id={`document-file-hint-${m.id}`}>
            {t('meetings.documents.fileHint')}
          </Text>
          {errors.file && (
            <Text size="sm" c="red.9">
              {errors.file}
            </Text>
          )}
        </Stack>
        {uploading && (
          <Stack gap={4}>
            <Progress value={percent} aria-label={t('meetings.documents.progress')} size="lg" animated={percent >= 100} />
            <Text size="sm" aria-live="polite">
              {percent < 100 ? t('meetings.documents.sending', { percent }) : t('meetings.documents.checking')}
            </Text>
          </Stack>
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={uploading}>
            {t('meetings.documents.upload')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
