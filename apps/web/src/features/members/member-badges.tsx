import { Badge } from '@mantine/core';
import type { MemberStatus, MemberSummaryDto, Position } from '@chibo/core';
import { useTranslation } from 'react-i18next';

// A coloured dot beside dark text: the colour helps, the words carry the meaning, and the
// text stays far above the WCAG AA contrast ratio (tinted light badges fall below it).
const STATUS_COLORS: Record<MemberStatus, string> = {
  official: 'green',
  probationary: 'blue',
  exempt: 'gray',
  suspended: 'red',
};

export function StatusBadge({ status }: { status: MemberStatus }) {
  const { t } = useTranslation();
  const color = STATUS_COLORS[status];
  return (
    <Badge variant="dot" color={color} c="dark.7" tt="none" size="lg" radius="sm">
      {t(`member.status.${status}`)}
    </Badge>
  );
}

export function PositionBadge({ position }: { position: Position }) {
  const { t } = useTranslation();
  return (
    <Badge variant="outline" color="red.9" tt="none" size="lg" radius="sm">
      {t(`member.position.${position}`)}
    </Badge>
  );
}

/** "Sinh hoạt tạm thời" here (a guest from another cell) or elsewhere (one of ours, away). */
export function AttachmentBadge({ attachment }: { attachment: Exclude<MemberSummaryDto['attachment'], 'home'> }) {
  const { t } = useTranslation();
  return (
    <Badge variant="dot" color="orange" c="dark.7" tt="none" size="lg" radius="sm">
      {t(`member.attachment.${attachment}`)}
    </Badge>
  );
}
