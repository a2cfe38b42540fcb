import { notifications } from '@mantine/notifications';
import i18n from '../i18n/index.ts';

/** A short "done" message; its close button is named, or axe (and a screen reader) finds a button without a name. */
export function notifyDone(message: string): void {
  notifications.show({ color: 'green', message, closeButtonProps: { 'aria-label': i18n.t('common.close') } });
}
