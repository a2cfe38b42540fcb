/**
 * What a superior committee may set: each overridable value only within its range
 * (core OVERRIDE_BOUNDS, the one range check; the message names the bounds).
 */
import { OVERRIDE_BOUNDS, type OverridableRule } from '@chibo/core';
import { AppError } from '../../lib/app-error.ts';

export function checkOverrideValue(rule: OverridableRule, value: number): void {
  const { min, max, message } = OVERRIDE_BOUNDS[rule];
  if (value < min || value > max) throw new AppError('validation_failed', message, { issues: [{ path: 'value', message }] });
}
