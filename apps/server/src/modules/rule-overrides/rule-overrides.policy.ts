/**
 * What a superior committee may set: each overridable value only within its range (core
 * OVERRIDE_BOUNDS, the one range check; the message names the bounds), and nothing that rewrites
 * how days already past are judged unless it says so explicitly.
 */
import { formatDateVi, OVERRIDE_ALWAYS_FROM, OVERRIDE_BOUNDS, type OverridableRule, type RuleOverridePreviewDto } from '@chibo/core';
import { AppError } from '../../lib/app-error.ts';

export function checkOverrideValue(rule: OverridableRule, value: number): void {
  const { min, max, message } = OVERRIDE_BOUNDS[rule];
  if (value < min || value > max) throw new AppError('validation_failed', message, { issues: [{ path: 'value', message }] });
}

const monthText = (p: string) => `${Number(p.slice(5, 7))}/${p.slice(0, 4)}`;

/** Why a change that reaches into the past is refused without `applyToPast`, or null when it may go ahead. */
export function pastChangeRefusal(effects: Pick<RuleOverridePreviewDto, 'from' | 'startsInPast' | 'pastMonths'>, applyToPast: boolean, change: 'set' | 'remove'): string | null {
  if (applyToPast || !effects.startsInPast) return null;
  const months = effects.pastMonths.length > 0 ? ` (đánh giá lại ${effects.pastMonths.length} tháng đã qua: tháng ${effects.pastMonths.slice(0, 6).map(monthText).join(', ')}${effects.pastMonths.length > 6 ? '…' : ''})` : '';
  // An override carried over from an undated setting applies to every period.
  const since = effects.from <= OVERRIDE_ALWAYS_FROM ? 'cho mọi kỳ' : `từ ${formatDateVi(effects.from)}`;
  const what = change === 'set' ? `Ngày áp dụng ${formatDateVi(effects.from)} đã qua` : `Quy định này đã áp dụng ${since}`;
  return `${what}: thay đổi sẽ làm thay đổi cách đánh giá các kỳ đã qua${months}. Nếu đúng là muốn vậy, hãy xác nhận "Áp dụng cả cho các kỳ đã qua".`;
}
