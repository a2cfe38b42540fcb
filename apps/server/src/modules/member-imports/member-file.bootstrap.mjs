// A worker thread does not inherit the parent's `--import tsx` loader (Node 20: the hint's
// `execArgv: ['--import', 'tsx']` left ".ts" unknown in the worker), so the worker registers
// tsx itself, then loads its TypeScript entry (parse-member-file.ts passes it in workerData).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
