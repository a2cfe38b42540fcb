import { Alert, Button, Group, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import type { ImportPreviewDto } from '@chibo/core';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { uploadImportFile } from '../../api/import-endpoints.ts';
import type { Upload, UploadProgress } from '../../api/upload.ts';

const ACCEPT = '.xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Step 1: pick an Excel or CSV file and send it, with the bytes sent shown as they go. */
export function UploadStep({ organizationId, onUploaded }: { organizationId: string; onUploaded: (dto: ImportPreviewDto) => void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const upload = useRef<Upload<ImportPreviewDto> | null>(null);

  // Leaving the page stops an upload still under way.
  useEffect(() => () => upload.current?.abort(), []);

  const handleSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!file) {
      setError(t('import.upload.pickFile'));
      return;
    }
    setError(null);
    setProgress({ loaded: 0, total: file.size });
    const u = uploadImportFile(organizationId, file, setProgress);
    upload.current = u;
    try {
      const dto = await u.done;
      onUploaded(dto);
    } catch (err) {
      if (err instanceof DOMException && err.name === 'AbortError') return;
      setError(err instanceof ApiError ? err.message : t('import.upload.failed'));
      setProgress(null);
    } finally {
      upload.current = null;
    }
  };

  const uploading = progress !== null;
  const percent = progress && progress.total > 0 ? Math.round((progress.loaded / progress.total) * 100) : 0;

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="upload-title">
      <form onSubmit={(e) => void handleSubmit(e)} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h3" id="upload-title">
            {t('import.step.upload')}
          </Title>
          <Text size="sm">{t('import.upload.hint')}</Text>
          {error && (
            <Alert color="red" role="alert" title={t('import.upload.failed')}>
              {error}
            </Alert>
          )}
          <Stack gap={4}>
            <Text component="label" htmlFor="import-file" fw={500} size="sm">
              {t('import.upload.file')}
            </Text>
            <input
              id="import-file"
              type="file"
              accept={ACCEPT}
              aria-describedby="import-file-hint"
              disabled={uploading}
              style={{ maxWidth: '100%' }}
              onChange={(e) => {
                setFile(e.currentTarget.files?.[0] ?? null);
                setError(null);
              }}
            />
            <Text size="xs" c="dimmed" id="import-file-hint">
              {t('import.upload.fileHint')}
            </Text>
          </Stack>
          {uploading && (
            <Stack gap={4}>
              <Progress value={percent} aria-label={t('import.upload.progress')} size="lg" animated={percent >= 100} />
              <Text size="sm" aria-live="polite">
                {percent < 100 ? t('import.upload.sending', { percent }) : t('import.upload.reading')}
              </Text>
            </Stack>
          )}
          <Group justify="flex-end">
            <Button type="submit" loading={uploading}>
              {t('import.upload.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
