import { Alert, Anchor, Badge, Button, Group, NativeSelect, Paper, Progress, SimpleGrid, Spoiler, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { AssignPaperInput, SubmitPaperInput, type MeetingDetailDto, type PaperDto } from '@chibo/core';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { assignPaper, decidePaper, paperFileUrl, submitPaper, uploadPaperFile, withdrawPaper } from '../../api/meeting-endpoints.ts';
import type { Upload, UploadProgress } from '../../api/upload.ts';
import { ACCEPT, MAX_BYTES } from './documents-panel.tsx';
import { useSession } from '../../app/session.tsx';
import { DayInput } from '../../lib/date-fields.tsx';
import { formatDateTime, formatDay } from '../../lib/format.ts';
import { randomKey, requestKey } from '../../lib/idempotency.ts';
import { useMemberNames } from './meeting-facts.tsx';
import { fieldError, MutationError } from './meeting-errors.tsx';
import { usePartSaved } from './meeting-queries.ts';
import { dayBefore } from './meeting-time.ts';

const PAPER_COLORS: Record<PaperDto['status'], string> = { assigned: 'gray', submitted: 'blue', accepted: 'green', returned: 'orange' };

export function PaperStatusBadge({ status }: { status: PaperDto['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge variant="dot" color={PAPER_COLORS[status]} c="dark.7" tt="none" size="md" radius="sm">
      {t(`meetings.papers.status.${status}`)}
    </Badge>
  );
}

/** Papers (tham luận): officers assign and judge them; the author writes theirs here. */
export function PapersPanel({ meeting: m, timeZone }: { meeting: MeetingDetailDto; timeZone: string }) {
  const { t } = useTranslation();
  const me = useSession();
  const open = m.status !== 'cancelled' && m.status !== 'ended';
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="papers-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="papers-title">
          {t('meetings.papers.title')}
        </Title>
        {m.papers.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('meetings.papers.empty')}
          </Text>
        ) : (
          <Stack component="ul" gap="sm" m={0} p={0} style={{ listStyle: 'none' }} data-testid="papers">
            {m.papers.map((p) => (
              <PaperItem
                key={p.id}
                meeting={m}
                paper={p}
                timeZone={timeZone}
                isAuthor={p.authorMemberId === me.account.memberId}
                open={open}
              />
            ))}
          </Stack>
        )}
        {m.canManage && open && <AssignForm meeting={m} timeZone={timeZone} />}
      </Stack>
    </Paper>
  );
}

function PaperItem({ meeting: m, paper: p, timeZone, isAuthor, open }: { meeting: MeetingDetailDto; paper: PaperDto; timeZone: string; isAuthor: boolean; open: boolean }) {
  const { t } = useTranslation();
  return (
    <Paper component="li" withBorder p="sm" radius="sm" aria-labelledby={`paper-${p.id}`}>
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Text fw={600} id={`paper-${p.id}`} style={{ overflowWrap: 'anywhere' }}>
            {p.title}
          </Text>
          <PaperStatusBadge status={p.status} />
        </Group>
        <Text size="sm">
          {t('meetings.papers.byAuthor', { name: p.authorName })} · {t('meetings.papers.due', { date: formatDay(p.dueDate) })}
          {p.submittedAt && ` · ${t('meetings.papers.submittedAt', { at: formatDateTime(p.submittedAt, timeZone) })}`}
        </Text>
        {p.comment && <Text size="sm">{t('meetings.papers.comment', { comment: p.comment })}</Text>}
        {p.body && (
          <Spoiler maxHeight={72} showLabel={t('meetings.papers.showBody')} hideLabel={t('common.close')}>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {p.body}
            </Text>
          </Spoiler>
        )}
        {p.hasFile && p.fileName && (
          <Anchor href={paperFileUrl(p.id)} target="_blank" rel="noopener" size="sm" style={{ overflowWrap: 'anywhere' }}>
            {t('meetings.papers.openFile', { name: p.fileName })}
          </Anchor>
        )}
        {isAuthor && open && (p.status === 'assigned' || p.status === 'returned') && (
          <>
            <WriteForm meeting={m} paper={p} />
            <PaperFileForm meeting={m} paper={p} />
          </>
        )}
        {isAuthor && open && p.status === 'submitted' && <SubmittedByMe meeting={m} paper={p} />}
        {m.canManage && open && p.status === 'submitted' && <DecideForm meeting={m} paper={p} />}
      </Stack>
    </Paper>
  );
}

