/**
 * PGlite takes no lock on its data directory: two processes on one directory silently
 * lose writes (stack-notes §1, caveat 3). We hold our own, one the kernel releases when the
 * process dies, however it dies: the server listens on a Unix socket in the directory.
 * A live holder accepts a connection there; a socket left by a dead process refuses it.
 * Taking over a stale socket is guarded by an O_EXCL marker file, so that two processes
 * starting together cannot both take it over. (A pid file cannot do this: its pid may
 * belong to another process after a restart, and its takeover races.)
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError';
  constructor(readonly dir: string) {
    super(
      `Thư mục dữ liệu ${dir} đang được một tiến trình Chi bộ số khác sử dụng. Chỉ một máy chủ được mở cơ sở dữ liệu nhúng; ` +
        `hãy dừng tiến trình kia, hoặc dùng DATABASE_URL (PostgreSQL) để chạy nhiều tiến trình.\n` +
        `(The data directory ${dir} is in use by another Chi bộ số process.)`,
    );
  }
}

export interface DataDirLock {
  release(): Promise<void>;
}

const TAKEOVER_STALE_MS = 10_000;

function listen(socketPath: string): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const server = net.createServer((conn) => conn.end());
    server.once('error', reject);
    server.listen(socketPath, () => {
      server.off('error', reject);
      server.unref(); // the lock must not keep the process alive
      resolve(server);
    });
  });
}

function isHeld(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const conn = net.connect(socketPath);
    conn.once('connect', () => {
      conn.destroy();
      resolve(true);
    });
    conn.once('error', () => resolve(false));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function lockDataDir(dir: string): Promise<DataDirLock> {
  fs.mkdirSync(dir, { recursive: true });
  const socketPath = path.join(dir, 'chibo.sock');
  if (Buffer.byteLength(socketPath) > 100) {
    throw new Error(`Đường dẫn thư mục dữ liệu quá dài cho tệp khóa (${socketPath}); hãy chọn CHIBO_DATA_DIR ngắn hơn.`);
  }
  const marker = path.join(dir, 'chibo.takeover');
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      const server = await listen(socketPath);
      return {
        release: () =>
          new Promise<void>((resolve) => {
            server.close(() => resolve());
          }),
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    }
    if (await isHeld(socketPath)) throw new DataDirLockedError(dir);
    // A stale socket: take it over, one process at a time.
    let fd: number;
    try {
      fd = fs.openSync(marker, 'wx');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const age = Date.now() - (fs.statSync(marker, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > TAKEOVER_STALE_MS) fs.rmSync(marker, { force: true }); // its taker died mid-way
      await sleep(100);
      continue;
    }
    try {
      // Checked again under the marker: another process may have taken over meanwhile.
      if (await isHeld(socketPath)) throw new DataDirLockedError(dir);
      fs.rmSync(socketPath, { force: true });
    } finally {
      fs.closeSync(fd);
      fs.rmSync(marker, { force: true });
    }
  }
  throw new Error(`Không lấy được khóa thư mục dữ liệu ${dir}.`);
}
