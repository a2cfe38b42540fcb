import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from '../src/db/data-dir-lock.ts';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chibo-lock-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('data directory lock', () => {
  it('refuses a second holder and frees on release', async () => {
    const a = await lockDataDir(dir);
    await expect(lockDataDir(dir)).rejects.toThrow(DataDirLockedError);
    await a.release();
    const b = await lockDataDir(dir);
    await b.release();
  });

  it('is taken over when its holder was killed, and by exactly one of several contenders', { timeout: 30_000 }, async () => {
    // A holder that dies by SIGKILL leaves its socket file behind.
    const holder = fork(path.join(import.meta.dirname, 'support/hold-lock.ts'), [dir], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    await new Promise<void>((resolve) => holder.once('message', () => resolve()));
    await expect(lockDataDir(dir)).rejects.toThrow(DataDirLockedError);
    holder.kill('SIGKILL');
    await new Promise((r) => holder.once('exit', r));
    expect(fs.existsSync(path.join(dir, 'chibo.sock'))).toBe(true);

    const results = await Promise.allSettled([lockDataDir(dir), lockDataDir(dir), lockDataDir(dir), lockDataDir(dir)]);
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(DataDirLockedError);
    if (won[0]?.status === 'fulfilled') await won[0].value.release();
  });
});
