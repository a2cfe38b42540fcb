import { Button, Group, NativeSelect, SimpleGrid, Stack, Text } from '@mantine/core';
import { addPosition, endablePositions, endPosition, historyInputOf, isCalendarDate, POSITIONS, type MemberDto, type Position } from '@chibo/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DayInput } from '../../lib/date-fields.tsx';
import { formatDay, todayIn } from '../../lib/format.ts';
import { EndPeriodFields } from './end-period-fields.tsx';
import { ServerErrors, useHistoryMutation } from './member-mutations.tsx';

interface Values {
  mode: 'add' | 'end';
  position: Position;
  from: string;
  to: string;
  term: string;
  lastDay: string;
}
type Errors = Partial<Record<'from' | 'to' | 'term' | 'lastDay', string>>;

/** A post with its term in the member's cell (bí thư, phó bí thư, chi ủy viên, tổ trưởng), or the end of one. */
export function PositionForm({ member }: { member: MemberDto }) {
  const { t } = useTranslation();
  const terms = endablePositions(member.history, todayIn());
  const cellId = member.organizationId;
  const cellName = [...member.history.memberships].reverse().find((m) => m.organizationId === cellId)?.organizationName ?? '';
  const initial: Values = { mode: 'add', position: 'committee_member', from: '', to: '', term: String(terms[0] ?? ''), lastDay: '' };
  const [values, setValues] = useState<Values>(initial);
  const [errors, setErrors] = useState<Errors>({});
  const mutation = useHistoryMutation(member);

  const set = (field: 'from' | 'to' | 'term' | 'lastDay') => (e: { currentTarget: { value: string } } | string) => {
    // Text fields hand an event, date fields their value.
    const value = typeof e === 'string' ? e : e.currentTarget.value;
    setValues((v) => ({ ...v, [field]: value }));
  };

  const handleSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const input = historyInputOf(member.history);
    const v = values;
    const next: Errors = {};
    if (v.mode === 'add') {
      if (!isCalendarDate(v.from)) next.from = t('memberPage.form.dateRequired');
      else if (v.to !== '' && v.to < v.from) next.to = t('memberPage.form.toBeforeFrom');
    } else {
      if (v.term === '') next.term = t('memberPage.form.pickOne');
      if (!isCalendarDate(v.lastDay)) next.lastDay = t('memberPage.form.dateRequired');
    }
    setErrors(next);
    if (Object.keys(next).length > 0 || input === null) return;
    mutation.mutate(
      v.mode === 'add'
        ? addPosition(input, { organizationId: cellId, position: v.position, from: v.from, to: v.to === '' ? null : v.to })
        : endPosition(input, Number(v.term), v.lastDay),
    );
  };

  const termLabel = (i: number) => {
    const p = member.history.positions[i];
    return p ? `${t(`member.position.${p.position}`)} — ${p.organizationName} — ${t('timeline.since', { from: formatDay(p.from) })}` : '';
  };

  return (
    <form onSubmit={handleSubmit} noValidate aria-label={t('memberPage.tabs.position')}>
      <Stack>
        <ServerErrors error={mutation.error} />
        <NativeSelect
          label={t('memberPage.form.positionMode')}
          data={[
            { value: 'add', label: t('memberPage.form.addPosition') },
            ...(terms.length > 0 ? [{ value: 'end', label: t('memberPage.form.endPosition') }] : []),
          ]}
          value={values.mode}
          onChange={(e) => {
            const mode = e.currentTarget.value === 'end' ? 'end' : 'add';
            setValues((v) => ({ ...v, mode }));
            setErrors({});
          }}
        />
        {values.mode === 'add' ? (
          <>
            <Text size="sm">{t('memberPage.form.inCell', { organization: cellName })}</Text>
            <SimpleGrid cols={{ base: 1, xs: 3 }}>
              <NativeSelect
                label={t('member.positionLabel')}
                data={POSITIONS.map((p) => ({ value: p, label: t(`member.position.${p}`) }))}
                value={values.position}
                onChange={(e) => {
                  const position = POSITIONS.find((p) => p === e.currentTarget.value);
                  if (position) setValues((v) => ({ ...v, position }));
                }}
              />
              <DayInput required label={t('memberPage.form.from')} value={values.from} onChange={set('from')} error={errors.from} />
              <DayInput
                label={t('memberPage.form.to')}
                value={values.to}
                onChange={set('to')}
                error={errors.to}
              />
            </SimpleGrid>
          </>
        ) : (
          <EndPeriodFields
            label={t('memberPage.form.term')}
            periods={terms}
            periodLabel={termLabel}
            period={values.term}
            onPeriod={set('term')}
            periodError={errors.term}
            lastDay={values.lastDay}
            onLastDay={set('lastDay')}
            lastDayError={errors.lastDay}
          />
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={mutation.isPending} disabled={member.history.admittedOn === null}>
            {t('memberPage.form.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
