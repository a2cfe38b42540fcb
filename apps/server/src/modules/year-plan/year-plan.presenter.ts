import type { YearPlanDto } from '@chibo/core';
import { presentAlert, presentMeeting } from '../meetings/meetings.presenter.ts';
import type { YearPlanView } from './year-plan.service.ts';

export function presentYearPlan(p: YearPlanView): YearPlanDto {
  return {
    organizationId: p.org.id,
    year: p.year,
    targetDay: p.targetDay,
    targetDaySource: p.targetDaySource,
    meetings: p.meetings.map(presentMeeting),
    periods: p.periods,
    alerts: p.alerts.map((a) => presentAlert(a, p.org)),
  };
}