function AssignForm({ meeting: m, timeZone }: { meeting: MeetingDetailDto; timeZone: string }) {
  const { t } = useTranslation();
  const { items: members } = useMemberNames(m.organizationId);
  const saved = usePartSaved(m);
  const [values, setValues] = useState({ title: '', authorMemberId: '', dueDate: dayBefore(m.startsAt, timeZone) });
  const [errors, setErrors] = useState<Partial<Record<'title' | 'authorMemberId' | 'dueDate', string>>>({});
  const [formKey, setFormKey] = useState(randomKey);
  const mutation = useMutation({
    mutationFn: (input: Parameters<typeof assignPaper>[1]) => assignPaper(m.id, input, requestKey(formKey, input)),
    onSuccess: async () => {
      setValues((v) => ({ ...v, title: '', authorMemberId: '' }));
      setFormKey(randomKey());
      await saved(t('meetings.papers.assigned'));
    },
  });

  const handleSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const parsed = AssignPaperInput.safeParse(values);
    const next: typeof errors = {};
    if (values.authorMemberId === '') next.authorMemberId = t('meetings.papers.pickAuthor');
    if (values.dueDate === '') next.dueDate = t('meetings.papers.dateRequired');
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const f = issue.path[0];
        if ((f === 'title' || f === 'authorMemberId' || f === 'dueDate') && next[f] === undefined) next[f] = issue.message;
      }
    }
    setErrors(next);
    if (!parsed.success || Object.keys(next).length > 0) return;
    mutation.mutate(parsed.data);
  };
  const set = (field: 'title' | 'authorMemberId' | 'dueDate') => (e: { currentTarget: { value: string } } | string) => {
    // Text fields hand an event, date fields their value.
    const value = typeof e === 'string' ? e : e.currentTarget.value;
    setValues((v) => ({ ...v, [field]: value }));
  };

  return (
    <form onSubmit={handleSubmit} noValidate aria-labelledby="paper-assign-title">
      <Stack gap="sm" pt="sm" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
        <Title order={3} size="h4" id="paper-assign-title">
          {t('meetings.papers.assign')}
        </Title>
        <MutationError error={mutation.error} placed={['title', 'authorMemberId', 'dueDate']} />
        <TextInput label={t('meetings.papers.paperTitle')} required value={values.title} onChange={set('title')} error={errors.title ?? fieldError(mutation.error, 'title')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect
            label={t('meetings.papers.author')}
            required
            data={[{ value: '', label: t('meetings.fields.none') }, ...members.map((x) => ({ value: x.id, label: x.fullName }))]}
            value={values.authorMemberId}
            onChange={set('authorMemberId')}
            error={errors.authorMemberId ?? fieldError(mutation.error, 'authorMemberId')}
          />
          <DayInput
            label={t('meetings.papers.dueDate')}
            required
            value={values.dueDate}
            onChange={set('dueDate')}
            error={errors.dueDate ?? fieldError(mutation.error, 'dueDate')}
          />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button type="submit" loading={mutation.isPending}>
            {t('meetings.papers.assign')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function WriteForm({ meeting: m, paper: p }: { meeting: MeetingDetailDto; paper: PaperDto }) {
  const { t } = useTranslation();
  const saved = usePartSaved(m);
  const [body, setBody] = useState(p.body ?? '');
  const [error, setError] = useState<string | undefined>();
  const [formKey] = useState(randomKey);
  const mutation = useMutation({
    mutationFn: (text: string) => submitPaper(p.id, text, requestKey(formKey, { body: text })),
    onSuccess: () => saved(t('meetings.papers.submitted')),
  });
  const handleSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const parsed = SubmitPaperInput.safeParse({ body });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message);
      return;
    }
    setError(undefined);
    mutation.mutate(parsed.data.body);
  };
  return (
    <form onSubmit={handleSubmit} noValidate aria-labelledby={`paper-write-${p.id}`}>
      <Stack gap="xs">
        <Title order={3} size="h5" id={`paper-write-${p.id}`}>
          {t('meetings.papers.write')}
        </Title>
        <MutationError error={mutation.error} placed={['body']} />
        <Textarea
          label={t('meetings.papers.body')}
          description={t('meetings.papers.bodyHint')}
          required
          autosize
          minRows={6}
          maxRows={20}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          error={error ?? fieldError(mutation.error, 'body')}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={mutation.isPending}>
            {t('meetings.papers.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Or the author hands in a file (Word, PDF…), with progress; the server checks its bytes. */
function PaperFileForm({ meeting: m, paper: p }: { meeting: MeetingDetailDto; paper: PaperDto }) {
  const { t } = useTranslation();
  const saved = usePartSaved(m);
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const upload = useRef<Upload<PaperDto> | null>(null);
  useEffect(() => () => upload.current?.abort(), []);
  const inputId = `paper-file-${p.id}`;

  const handleSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!file) return setError(t('meetings.documents.pickFile'));
    if (file.size > MAX_BYTES) return setError(t('meetings.documents.tooLarge'));
    setError(null);
    setProgress({ loaded: 0, total: file.size });
    const u = uploadPaperFile(p.id, file.name, file, setProgress);
    upload.current = u;
    try {
      await u.done;
      await saved(t('meetings.papers.submitted'));
    } catch (err) {
      if (err instanceof DOMException && err.name === 'AbortError') return;
      setError(err instanceof ApiError ? err.message : t('meetings.documents.failed'));
    } finally {
      upload.current = null;
      setProgress(null);
    }
  };
  const percent = progress && progress.total > 0 ? Math.round((progress.loaded / progress.total) * 100) : 0;

  return (
    <form onSubmit={(e) => void handleSubmit(e)} noValidate aria-labelledby={`${inputId}-title`}>
      <Stack gap="xs">
        <Title order={3} size="h5" id={`${inputId}-title`}>
          {t('meetings.papers.uploadTitle')}
        </Title>
        {error && (
          <Alert color="red" role="alert" data-testid="paper-upload-error">
            {error}
          </Alert>
        )}
        <Text component="label" htmlFor={inputId} fw={500} size="sm">
          {t('meetings.papers.file')}
        </Text>
        <input
          id={inputId}
          type="file"
          accept={ACCEPT}
          disabled={progress !== null}
          style={{ maxWidth: '100%' }}
          onChange={(e) => {
            setFile(e.currentTarget.files?.[0] ?? null);
            setError(null);
          }}
        />
        {progress !== null && <Progress value={percent} aria-label={t('meetings.documents.progress')} size="lg" animated={percent >= 100} />}
        <Group justify="flex-end">
          <Button type="submit" variant="default" loading={progress !== null}>
            {t('meetings.papers.submitFile')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** A paper the author handed in and the officers have not decided: it may be rewritten or taken back. */
function SubmittedByMe({ meeting: m, paper: p }: { meeting: MeetingDetailDto; paper: PaperDto }) {
  const { t } = useTranslation();
  const saved = usePartSaved(m);
  const [editing, setEditing] = useState(false);
  const withdraw = useMutation({ mutationFn: () => withdrawPaper(p.id), onSuccess: () => saved(t('meetings.papers.withdrawn')) });
  if (editing) return <WriteForm meeting={m} paper={p} />;
  return (
    <Stack gap="xs">
      <Text size="sm">{t('meetings.papers.waiting')}</Text>
      <MutationError error={withdraw.error} />
      <Group gap="xs" justify="flex-end">
        {p.body !== null && (
          <Button variant="default" size="compact-md" onClick={() => setEditing(true)}>
            {t('meetings.papers.edit')}
          </Button>
        )}
        <Button variant="outline" color="red.9" size="compact-md" loading={withdraw.isPending} onClick={() => withdraw.mutate()}>
          {t('meetings.papers.withdraw')}
        </Button>
      </Group>
    </Stack>
  );
}

function DecideForm({ meeting: m, paper: p }: { meeting: MeetingDetailDto; paper: PaperDto }) {
  const { t } = useTranslation();
  const saved = usePartSaved(m);
  const [comment, setComment] = useState('');
  const [formKey] = useState(randomKey);
  const mutation = useMutation({
    mutationFn: (decision: 'accept' | 'return') => {
      const c = comment.trim() === '' ? null : comment.trim();
      return decidePaper(p.id, decision, c, requestKey(formKey, { decision, comment: c }));
    },
    onSuccess: () => saved(t('meetings.papers.decided')),
  });
  return (
    <Stack gap="xs">
      <MutationError error={mutation.error} />
      <Textarea label={t('meetings.papers.commentLabel')} autosize minRows={2} value={comment} onChange={(e) => setComment(e.currentTarget.value)} />
      <Group gap="xs" justify="flex-end">
        <Button variant="default" loading={mutation.isPending && mutation.variables === 'return'} onClick={() => mutation.mutate('return')}>
          {t('meetings.papers.return')}
        </Button>
        <Button loading={mutation.isPending && mutation.variables === 'accept'} onClick={() => mutation.mutate('accept')}>
          {t('meetings.papers.accept')}
        </Button>
      </Group>
    </Stack>
  );
}
