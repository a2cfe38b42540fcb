/**
 * PGlite runs PostgreSQL with fsync off and its Emscripten file system never forwards an
 * fsync (stack-notes §1, caveat 2): a committed write sits in the OS page cache, lost on
 * a power cut. PostgreSQL still *writes* the WAL at every commit, so we make an
 * acknowledged write durable by fsyncing the WAL segments ourselves after each committing
 * request, before the response leaves. A checkpoint (seen as a change of global/pg_control)
 * lets PostgreSQL recycle WAL that recovery would need unless the data files it flushed are
 * on disk too, so then everything is synced before the reply. What remains (ADR 0001): a
 * checkpoint's writes are durable at the next acknowledged write, not at the checkpoint.
 */
import fs from 'node:fs';
import path from 'node:path';

export class WalFlusher {
  private lastFlushMs = 0;
  private lastControlMtime = 0;
  private readonly walDir: string;
  private readonly controlFile: string;

  constructor(private readonly pgDataDir: string) {
    this.walDir = path.join(pgDataDir, 'pg_wal');
    this.controlFile = path.join(pgDataDir, 'global', 'pg_control');
    this.lastControlMtime = this.controlMtime();
  }

  private controlMtime(): number {
    return fs.statSync(this.controlFile, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  }

  /**
   * Make what was committed durable: the WAL segments written since the last flush, or the
   * whole directory after a checkpoint. Returns the number of WAL segments synced.
   */
  flush(): number {
    const control = this.controlMtime();
    if (control !== this.lastControlMtime) {
      this.syncAll();
      this.lastControlMtime = control;
    }
    return this.flushWal();
  }

  /** fsync every WAL segment written since the last flush, and the pg_wal directory. */
  flushWal(): number {
    const since = this.lastFlushMs;
    this.lastFlushMs = Date.now();
    let synced = 0;
    let names: string[];
    try {
      names = fs.readdirSync(this.walDir);
    } catch {
      return 0;
    }
    for (const name of names) {
      if (!/^[0-9A-F]{24}$/.test(name)) continue;
      const file = path.join(this.walDir, name);
      // mtime has coarse granularity: keep a second of margin rather than miss a write.
      if (fs.statSync(file).mtimeMs + 1000 < since) continue;
      syncFile(file, 'r+');
      synced++;
    }
    syncFile(this.walDir, 'r');
    return synced;
  }

  /** fsync every file of the data directory: after checkpoints, periodically and at close. */
  syncAll(): void {
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(p);
        else if (entry.isFile()) syncFile(p, 'r+');
      }
      syncFile(dir, 'r');
    };
    walk(this.pgDataDir);
    this.lastFlushMs = Date.now();
  }
}

function syncFile(file: string, flags: 'r' | 'r+'): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, flags);
    fs.fsyncSync(fd);
  } catch (err) {
    // A segment recycled between readdir and open is not an error.
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
