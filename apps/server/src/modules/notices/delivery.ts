/** Where a notice's links point (the delivery settings themselves are configuration, carried on the context). */
import type { DeliverySettings } from '../../config/config.ts';

export type { DeliverySettings } from '../../config/config.ts';

/** The page of a meeting in the web app. */
export function meetingLink(settings: Pick<DeliverySettings, 'publicUrl'>, meetingId: string): string {
  return `${settings.publicUrl}/cuoc-hop/${meetingId}`;
}
