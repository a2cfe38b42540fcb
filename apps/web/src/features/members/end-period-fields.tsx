import { NativeSelect, SimpleGrid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DayInput } from '../../lib/date-fields.tsx';

type Change = (e: { currentTarget: { value: string } }) => void;

/** Which running period ends (an exemption, a suspension, a post) and its last day. */
export function EndPeriodFields(props: {
  label: string;
  periods: readonly number[];
  periodLabel: (index: number) => string;
  period: string;
  onPeriod: Change;
  periodError?: string | undefined;
  lastDay: string;
  onLastDay: (day: string) => void;
  lastDayError?: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, xs: 2 }}>
      <NativeSelect
        label={props.label}
        data={props.periods.map((i) => ({ value: String(i), label: props.periodLabel(i) }))}
        value={props.period}
        onChange={props.onPeriod}
        error={props.periodError}
      />
      <DayInput required label={t('memberPage.form.lastDay')} value={props.lastDay} onChange={props.onLastDay} error={props.lastDayError} />
    </SimpleGrid>
  );
}
