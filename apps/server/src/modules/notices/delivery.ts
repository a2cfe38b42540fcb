/**
 * How notices leave the server: the SMTP transport (or none), the sender, the public URL for
 * links and the reminder offsets. Set once when the app is built (`configureDelivery`), so
 * that `notifyMeeting` — called by the meeting service inside its own transaction, with a
 * fixed signature — knows whether a recipient's notice also goes out by e-mail.
 */
import type { Config } from '../../config/config.ts';

export interface DeliverySettings {
  /** smtp:// or smtps:// URL; undefined: in-app notices only. */
  smtpUrl: string | undefined;
  from: string;
  /** Without a trailing slash. */
  publicUrl: string;
  /** Minutes before the meeting, largest first. */
  reminderOffsetsMinutes: readonly number[];
}

export const DEFAULT_DELIVERY: DeliverySettings = {
  smtpUrl: undefined,
  from: 'Chi bộ số <no-reply@localhost>',
  publicUrl: 'http://127.0.0.1:3000',
  reminderOffsetsMinutes: [3 * 24 * 60, 2 * 60],
};

let current: DeliverySettings = DEFAULT_DELIVERY;

export function configureDelivery(settings: DeliverySettings): void {
  current = { ...settings, publicUrl: settings.publicUrl.replace(/\/+$/, ''), reminderOffsetsMinutes: [...settings.reminderOffsetsMinutes] };
}

export function deliverySettings(): DeliverySettings {
  return current;
}

export function deliveryFromConfig(config: Config): DeliverySettings {
  return {
    smtpUrl: config.smtpUrl,
    from: config.mailFrom,
    publicUrl: config.publicUrl,
    reminderOffsetsMinutes: config.reminderOffsetsMinutes,
  };
}

/** The page of a meeting in the web app. */
export function meetingLink(settings: DeliverySettings, meetingId: string): string {
  return `${settings.publicUrl}/cuoc-hop/${meetingId}`;
}
