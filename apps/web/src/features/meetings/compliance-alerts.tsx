import { Alert, Anchor, List, Spoiler, Text } from '@mantine/core';
import type { ComplianceAlertDto } from '@chibo/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { WARNING_ALERT_STYLES } from './meeting-badges.tsx';

/** Compliance alerts with the rule each is judged by; a link to the meeting when there is one. */
export function ComplianceAlerts({ alerts, title, showOrganization = false }: { alerts: readonly ComplianceAlertDto[]; title: string; showOrganization?: boolean }) {
  const { t } = useTranslation();
  if (alerts.length === 0) return null;
  return (
    <Alert color="orange" title={title} styles={WARNING_ALERT_STYLES} data-testid="compliance-alerts">
      {/* A year of missed periods is a long list: the first few, and the rest on request. */}
      <Spoiler maxHeight={alerts.length > 5 ? 200 : 10_000} showLabel={t('meetings.plan.showAllAlerts', { count: alerts.length })} hideLabel={t('common.close')}>
        <List size="sm" spacing={6}>
          {alerts.map((a) => (
            <List.Item key={`${a.code}-${a.organizationId}-${a.period}-${a.meetingId ?? ''}`}>
              <Text size="sm" component="span" style={{ overflowWrap: 'anywhere' }}>
                {showOrganization && `${a.organizationName}: `}
                {a.meetingId ? (
                  <Anchor component={Link} to={`/cuoc-hop/${a.meetingId}`} inherit>
                    {a.message}
                  </Anchor>
                ) : (
                  a.message
                )}
              </Text>
              <Text size="xs" c="dimmed">
                {t('meetings.plan.source', { source: a.source })}
              </Text>
            </List.Item>
          ))}
        </List>
      </Spoiler>
    </Alert>
  );
}
