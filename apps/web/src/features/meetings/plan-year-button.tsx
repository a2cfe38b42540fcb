import { Button, Group, List, Loader, Modal, NativeSelect, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PlanYearInput, YearPlanDto } from '@chibo/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { planYear, previewYearPlan } from '../../api/meeting-endpoints.ts';
import { useOrganization } from '../../api/queries.ts';
import { DEFAULT_TIME_ZONE } from '../../lib/format.ts';
import { formatLongDateTime } from './meeting-time.ts';
import { keys } from '../../api/queries.ts';
import { TimeField } from '../../lib/date-fields.tsx';
import { randomKey, requestKey } from '../../lib/idempotency.ts';
import { notifyDone } from '../../lib/notify.ts';
import { fieldError, MutationError } from './meeting-errors.tsx';

const ROMAN = ['I', 'II', 'III', 'IV'] as const;

/** "Lập kế hoạch năm": draft meetings for the periods of the year that have none. */
export function PlanYearButton({ organizationId, year }: { organizationId: string; year: number }) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  const isPhone = useMediaQuery('(max-width: 36em)') ?? false;
  return (
    <>
      <Button onClick={open}>{t('meetings.plan.planYear')}</Button>
      <Modal
        opened={opened}
        onClose={close}
        title={t('meetings.plan.planTitle', { year })}
        size="lg"
        fullScreen={isPhone}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {opened && <PlanYearForm organizationId={organizationId} year={year} onDone={close} />}
      </Modal>
    </>
  );
}

function PlanYearForm({ organizationId, year, onDone }: { organizationId: string; year: number; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [month, setMonth] = useState<'1' | '2' | '3'>('2');
  const [topics, setTopics] = useState(['', '', '', '']);
  const [time, setTime] = useState('14:00');
  const [formKey] = useState(randomKey);
  const mutation = useMutation({
    mutationFn: (input: PlanYearInput) => planYear(organizationId, input, requestKey(formKey, input)),
    onSuccess: async (plan: YearPlanDto) => {
      queryClient.setQueryData(keys.yearPlan(organizationId, year), plan);
      notifyDone(t('meetings.plan.done', { year }));
      onDone();
      await queryClient.invalidateQueries({ queryKey: keys.alerts(organizationId) });
    },
  });

  const input: PlanYearInput = { year, thematicMonthOfQuarter: Number(month) as 1 | 2 | 3, topics: topics.map((s) => s.trim()), time };
  // What the plan will make, said before it is made (what is left of the year, not always twelve).
  const valid = /^([01]\d|2[0-3]):[0-5]\d$/.test(time);
  const preview = useQuery({ queryKey: ['year-plan-preview', organizationId, year, month, time], queryFn: () => previewYearPlan(organizationId, input), enabled: valid });
  const timeZone = useOrganization(organizationId).data?.timeZone ?? DEFAULT_TIME_ZONE;
  const drafts = preview.data?.drafts;
  const handleSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    mutation.mutate(input);
  };

  return (
    <form onSubmit={handleSubmit} noValidate>
      <Stack>
        <Text size="sm">{t('meetings.plan.planHint')}</Text>
        <MutationError error={mutation.error} placed={['time']} />
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <NativeSelect
            label={t('meetings.plan.thematicMonth')}
            data={(['1', '2', '3'] as const).map((v) => ({ value: v, label: t(`meetings.plan.thematicMonthOption.${v}`) }))}
            value={month}
            onChange={(e) => {
              const v = e.currentTarget.value;
              setMonth(v === '1' || v === '3' ? v : '2');
            }}
          />
          <TimeField
            label={t('meetings.plan.time')}
            required
            value={time}
            onChange={setTime}
            error={fieldError(mutation.error, 'time')}
          />
        </SimpleGrid>
        {topics.map((topic, i) => (
          <TextInput
            key={ROMAN[i]}
            label={t('meetings.plan.topic', { quarter: ROMAN[i] })}
            description={i === 0 ? t('meetings.plan.topicHint') : undefined}
            value={topic}
            maxLength={300}
            onChange={(e) => {
              const v = e.currentTarget.value;
              setTopics((all) => all.map((x, j) => (j === i ? v : x)));
            }}
            error={fieldError(mutation.error, `topics.${i}`)}
          />
        ))}
        <Stack gap={4} data-testid="plan-preview" aria-live="polite">
          {preview.isFetching && !drafts && <Loader size="sm" aria-label={t('common.loading')} />}
          {drafts && drafts.length === 0 && <Text size="sm">{t('meetings.plan.nothingToMake')}</Text>}
          {drafts && drafts.length > 0 && (
            <>
              <Text size="sm" fw={500}>
                {t('meetings.plan.willMake', { count: drafts.length })}
              </Text>
              <List size="sm" spacing={2}>
                {drafts.map((d) => (
                  <List.Item key={d.startsAt + d.kind}>{t('meetings.plan.draftLine', { when: formatLongDateTime(d.startsAt, timeZone), kind: t(`meetings.kind.${d.kind}`) })}</List.Item>
                ))}
              </List>
            </>
          )}
        </Stack>
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={mutation.isPending} disabled={drafts?.length === 0}>
            {t('meetings.plan.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
