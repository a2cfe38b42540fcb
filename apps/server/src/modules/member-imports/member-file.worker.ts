/**
 * The worker side of parse-member-file.ts: reads one file and posts the rows back, or the
 * refusal (code and Vietnamese message). A crash or an exceeded memory limit ends only this
 * thread; the parent answers the user.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ArchiveRefusedError } from '@chibo/core';
import { AppError } from '../../lib/app-error.ts';
import { readMemberFile, type MemberFile } from './member-file.ts';

export type WorkerAnswer = { ok: true; file: MemberFile } | { ok: false; code: 'import_unreadable' | 'archive_refused' | 'internal_error'; message: string };

const { bytes } = workerData as { bytes: Uint8Array };
let answer: WorkerAnswer;
try {
  answer = { ok: true, file: await readMemberFile(bytes) };
} catch (err) {
  if (err instanceof ArchiveRefusedError) answer = { ok: false, code: 'archive_refused', message: err.message };
  else if (err instanceof AppError && err.code === 'import_unreadable') answer = { ok: false, code: err.code, message: err.message };
  else answer = { ok: false, code: 'internal_error', message: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
}
parentPort?.postMessage(answer);
