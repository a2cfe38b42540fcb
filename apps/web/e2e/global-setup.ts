/**
 * Starts the real server (embedded PGlite in a fresh data directory, demo data seeded) and
 * hands its address to the journeys. Builds the web app first when it has not been built.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const webDist = path.join(repoRoot, 'apps/web/dist');
const READY_TIMEOUT_MS = 60_000;
const LOG_TAIL_CHARS = 20_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      if (addr === null || typeof addr === 'string') return reject(new Error('no port'));
      srv.close(() => resolve(addr.port));
    });
  });
}

function buildWebIfNeeded(): void {
  if (existsSync(path.join(webDist, 'index.html')) && process.env.CHIBO_E2E_BUILD !== '1') return;
  const res = spawnSync('npm', ['run', 'build', '-w', 'apps/web'], { cwd: repoRoot, stdio: 'inherit' });
  if (res.status !== 0) throw new Error(`npm run build -w apps/web failed (exit ${String(res.status)})`);
}

function exitOf(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = exitOf(child);
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

async function waitUntilReady(baseUrl: string, child: ChildProcess, logs: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let exited = false;
  void exitOf(child).then(() => {
    exited = true;
  });
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (exited) throw new Error(`The server exited (code ${String(child.exitCode)}) before it was ready.\n${logs()}`);
    try {
      const res = await fetch(`${baseUrl}/readyz`);
      if (res.status === 200) return;
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = e instanceof Error ? e.message : String(e);
    }
    // Polling interval for a process we do not control, not a wait on the page.
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`GET /readyz did not answer 200 within ${READY_TIMEOUT_MS / 1000} s (last: ${last}).\n${logs()}`);
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  buildWebIfNeeded();

  const dataDir = await mkdtemp(path.join(tmpdir(), 'chibo-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    CHIBO_DATA_DIR: dataDir,
    CHIBO_WEB_DIST: webDist,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  };
  // The journeys run on the embedded database, whatever the caller's shell says.
  delete env.DATABASE_URL;

  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/cli/main.ts', 'serve', '--seed-demo'], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let stdout = '';
  child.stderr?.setEncoding('utf8').on('data', (s: string) => {
    stderr = (stderr + s).slice(-LOG_TAIL_CHARS);
  });
  child.stdout?.setEncoding('utf8').on('data', (s: string) => {
    stdout = (stdout + s).slice(-LOG_TAIL_CHARS);
  });
  const logs = () => `--- server stderr ---\n${stderr}\n--- server stdout (tail) ---\n${stdout.slice(-4000)}`;

  try {
    await waitUntilReady(baseUrl, child, logs);
  } catch (e) {
    await stopChild(child);
    await rm(dataDir, { recursive: true, force: true });
    throw e;
  }

  project.provide('baseUrl', baseUrl);

  return async () => {
    await stopChild(child);
    await rm(dataDir, { recursive: true, force: true });
  };
}
