import { ActionIcon, Alert, Button, Group, NativeSelect, NumberInput, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { AGENDA_CATEGORIES, AGENDA_SECTIONS, type AgendaCategory, type AgendaItemInput, type AgendaSection, type MeetingDetailDto } from '@chibo/core';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { putAgenda } from '../../api/meeting-endpoints.ts';
import { randomKey } from '../../lib/idempotency.ts';
import { MutationError } from './meeting-errors.tsx';
import { useMeetingMutation } from './meeting-queries.ts';

interface Row {
  /** A key for React while editing; the server numbers the items itself. */
  key: string;
  section: AgendaSection;
  category: AgendaCategory;
  title: string;
  plannedMinutes: number | string;
  paperId: string | null;
}

function rowsOf(m: MeetingDetailDto): Row[] {
  return [...m.agenda]
    .sort((a, b) => a.position - b.position)
    .map((i) => ({ key: i.id, section: i.section, category: i.category, title: i.title, plannedMinutes: i.plannedMinutes, paperId: i.paperId }));
}

function minutesOf(r: Row): number {
  return typeof r.plannedMinutes === 'number' ? r.plannedMinutes : 0;
}

/** Items in section order (Khai mạc, Nội dung, Kết thúc), each section's own order kept. */
function bySection(rows: readonly Row[]): Row[] {
  return AGENDA_SECTIONS.flatMap((s) => rows.filter((r) => r.section === s));
}

function isValid(r: Row): boolean {
  const title = r.title.trim();
  return title.length >= 2 && title.length <= 300 && typeof r.plannedMinutes === 'number' && r.plannedMinutes >= 0 && r.plannedMinutes <= 600;
}

/** Officers edit the agenda while the meeting is not over; everyone else reads it. */
export function AgendaPanel({ meeting: m }: { meeting: MeetingDetailDto }) {
  const { t } = useTranslation();
  const editable = m.canManage && (m.status === 'draft' || m.status === 'announced');
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="agenda-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="agenda-title">
          {t('meetings.agenda.title')}
        </Title>
        {/* The revision in the key: a reloaded meeting (after a save or a 409) starts a fresh draft. */}
        {editable ? <AgendaEditor key={m.revision} meeting={m} /> : <AgendaView meeting={m} />}
      </Stack>
    </Paper>
  );
}

/** The agenda's total against the rules' minimum and the meeting's own planned length (core agendaCheck's two questions). */
function TotalLine({ total, min, planned }: { total: number; min: number; planned: number }) {
  const { t } = useTranslation();
  return (
    <>
      <Text size="sm" aria-live="polite">
        {t('meetings.agenda.total', { total, min })}
      </Text>
      {total < min && (
        <Alert color="orange" data-testid="agenda-under">
          {t('meetings.agenda.under', { min })}
        </Alert>
      )}
      {total > planned && (
        <Alert color="orange" data-testid="agenda-over">
          {t('meetings.agenda.over', { total, planned })}
        </Alert>
      )}
    </>
  );
}

function AgendaView({ meeting: m }: { meeting: MeetingDetailDto }) {
  const { t } = useTranslation();
  const rows = bySection(rowsOf(m));
  return (
    <>
      {AGENDA_SECTIONS.map((s) => {
        const items = rows.filter((r) => r.section === s);
        return (
          <Fragment key={s}>
            <Title order={3} size="h5">
              {t(`meetings.agenda.section.${s}`)}
            </Title>
            {items.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('meetings.agenda.empty')}
              </Text>
            ) : (
              <Stack component="ol" gap={4} m={0} pl="lg">
                {items.map((r) => (
                  <li key={r.key}>
                    <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                      {r.title} — {t('meetings.agenda.minutesValue', { minutes: minutesOf(r) })}
                    </Text>
                  </li>
                ))}
              </Stack>
            )}
          </Fragment>
        );
      })}
      <TotalLine total={m.agendaMinutes} min={m.minMinutes} planned={m.plannedMinutes} />
    </>
  );
}

