/**
 * The worker side of parse-member-file.ts: reads one file and posts the rows back, or the
 * refusal (code and Vietnamese message). A crash or an exceeded memory limit ends only this
 * thread; the parent answers the user.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ArchiveRefusedError } from '@chibo/core';
import { AppError } from '../../lib/app-error.ts';
import { readMemberFile, type MemberFile } from './member-file.ts';

/**
 * The rows come in batches, then the file's header: each message is deserialized on the
 * parent's event loop, and a batch of 2,000 rows takes a few milliseconds there where 100,000
 * rows in one message would stall it for a second. The next batch waits for the parent's
 * "next": batches queued together would be delivered, and deserialized, in one turn.
 */
export type WorkerMessage =
  | { kind: 'rows'; rows: MemberFile['rows'] }
  | { kind: 'done'; format: string; headers: string[] }
  | { kind: 'refused'; code: 'import_unreadable' | 'archive_refused' | 'internal_error'; message: string };
export const ROWS_PER_MESSAGE = 2000;

const post = (m: WorkerMessage) => parentPort?.postMessage(m);
const next = () => new Promise<void>((resolve) => parentPort?.once('message', () => resolve()));
const { bytes } = workerData as { bytes: Uint8Array };
try {
  const file = await readMemberFile(bytes);
  for (let i = 0; i < file.rows.length; i += ROWS_PER_MESSAGE) {
    post({ kind: 'rows', rows: file.rows.slice(i, i + ROWS_PER_MESSAGE) });
    await next();
  }
  post({ kind: 'done', format: file.format, headers: file.headers });
} catch (err) {
  if (err instanceof ArchiveRefusedError) post({ kind: 'refused', code: 'archive_refused', message: err.message });
  else if (err instanceof AppError && err.code === 'import_unreadable') post({ kind: 'refused', code: err.code, message: err.message });
  else post({ kind: 'refused', code: 'internal_error', message: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
}
