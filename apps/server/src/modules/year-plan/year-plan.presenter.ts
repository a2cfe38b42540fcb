import type { YearPlanDto, YearPlanPreviewDto } from '@chibo/core';
import { presentAlert, presentMeeting } from '../meetings/meetings.presenter.ts';
import type { Draft, YearPlanView } from './year-plan.service.ts';

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

export function presentYearPlanPreview(p: { year: number; drafts: Draft[] }): YearPlanPreviewDto {
  return {
    year: p.year,
    drafts: p.drafts.map((d) => ({ kind: d.kind === 'thematic' || d.kind === 'combined' ? d.kind : 'regular', startsAt: d.startsAt.toISOString(), monthPeriod: d.monthPeriod, quarterPeriod: d.quarterPeriod, plannedMinutes: d.plannedMinutes, topic: d.topic })),
  };
}