function AgendaEditor({ meeting: m }: { meeting: MeetingDetailDto }) {
  const { t } = useTranslation();
  const [rows, setRows] = useState(() => bySection(rowsOf(m)));
  const [dirty, setDirty] = useState(false);
  const [showErrors, setShowErrors] = useState(false);
  const { mutation, conflict } = useMeetingMutation(m, (items: AgendaItemInput[]) => putAgenda(m.id, m.revision, items), t('meetings.agenda.saved'));
  const total = rows.reduce((sum, r) => sum + minutesOf(r), 0);

  const change = (next: Row[]) => {
    setRows(bySection(next));
    setDirty(true);
  };
  const patch = (key: string, p: Partial<Row>) => change(rows.map((r) => (r.key === key ? { ...r, ...p } : r)));
  const move = (key: string, by: -1 | 1) => {
    const i = rows.findIndex((r) => r.key === key);
    const j = i + by;
    const a = rows[i];
    const b = rows[j];
    if (!a || !b || a.section !== b.section) return;
    const next = [...rows];
    next[i] = b;
    next[j] = a;
    change(next);
  };
  const add = (section: AgendaSection) => {
    const last = rows.filter((r) => r.section === section).at(-1);
    const row: Row = { key: randomKey(), section, category: section === 'content' ? 'discussion' : 'procedure', title: '', plannedMinutes: 10, paperId: null };
    const at = last ? rows.indexOf(last) + 1 : rows.length;
    change([...rows.slice(0, at), row, ...rows.slice(at)]);
  };

  const handleSave = () => {
    if (!rows.every(isValid)) {
      setShowErrors(true);
      return;
    }
    setShowErrors(false);
    mutation.mutate(rows.map((r) => ({ section: r.section, category: r.category, title: r.title.trim(), plannedMinutes: minutesOf(r), paperId: r.paperId })));
  };

  let n = 0;
  return (
    <>
      <MutationError error={mutation.error} conflict={conflict} />
      {AGENDA_SECTIONS.map((s) => {
        const items = rows.filter((r) => r.section === s);
        const sectionLabel = t(`meetings.agenda.section.${s}`);
        return (
          <Stack key={s} gap="xs" component="section" aria-labelledby={`agenda-${s}`}>
            <Title order={3} size="h5" id={`agenda-${s}`}>
              {sectionLabel}
            </Title>
            {items.length === 0 && (
              <Text size="sm" c="dimmed">
                {t('meetings.agenda.empty')}
              </Text>
            )}
            {items.map((r, k) => {
              n += 1;
              const no = n;
              const titleBad = showErrors && (r.title.trim().length < 2 || r.title.trim().length > 300);
              const minutesBad = showErrors && !(typeof r.plannedMinutes === 'number' && r.plannedMinutes >= 0 && r.plannedMinutes <= 600);
              return (
                <Paper key={r.key} withBorder p="xs" radius="sm" data-testid="agenda-item">
                  <Group gap="xs" align="flex-end" wrap="wrap">
                    <TextInput
                      style={{ flex: '3 1 14rem' }}
                      label={t('meetings.agenda.titleOf', { n: no })}
                      value={r.title}
                      onChange={(e) => patch(r.key, { title: e.currentTarget.value })}
                      error={titleBad ? t('meetings.agenda.titleInvalid') : undefined}
                    />
                    <NativeSelect
                      style={{ flex: '2 1 10rem' }}
                      label={t('meetings.agenda.categoryOf', { n: no })}
                      data={AGENDA_CATEGORIES.map((c) => ({ value: c, label: t(`meetings.agenda.category.${c}`) }))}
                      value={r.category}
                      onChange={(e) => patch(r.key, { category: AGENDA_CATEGORIES.find((c) => c === e.currentTarget.value) ?? 'other' })}
                    />
                    <NumberInput
                      style={{ flex: '1 1 6rem' }}
                      label={t('meetings.agenda.minutesOf', { n: no })}
                      min={0}
                      max={600}
                      value={r.plannedMinutes}
                      onChange={(v) => patch(r.key, { plannedMinutes: v })}
                      error={minutesBad ? t('meetings.agenda.minutesInvalid') : undefined}
                    />
                    <Group gap={4} wrap="nowrap">
                      <ActionIcon variant="default" size="input-sm" disabled={k === 0} aria-label={t('meetings.agenda.moveUp', { n: no })} onClick={() => move(r.key, -1)}>
                        ↑
                      </ActionIcon>
                      <ActionIcon
                        variant="default"
                        size="input-sm"
                        disabled={k === items.length - 1}
                        aria-label={t('meetings.agenda.moveDown', { n: no })}
                        onClick={() => move(r.key, 1)}
                      >
                        ↓
                      </ActionIcon>
                      <ActionIcon
                        variant="default"
                        size="input-sm"
                        aria-label={t('meetings.agenda.remove', { n: no })}
                        onClick={() => change(rows.filter((x) => x.key !== r.key))}
                      >
                        ×
                      </ActionIcon>
                    </Group>
                  </Group>
                </Paper>
              );
            })}
            <div>
              <Button variant="default" size="compact-md" onClick={() => add(s)}>
                {t('meetings.agenda.add', { section: sectionLabel })}
              </Button>
            </div>
          </Stack>
        );
      })}
      <TotalLine total={total} min={m.minMinutes} planned={m.plannedMinutes} />
      <Group gap="xs" justify="flex-end" wrap="wrap">
        {dirty && (
          <Text size="sm" c="orange.9" role="status">
            {t('meetings.agenda.unsaved')}
          </Text>
        )}
        {dirty && (
          <Button
            variant="default"
            onClick={() => {
              setRows(bySection(rowsOf(m)));
              setDirty(false);
              setShowErrors(false);
            }}
          >
            {t('meetings.agenda.undo')}
          </Button>
        )}
        <Button onClick={handleSave} loading={mutation.isPending} disabled={!dirty}>
          {t('meetings.agenda.save')}
        </Button>
      </Group>
    </>
  );
}
