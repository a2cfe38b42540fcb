import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';

/** Any constant: two `chibo init` at once create one root, not two. */
const INIT_LOCK_KEY = 7_310_043;

export async function lockInstallation(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${INIT_LOCK_KEY})`);
}
