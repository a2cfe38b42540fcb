import { Alert, Button, Checkbox, Group, List, Loader, Modal, NativeSelect, NumberInput, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { OVERRIDABLE, OVERRIDE_BOUNDS, RuleOverridePreviewInput, type OrganizationDto, type OverridableRule, type RuleOverridePreviewDto } from '@chibo/core';
import { useState, type FormEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { createRuleOverride, deleteRuleOverride, fetchRemovalPreview, fetchRuleOverrides, previewRuleOverride, type RuleOverride } from '../../api/meeting-endpoints.ts';
import { keys } from '../../api/queries.ts';
import { DayInput } from '../../lib/date-fields.tsx';
import { formatDay, formatMonths, todayIn } from '../../lib/format.ts';
import { randomKey, requestKey } from '../../lib/idempotency.ts';
import { notifyDone } from '../../lib/notify.ts';
import { fieldError, MutationError } from './meeting-errors.tsx';

type T = TFunction;

/** "trước ngày 5", "60 phút": a rule's value in words (a literal key per rule keeps the typed t() cheap to check). */
export function ruleValueText(t: T, rule: OverridableRule, value: number | null): string {
  if (value === null) return t('meetings.overrides.noValue');
  switch (rule) {
    case 'targetDay':
      return t('meetings.overrides.valueText.targetDay', { value });
    case 'minDurationMinutes':
      return t('meetings.overrides.valueText.minDurationMinutes', { value });
    case 'minCombinedDurationMinutes':
      return t('meetings.overrides.valueText.minCombinedDurationMinutes', { value });
    case 'nextMeetingAnnouncedByDay':
      return t('meetings.overrides.valueText.nextMeetingAnnouncedByDay', { value });
    case 'reportToSuperiorWithinDays':
      return t('meetings.overrides.valueText.reportToSuperiorWithinDays', { value });
  }
}

/**
 * The superior's adjustments of the meeting rules (rules are data): own ones may be removed,
 * those inherited from a committee above are shown with where they come from. Nothing is saved
 * before the superior has seen what it changes (which cells, which months), and a change that
 * reaches into past months is saved only when the superior ticks that it should.
 */
export function RuleOverridesPanel({ organization, canEdit }: { organization: OrganizationDto; canEdit: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const overrides = useQuery({ queryKey: keys.ruleOverrides(organization.id), queryFn: ({ signal }) => fetchRuleOverrides(organization.id, signal) });
  // Every plan and alert below may change with a rule.
  const refresh = () => queryClient.invalidateQueries({ queryKey: keys.organizations });
  const items = overrides.data ?? [];
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="overrides-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="overrides-title">
          {t('meetings.overrides.title')}
        </Title>
        <Text size="sm">{t('meetings.overrides.hint')}</Text>
        {overrides.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
        {overrides.isError && (
          <Alert color="red" role="alert" title={t('common.loadFailed')}>
            {overrides.error.message}
          </Alert>
        )}
        {overrides.isSuccess && items.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('meetings.overrides.empty')}
          </Text>
        )}
        {items.length > 0 && (
          <Stack component="ul" gap="xs" m={0} p={0} style={{ listStyle: 'none' }}>
            {items.map((o) => (
              <Group component="li" key={o.id} justify="space-between" gap="xs" wrap="wrap">
                <div style={{ minWidth: 0 }}>
                  <Text fw={500}>{t(`meetings.overrides.rule.${o.rule}`)}</Text>
                  <Text size="sm">{o.always ? t('meetings.overrides.lineAlways', { value: ruleValueText(t, o.rule, o.value) }) : t('meetings.overrides.line', { value: ruleValueText(t, o.rule, o.value), from: formatDay(o.from) })}</Text>
                  <Text size="xs" c="dimmed">
                    {o.inherited ? t('meetings.overrides.inherited', { organization: o.organizationName }) : t('meetings.overrides.own')}
                  </Text>
                </div>
                {canEdit && !o.inherited && <RemoveOverride override={o} onRemoved={refresh} />}
              </Group>
            ))}
          </Stack>
        )}
        {canEdit && <OverrideForm organization={organization} onSaved={refresh} />}
      </Stack>
    </Paper>
  );
}

/** What a change would do, in words: how many cells, which months, and the past months it would re-judge. */
function EffectsSummary({ effects, kind }: { effects: RuleOverridePreviewDto; kind: 'set' | 'remove' }) {
  const { t, i18n } = useTranslation();
  const shown = effects.cells.slice(0, 8);
  return (
    <Stack gap={6} data-testid="override-effects">
      {effects.cellsChanged === 0 ? (
        <Text size="sm">{t('meetings.overrides.effects.none')}</Text>
      ) : (
        <>
          <Text size="sm">{t(`meetings.overrides.effects.${kind}`, { count: effects.cellsChanged, months: formatMonths(effects.months, i18n.language) })}</Text>
          <List size="sm" spacing={2}>
            {shown.map((c) => (
              <List.Item key={c.organizationId}>
                {t('meetings.overrides.effects.cell', { cell: c.organizationName, before: ruleValueText(t, effects.rule, c.before), after: ruleValueText(t, effects.rule, c.after) })}
              </List.Item>
            ))}
          </List>
          {effects.cells.length > shown.length && <Text size="sm">{t('meetings.overrides.effects.more', { count: effects.cells.length - shown.length })}</Text>}
        </>
      )}
      {effects.cellsShadowed > 0 && <Text size="sm" c="dimmed">{t('meetings.overrides.effects.shadowed', { count: effects.cellsShadowed })}</Text>}
      {effects.startsInPast && (
        <Alert color="orange" role="status" title={t('meetings.overrides.effects.pastTitle')}>
          {effects.pastMonths.length > 0 ? t('meetings.overrides.effects.past', { months: formatMonths(effects.pastMonths, i18n.language) }) : t('meetings.overrides.effects.pastDays')}
        </Alert>
      )}
    </Stack>
  );
}

function OverrideForm({ organization, onSaved }: { organization: OrganizationDto; onSaved: () => Promise<void> }) {
  const { t } = useTranslation();
  const [rule, setRule] = useState<OverridableRule>('targetDay');
  const [value, setValue] = useState<number | string>('');
  const [from, setFrom] = useState(() => todayIn(organization.timeZone));
  const [errors, setErrors] = useState<{ value?: string; from?: string }>({});
  const [effects, setEffects] = useState<RuleOverridePreviewDto | null>(null);
  const [applyToPast, setApplyToPast] = useState(false);
  const [formKey] = useState(randomKey);
  const bounds = OVERRIDE_BOUNDS[rule];
  // Any edit makes the preview stale: it must be seen again before saving.
  const edited = <V,>(set: (v: V) => void) => (v: V) => {
    set(v);
    setEffects(null);
    setApplyToPast(false);
  };
  const preview = useMutation({ mutationFn: (input: RuleOverridePreviewInput) => previewRuleOverride(organization.id, input), onSuccess: setEffects });
  const save = useMutation({
    mutationFn: (input: RuleOverridePreviewInput & { applyToPast: boolean }) => createRuleOverride(organization.id, input, requestKey(formKey, input)),
    onSuccess: async () => {
      notifyDone(t('meetings.overrides.added'));
      setEffects(null);
      setApplyToPast(false);
      setValue('');
      await onSaved();
    },
  });
  const handlePreview = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    // The contract's own check: a value outside the rule's bounds is refused with the bounds, never rounded.
    const parsed = RuleOverridePreviewInput.safeParse({ rule, value: typeof value === 'number' ? value : Number.NaN, from });
    const next: { value?: string; from?: string } = {};
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        if (issue.path[0] === 'value') next.value = t(typeof value === 'number' ? 'meetings.overrides.outOfBounds' : 'meetings.overrides.valueRequired', bounds);
        if (issue.path[0] === 'from') next.from = t('meetings.overrides.dateRequired');
      }
    }
    setErrors(next);
    if (parsed.success) preview.mutate(parsed.data);
  };
  const error = save.error ?? preview.error;
  return (
    <form onSubmit={handlePreview} noValidate aria-labelledby="override-add-title">
      <Stack gap="sm" pt="sm" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
        <Title order={3} size="h4" id="override-add-title">
          {t('meetings.overrides.add')}
        </Title>
        <MutationError error={error} placed={['value', 'from']} />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <NativeSelect
            label={t('meetings.overrides.ruleLabel')}
            data={OVERRIDABLE.map((r) => ({ value: r, label: t(`meetings.overrides.rule.${r}`) }))}
            value={rule}
            onChange={(e) => edited(setRule)(OVERRIDABLE.find((r) => r === e.currentTarget.value) ?? 'targetDay')}
          />
          <NumberInput
            label={t('meetings.overrides.value')}
            description={t('meetings.overrides.bounds', bounds)}
            required
            min={bounds.min}
            max={bounds.max}
            // Out of bounds stays as typed and is refused with the bounds: clamping 0 to 1 would save what nobody typed.
            clampBehavior="none"
            allowDecimal={false}
            value={value}
            onChange={edited(setValue)}
            error={errors.value ?? fieldError(error, 'value')}
          />
          <DayInput label={t('meetings.overrides.from')} required value={from} onChange={edited(setFrom)} error={errors.from ?? fieldError(error, 'from')} />
        </SimpleGrid>
        {effects && (
          <Paper withBorder p="sm" radius="sm" bg="gray.0">
            <Stack gap="xs">
              <Title order={4} size="h5">
                {t('meetings.overrides.effects.title')}
              </Title>
              <EffectsSummary effects={effects} kind="set" />
              {effects.startsInPast && <Checkbox label={t('meetings.overrides.applyToPast')} checked={applyToPast} onChange={(e) => setApplyToPast(e.currentTarget.checked)} />}
            </Stack>
          </Paper>
        )}
        <Group justify="flex-end" gap="xs">
          {effects ? (
            <Button
              loading={save.isPending}
              disabled={effects.startsInPast && !applyToPast}
              onClick={() => save.mutate({ rule: effects.rule, value: effects.value, from: effects.from, applyToPast })}
            >
              {t('meetings.overrides.save')}
            </Button>
          ) : (
            <Button type="submit" loading={preview.isPending}>
              {t('meetings.overrides.preview')}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}

/** Removing shows what changes back first; one that has started needs the same explicit tick. */
function RemoveOverride({ override: o, onRemoved }: { override: RuleOverride; onRemoved: () => Promise<void> }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const [applyToPast, setApplyToPast] = useState(false);
  const isPhone = useMediaQuery('(max-width: 36em)') ?? false;
  const effects = useQuery({ queryKey: ['rule-override-removal', o.id], queryFn: ({ signal }) => fetchRemovalPreview(o.id, signal), enabled: opened });
  const remove = useMutation({
    mutationFn: () => deleteRuleOverride(o.id, applyToPast),
    onSuccess: async () => {
      notifyDone(t('meetings.overrides.removed'));
      setOpened(false);
      await onRemoved();
    },
  });
  const label = t('meetings.overrides.remove', { rule: t(`meetings.overrides.rule.${o.rule}`) });
  return (
    <>
      <Button variant="outline" color="red.9" size="compact-sm" aria-label={label} onClick={() => setOpened(true)}>
        {t('meetings.overrides.removeShort')}
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={label} fullScreen={isPhone} closeButtonProps={{ 'aria-label': t('common.close') }}>
        <Stack gap="sm">
          {effects.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
          {effects.isError && (
            <Alert color="red" role="alert">
              {effects.error.message}
            </Alert>
          )}
          {effects.data && <EffectsSummary effects={effects.data} kind="remove" />}
          {effects.data?.startsInPast && <Checkbox label={t('meetings.overrides.applyToPast')} checked={applyToPast} onChange={(e) => setApplyToPast(e.currentTarget.checked)} />}
          {remove.error instanceof ApiError && (
            <Alert color="red" role="alert">
              {remove.error.message}
            </Alert>
          )}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => setOpened(false)}>
              {t('common.cancel')}
            </Button>
            <Button color="red.9" loading={remove.isPending} disabled={!effects.data || (effects.data.startsInPast && !applyToPast)} onClick={() => remove.mutate()}>
              {t('meetings.overrides.removeConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
