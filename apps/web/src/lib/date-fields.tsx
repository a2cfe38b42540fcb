import { Group, Input } from '@mantine/core';
import { DateInput, DatesProvider, TimePicker } from '@mantine/dates';
import { isCalendarDate } from '@chibo/core';
// The Vietnamese month and weekday names (English is dayjs's own).
import 'dayjs/locale/vi';
import { useId, useState, type CSSProperties, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DAY_FORMAT, dayFieldValue, dayOfText, joinDayTime, splitDayTime } from './date-values.ts';

/**
 * The app's date and time fields. The browser's own (<input type="date">, "time") draw
 * mm/dd/yyyy and "02:00 PM" in an English browser, so 03/02 and 02/03 were confused: these
 * show dd/mm/yyyy and 24-hour time whatever the browser's language, and take what is typed.
 */

/** Month and weekday names in the UI language; weeks start on Monday, as Vietnamese calendars do. */
export function DatesSettings({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  return <DatesProvider settings={{ locale: i18n.language === 'en' ? 'en' : 'vi', firstDayOfWeek: 1 }}>{children}</DatesProvider>;
}

interface FieldProps {
  label?: ReactNode;
  /** The name a screen reader says where no label is drawn (the parts of DayTimeInput). */
  'aria-label'?: string;
  description?: ReactNode;
  error?: ReactNode;
  required?: boolean;
  disabled?: boolean;
  style?: CSSProperties;
}

interface DayInputProps extends FieldProps {
  /** 'YYYY-MM-DD', '' when empty, or typed text that is not a day (the form refuses it). */
  value: string;
  onChange: (value: string) => void;
}

/** A day, shown and typed as dd/mm/yyyy, with a calendar to pick from. */
export function DayInput({ value, onChange, error, ...field }: DayInputProps) {
  const { t } = useTranslation();
  const [focused, setFocused] = useState(false);
  // The calendar's visibility is ours, so that Escape closes the calendar and not the dialog
  // around the field with everything typed in it.
  const [calendar, setCalendar] = useState(false);
  const isDay = isCalendarDate(value);
  const notADay = value !== '' && !isDay;
  return (
    <DateInput
      {...field}
      value={isDay ? value : null}
      valueFormat={DAY_FORMAT}
      dateParser={dayOfText}
      // The years core's reading accepts: the calendar offers no day that typing would refuse.
      minDate="1900-01-01"
      maxDate="2100-12-31"
      placeholder={t('dates.dayPlaceholder')}
      // Every keystroke reaches the form (DateInput reports only text that parses): a cleared
      // field is '' and a half-typed or impossible day is refused, never the previous day.
      onInput={(e) => {
        setCalendar(true);
        onChange(dayFieldValue(e.currentTarget.value));
      }}
      onChange={(day) => onChange(day ?? '')}
      // A day typed as "3/2/2026" is rewritten 03/02/2026 on leaving the field; text that is not
      // a day stays as typed, with the reason under it.
      fixOnBlur={!notADay}
      onFocus={() => {
        setFocused(true);
        setCalendar(true);
      }}
      onBlur={() => {
        setFocused(false);
        setCalendar(false);
      }}
      onClick={() => setCalendar(true)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') setCalendar(false);
      }}
      getDayProps={() => ({ onClick: () => setCalendar(false) })}
      popoverProps={{ opened: calendar && field.disabled !== true }}
      // Read by Mantine's Modal: while the calendar is open, Escape is the calendar's.
      data-mantine-stop-propagation={calendar || undefined}
      error={notADay && !focused ? t('dates.notADay') : error}
      highlightToday
      ariaLabels={{
        previousMonth: t('dates.previousMonth'),
        nextMonth: t('dates.nextMonth'),
        previousYear: t('dates.previousYear'),
        nextYear: t('dates.nextYear'),
        previousDecade: t('dates.previousDecade'),
        nextDecade: t('dates.nextDecade'),
      }}
    />
  );
}

interface TimeFieldProps extends FieldProps {
  /** 'HH:mm' (24-hour), '' while empty or half typed. */
  value: string;
  onChange: (value: string) => void;
  /** What the hour and minute boxes are called for a screen reader; the label by default. */
  name?: string;
}

/** A time of day in 24-hour form, typed as hours then minutes ("14", "00"). */
export function TimeField({ value, onChange, name, label, error, ...field }: TimeFieldProps) {
  const { t } = useTranslation();
  const spoken = name ?? (typeof label === 'string' ? label : '');
  return (
    <TimePicker
      {...field}
      label={label}
      error={error}
      format="24h"
      value={value}
      onChange={onChange}
      hoursInputLabel={t('dates.hoursOf', { label: spoken })}
      minutesInputLabel={t('dates.minutesOf', { label: spoken })}
    />
  );
}

interface DayTimeInputProps extends FieldProps {
  label: string;
  /** 'YYYY-MM-DDTHH:mm' as meeting-time.ts reads and writes it; '' while nothing is typed. */
  value: string;
  onChange: (value: string) => void;
}

/**
 * A day and a time under one label (a meeting's start), side by side so that the pair lines up
 * with the fields next to it; the placeholders say which box is which, the names say it aloud.
 */
export function DayTimeInput({ label, value, onChange, description, error, required, disabled, style }: DayTimeInputProps) {
  const { t } = useTranslation();
  const labelId = useId();
  const { day, time } = splitDayTime(value);
  return (
    <Input.Wrapper
      label={label}
      labelElement="div"
      labelProps={{ id: labelId }}
      description={description}
      error={error}
      required={required}
      role="group"
      aria-labelledby={labelId}
      style={style}
    >
      <Group gap="xs" align="flex-start" wrap="nowrap">
        <DayInput
          aria-label={t('dates.dayOf', { label })}
          value={day}
          onChange={(d) => onChange(joinDayTime(d, time))}
          required={required}
          disabled={disabled}
          error={error ? true : undefined}
          style={{ flex: '1 1 8rem', minWidth: 0 }}
        />
        <TimeField
          name={label}
          value={time}
          onChange={(tm) => onChange(joinDayTime(day, tm))}
          required={required}
          disabled={disabled}
          error={error ? true : undefined}
          style={{ flex: '0 0 auto' }}
        />
      </Group>
    </Input.Wrapper>
  );
}
