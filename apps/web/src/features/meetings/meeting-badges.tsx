import { Badge } from '@mantine/core';
import type { MeetingStatus, PeriodDto } from '@chibo/core';
import { useTranslation } from 'react-i18next';

// As the member badges do: a coloured dot beside dark text, so the word carries the meaning
// and the colour only helps (never colour alone, WCAG 1.4.1).
const STATUS_COLORS: Record<MeetingStatus, string> = {
  draft: 'gray',
  announced: 'blue',
  in_progress: 'orange',
  ended: 'green',
  cancelled: 'red',
};

export function MeetingStatusBadge({ status }: { status: MeetingStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="dot" color={STATUS_COLORS[status]} c="dark.7" tt="none" size="lg" radius="sm">
      {t(`meetings.status.${status}`)}
    </Badge>
  );
}

/** Orange alerts: Mantine's orange title on the light orange ground is below 4.5:1; dark text is not. */
export const WARNING_ALERT_STYLES = { title: { color: 'var(--mantine-color-dark-7)' } } as const;

export type ComplianceState = PeriodDto['state'];

/** planned = blue, held on time = green, held late = orange, missed = red. */
export const COMPLIANCE_COLORS: Record<ComplianceState, string> = {
  planned: 'blue',
  held_on_time: 'green',
  held_late: 'orange',
  missed: 'red',
};

export function ComplianceBadge({ state }: { state: ComplianceState }) {
  const { t } = useTranslation();
  return (
    <Badge variant="dot" color={COMPLIANCE_COLORS[state]} c="dark.7" tt="none" size="md" radius="sm">
      {t(`meetings.compliance.${state}`)}
    </Badge>
  );
}
