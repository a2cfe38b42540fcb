import { NativeSelect, SimpleGrid, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { isCalendarDate, MEMBER_STATUSES, POSITIONS, type MemberStatus, type Position, type RegisterQuery } from '@chibo/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DayInput } from '../../lib/date-fields.tsx';

export interface RegisterFilters {
  /** As typed; the query uses it once typing pauses. */
  q: string;
  status: MemberStatus | '';
  position: Position | 'none' | '';
  sort: 'name' | 'admitted';
  /** The day the roll is read for, as the date field holds it ('YYYY-MM-DD'; '' or other text while cleared or half typed). */
  on: string;
}

/** The day the roll is read for: the chosen one, or today while the field is cleared or half typed. */
export function rollDay(f: RegisterFilters, today: string): string {
  return isCalendarDate(f.on) ? f.on : today;
}

const SEARCH_DELAY_MS = 300;

/** The filters, and the same with the search text debounced (what the query is built from). */
export function useRegisterFilters(today: string): [RegisterFilters, (f: RegisterFilters) => void, RegisterFilters] {
  const [filters, setFilters] = useState<RegisterFilters>({ q: '', status: '', position: '', sort: 'name', on: today });
  const [q] = useDebouncedValue(filters.q, SEARCH_DELAY_MS);
  return [filters, setFilters, { ...filters, q }];
}

/** The server folds diacritics itself: "nguyen thi lan" finds "Nguyễn Thị Lan". */
export function registerQuery(f: RegisterFilters, today: string): RegisterQuery {
  const q = f.q.trim();
  return {
    on: rollDay(f, today),
    ...(q !== '' ? { q: q.slice(0, 120) } : {}),
    ...(f.status !== '' ? { status: f.status } : {}),
    ...(f.position !== '' ? { position: f.position } : {}),
    ...(f.sort === 'admitted' ? { sort: 'admitted' as const } : {}),
  };
}

export function isFiltered(f: RegisterFilters, today: string): boolean {
  return f.q.trim() !== '' || f.status !== '' || f.position !== '' || rollDay(f, today) !== today;
}

const isStatus = (v: string): v is MemberStatus => (MEMBER_STATUSES as readonly string[]).includes(v);
const isPosition = (v: string): v is Position => (POSITIONS as readonly string[]).includes(v);

interface Props {
  filters: RegisterFilters;
  onChange: (f: RegisterFilters) => void;
}

export function RegisterToolbar({ filters, onChange }: Props) {
  const { t } = useTranslation();
  const set = (patch: Partial<RegisterFilters>) => onChange({ ...filters, ...patch });

  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 5 }} spacing="sm" role="search" aria-label={t('register.filters')}>
      <TextInput
        type="search"
        label={t('register.search')}
        placeholder={t('register.searchPlaceholder')}
        autoComplete="off"
        spellCheck={false}
        value={filters.q}
        onChange={(e) => set({ q: e.currentTarget.value })}
      />
      <NativeSelect
        label={t('register.status')}
        data={[{ value: '', label: t('register.all') }, ...MEMBER_STATUSES.map((s) => ({ value: s, label: t(`member.status.${s}`) }))]}
        value={filters.status}
        onChange={(e) => {
          const v = e.currentTarget.value;
          set({ status: isStatus(v) ? v : '' });
        }}
      />
      <NativeSelect
        label={t('register.position')}
        data={[
          { value: '', label: t('register.all') },
          ...POSITIONS.map((p) => ({ value: p, label: t(`member.position.${p}`) })),
          { value: 'none', label: t('member.noPosition') },
        ]}
        value={filters.position}
        onChange={(e) => {
          const v = e.currentTarget.value;
          set({ position: v === 'none' ? 'none' : isPosition(v) ? v : '' });
        }}
      />
      <NativeSelect
        label={t('register.sort')}
        data={[
          { value: 'name', label: t('register.sortName') },
          { value: 'admitted', label: t('register.sortAdmitted') },
        ]}
        value={filters.sort}
        onChange={(e) => set({ sort: e.currentTarget.value === 'admitted' ? 'admitted' : 'name' })}
      />
      <DayInput label={t('register.on')} value={filters.on} onChange={(on) => set({ on })} />
    </SimpleGrid>
  );
}
