import { Alert, List } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { WARNING_ALERT_STYLES } from './meeting-badges.tsx';

/**
 * The server's refusal above a form: a stale page (409) says the meeting was reloaded;
 * otherwise the server's message, or each of its field messages not placed on a field.
 */
export function MutationError({ error, conflict, placed = [] }: { error: unknown; conflict?: boolean; placed?: readonly string[] }) {
  const { t } = useTranslation();
  if (!(error instanceof ApiError)) return null;
  const unplaced = error.issues.filter((i) => !placed.includes(i.path));
  return (
    <Alert color={conflict ? 'orange' : 'red'} role="alert" title={t('meetings.page.notSaved')} styles={conflict ? WARNING_ALERT_STYLES : undefined}>
      {conflict ? `${error.message} ${t('meetings.page.conflict')}` : error.message}
      {!conflict && unplaced.length > 0 && (
        <List size="sm" mt={4}>
          {unplaced.map((i) => (
            <List.Item key={`${i.path}-${i.message}`}>{i.message}</List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}

/** The server's message for one field (validation_failed details), to show on that field. */
export function fieldError(error: unknown, path: string): string | undefined {
  return error instanceof ApiError ? error.issues.find((i) => i.path === path || i.path.startsWith(`${path}.`) || i.path.startsWith(`${path}[`))?.message : undefined;
}
