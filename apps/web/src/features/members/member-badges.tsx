import { Badge } from '@mantine/core';
import type { MemberStatus, Position } from '@chibo/core';
import { useTranslation } from 'react-i18next';

// Dark text on a light tint: readable for older eyes and above the WCAG AA contrast ratio.
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
    <Badge variant="light" color={color} c={`${color}.9`} tt="none" size="lg" radius="sm">
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
