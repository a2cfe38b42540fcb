/** A notice is read by the account it was sent to, or by the account linked to the member it was sent to. */
import type { Actor } from '../../lib/context.ts';
import type { Reader } from './notices.repo.ts';

export function readerOf(actor: Actor): Reader {
  return { accountId: actor.accountId, memberId: actor.memberId };
}
