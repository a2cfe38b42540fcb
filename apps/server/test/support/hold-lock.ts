// Test helper: take the data-directory lock, tell the parent, and wait to be killed.
import { lockDataDir } from '../../src/db/data-dir-lock.ts';

await lockDataDir(process.argv[2] ?? '');
process.send?.('locked');
setInterval(() => undefined, 1000);
