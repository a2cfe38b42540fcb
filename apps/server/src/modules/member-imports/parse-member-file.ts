/**
 * Reading an uploaded member file without stopping the server (issue 9, point 1). The ZIP
 * directory of an XLSX is checked first, on the spot (core readOfficeArchive: it costs nothing
 * and refuses a bomb before any work); the parse itself runs in a worker thread with a memory
 * and a time limit, so a large file does not block other users' requests and a file that
 * slips through the checks ends only its worker, never the process. A small CSV is read on the
 * spot: its parse takes a few milliseconds, less than starting a worker (≈ 0.7 s with tsx).
 */
import { Worker } from 'node:worker_threads';
import { ArchiveRefusedError, readOfficeArchive } from '@chibo/core';
import { AppError } from '../../lib/app-error.ts';
import { isZip, readMemberFile, type MemberFile } from './member-file.ts';
import type { WorkerMessage } from './member-file.worker.ts';

export interface ParseLimits {
  /** The worker's V8 old-generation heap (resourceLimits). A 200,000-row XLSX, the largest import, needs ≈ 0.8 GB. */
  maxOldGenerationSizeMb: number;
  timeoutMs: number;
}

export const PARSE_LIMITS: ParseLimits = { maxOldGenerationSizeMb: 1536, timeoutMs: 120_000 };
/** Below this a CSV is parsed on the spot (measured in bench/import-parse.ts). */
export const INLINE_CSV_BYTES = 256 * 1024;

const BOOTSTRAP = new URL('./member-file.bootstrap.mjs', import.meta.url);
const ENTRY = new URL('./member-file.worker.ts', import.meta.url).href;

function inWorker(bytes: Uint8Array, limits: ParseLimits): Promise<MemberFile> {
  // Its own copy, moved (not cloned) to the worker: the caller's buffer may be a pooled slab.
  const copy = new Uint8Array(bytes);
  return new Promise((resolve, reject) => {
    const worker = new Worker(BOOTSTRAP, {
      workerData: { entry: ENTRY, bytes: copy },
      transferList: [copy.buffer],
      resourceLimits: { maxOldGenerationSizeMb: limits.maxOldGenerationSizeMb },
    });
    const finish = (settle: () => void) => {
      clearTimeout(timer);
      settle();
      void worker.terminate();
    };
    const timer = setTimeout(
      () => finish(() => reject(new AppError('archive_refused', `Đọc tệp quá ${limits.timeoutMs / 1000} giây, giới hạn cho một lần nhập: hãy chia danh sách thành nhiều tệp nhỏ hơn.`))),
      limits.timeoutMs,
    );
    const rows: MemberFile['rows'] = [];
    worker.on('message', (m: WorkerMessage) => {
      if (m.kind === 'rows') {
        for (const r of m.rows) rows.push(r);
        worker.postMessage('next');
      }
      else if (m.kind === 'done') finish(() => resolve({ format: m.format, headers: m.headers, rows }));
      else if (m.code === 'internal_error') finish(() => reject(new Error(`reading a member file failed: ${m.message}`)));
      else finish(() => reject(new AppError(m.code, m.message)));
    });
    worker.once('error', (err: Error & { code?: string }) =>
      finish(() =>
        reject(
          err.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new AppError('archive_refused', `Tệp cần hơn ${limits.maxOldGenerationSizeMb} MB bộ nhớ để đọc, giới hạn cho một lần nhập: hãy chia danh sách thành nhiều tệp nhỏ hơn.`)
            : err,
        ),
      ),
    );
    // A worker that ends without answering (it cannot, unless killed): not the user's fault.
    worker.once('exit', (code) => finish(() => reject(new Error(`member file worker exited with code ${code}`))));
  });
}

/** The file's rows, or an AppError saying why it is refused (import_unreadable 400, archive_refused 413). */
export async function parseMemberFile(bytes: Uint8Array, limits: ParseLimits = PARSE_LIMITS): Promise<MemberFile> {
  if (isZip(bytes)) {
    try {
      if (!readOfficeArchive(bytes)) throw new AppError('import_unreadable', 'Tệp Excel bị hỏng hoặc không phải .xlsx: hãy mở bằng Excel và lưu lại.');
    } catch (err) {
      if (err instanceof ArchiveRefusedError) throw new AppError('archive_refused', err.message);
      throw err;
    }
  } else if (bytes.length <= INLINE_CSV_BYTES) {
    return readMemberFile(bytes);
  }
  return inWorker(bytes, limits);
}
