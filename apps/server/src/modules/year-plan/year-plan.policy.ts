/** A year plan is a cell's: committees read their cells' plans and alerts, not a plan of their own. */
import { isCellKind, type OrganizationKind } from '@chibo/core';
import { AppError } from '../../lib/app-error.ts';

export function requirePlanOfCell(org: { kind: OrganizationKind }): void {
  if (!isCellKind(org.kind)) throw new AppError('validation_failed', 'Kế hoạch sinh hoạt được lập cho từng chi bộ.');
}
