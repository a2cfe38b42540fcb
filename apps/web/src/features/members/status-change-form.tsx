import { Button, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { applyStatusChange, endableLayers, historyInputOf, isConfirmed, type StatusChange, isCalendarDate, type MemberDto } from '@chibo/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DayInput } from '../../lib/date-fields.tsx';
import { formatDay, todayIn } from '../../lib/format.ts';
import { EndPeriodFields } from './end-period-fields.tsx';
import { ServerErrors, useHistoryMutation } from './member-mutations.tsx';

type Kind = StatusChange['kind'];

interface Values {
  kind: Kind;
  on: string;
  from: string;
  to: string;
  track: 'A' | 'B';
  reason: string;
  decisionRef: string;
  layer: string;
}

type Errors = Partial<Record<'on' | 'from' | 'to' | 'layer', string>>;

/** Công nhận chính thức, miễn sinh hoạt (diện A/B), đình chỉ, or the end of an exemption or suspension. */
export function StatusChangeForm({ member }: { member: MemberDto }) {
  const { t } = useTranslation();
  const today = todayIn();
  const layers = endableLayers(member.history, today);
  const kinds: Kind[] = [...(member.history.admittedOn !== null && !isConfirmed(member.history) ? (['confirm'] as const) : []), 'exempt', 'suspend', ...(layers.length > 0 ? (['end'] as const) : [])];
  const initial: Values = { kind: kinds[0] ?? 'exempt', on: '', from: '', to: '', track: 'A', reason: '', decisionRef: '', layer: String(layers[0] ?? '') };
  const [values, setValues] = useState<Values>(initial);
  const [errors, setErrors] = useState<Errors>({});
  // The panel remounts this form with the saved record, so nothing to reset here.
  const mutation = useHistoryMutation(member);

  const set = (field: keyof Values) => (e: { currentTarget: { value: string } } | string) => {
    // Text fields hand an event, date fields their value.
    const value = typeof e === 'string' ? e : e.currentTarget.value;
    setValues((v) => ({ ...v, [field]: value }));
  };

  const change = (): StatusChange | Errors => {
    const v = values;
    const missing = t('memberPage.form.dateRequired');
    switch (v.kind) {
      case 'confirm':
        return isCalendarDate(v.on) ? { kind: 'confirm', on: v.on } : { on: missing };
      case 'exempt':
      case 'suspend': {
        if (!isCalendarDate(v.from)) return { from: missing };
        if (v.to !== '' && v.to < v.from) return { to: t('memberPage.form.toBeforeFrom') };
        const to = v.to === '' ? null : v.to;
        return v.kind === 'exempt'
          ? { kind: 'exempt', track: v.track, from: v.from, to, reason: v.reason, decisionRef: v.decisionRef }
          : { kind: 'suspend', from: v.from, to, reason: v.reason, decisionRef: v.decisionRef };
      }
      case 'end':
        if (v.layer === '') return { layer: t('memberPage.form.pickOne') };
        return isCalendarDate(v.on) ? { kind: 'end', index: Number(v.layer), lastDay: v.on } : { on: missing };
    }
  };

  const handleSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const input = historyInputOf(member.history);
    const c = change();
    if (!('kind' in c)) {
      setErrors(c);
      return;
    }
    setErrors({});
    if (input) mutation.mutate(applyStatusChange(input, c));
  };

  const layerLabel = (i: number) => {
    const s = member.history.statuses[i];
    if (!s) return '';
    const what = s.status === 'exempt' && s.exemptTrack ? t('timeline.exemptTrack', { track: s.exemptTrack, trackLabel: t(`timeline.track${s.exemptTrack}`) }) : t(`timeline.status.${s.status}`);
    return `${what} — ${t('timeline.since', { from: formatDay(s.from) })}`;
  };

  return (
    <form onSubmit={handleSubmit} noValidate aria-label={t('memberPage.tabs.status')}>
      <Stack>
        <ServerErrors error={mutation.error} />
        <NativeSelect
          label={t('memberPage.form.statusKind')}
          data={kinds.map((k) => ({ value: k, label: t(`memberPage.form.kind.${k}`) }))}
          value={values.kind}
          onChange={(e) => {
            const picked = kinds.find((k) => k === e.currentTarget.value);
            if (picked) setValues((v) => ({ ...v, kind: picked }));
            setErrors({});
          }}
        />
        {values.kind === 'confirm' && (
          <DayInput
            required
            label={t('memberPage.form.confirmOn')}
            description={t('memberPage.form.confirmHint')}
            value={values.on}
            onChange={set('on')}
            error={errors.on}
          />
        )}
        {(values.kind === 'exempt' || values.kind === 'suspend') && (
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            {values.kind === 'exempt' && (
              <NativeSelect
                label={t('memberPage.form.track')}
                data={(['A', 'B'] as const).map((k) => ({ value: k, label: `${k} — ${t(`timeline.track${k}`)}` }))}
                value={values.track}
                onChange={(e) => {
                  const track = e.currentTarget.value === 'B' ? 'B' : 'A';
                  setValues((v) => ({ ...v, track }));
                }}
              />
            )}
            <DayInput required label={t('memberPage.form.from')} value={values.from} onChange={set('from')} error={errors.from} />
            <DayInput
              label={t('memberPage.form.to')}
              value={values.to}
              onChange={set('to')}
              error={errors.to}
            />
            <TextInput label={t('memberPage.form.reason')} maxLength={500} value={values.reason} onChange={set('reason')} />
            <TextInput
              label={t('memberPage.form.decisionRef')}
              placeholder={t('memberPage.form.decisionRefPlaceholder')}
              maxLength={120}
              value={values.decisionRef}
              onChange={set('decisionRef')}
            />
          </SimpleGrid>
        )}
        {values.kind === 'end' && (
          <EndPeriodFields
            label={t('memberPage.form.layer')}
            periods={layers}
            periodLabel={layerLabel}
            period={values.layer}
            onPeriod={set('layer')}
            periodError={errors.layer}
            lastDay={values.on}
            onLastDay={set('on')}
            lastDayError={errors.on}
          />
        )}
        {member.history.admittedOn === null && <Text c="dimmed">{t('memberPage.form.noAdmission')}</Text>}
        <Group justify="flex-end">
          <Button type="submit" loading={mutation.isPending} disabled={member.history.admittedOn === null}>
            {t('memberPage.form.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
