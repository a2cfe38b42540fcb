/**
 * Start-up benchmark (issue: "embedded database to ready in under 5 s").
 * Measures, median of N runs, the time from process spawn to /readyz answering 200 and the
 * server's resident memory then, for: a first start on an empty data directory (template
 * + demo seed), and a restart on an existing one. The floor, measured in the same run, is
 * a bare Node process that opens the same PGlite directory and exits: what any embedded
 * start must pay. Run: node --import tsx bench/startup.ts [runs]
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';

const root = path.resolve(import.meta.dirname, '..');
const runs = Number(process.argv[2] ?? 3);
const cli = ['--import', 'tsx', path.join(root, 'apps/server/src/cli/main.ts')];

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

async function timeServe(dataDir: string, seed: boolean): Promise<{ ms: number; rss: number }> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, [...cli, 'serve', ...(seed ? ['--seed-demo'] : [])], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', CHIBO_DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) break;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  const ms = performance.now() - t0;
  const rss = rssMb(child.pid ?? 0);
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
  return { ms, rss };
}

async function timeFloor(dataDir: string): Promise<number> {
  const t0 = performance.now();
  const code = `import { PGlite } from '@electric-sql/pglite'; const c = await PGlite.create(${JSON.stringify(path.join(dataDir, 'pgdata'))}); await c.query('select 1'); await c.close();`;
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', code], { cwd: path.join(root, 'apps/server'), stdio: 'inherit' });
    child.once('exit', (c) => (c === 0 ? resolve() : reject(new Error(`floor exited ${c}`))));
  });
  return performance.now() - t0;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

const first: { ms: number; rss: number }[] = [];
const restart: { ms: number; rss: number }[] = [];
const floor: number[] = [];
for (let i = 0; i < runs; i++) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chibo-bench-'));
  first.push(await timeServe(dir, true));
  restart.push(await timeServe(dir, true));
  floor.push(await timeFloor(dir));
  fs.rmSync(dir, { recursive: true, force: true });
}

const f = median(floor);
const rows = [
  ['floor: bare node opens the PGlite dir', f, NaN],
  ['first start, empty dir (template + demo seed)', median(first.map((x) => x.ms)), median(first.map((x) => x.rss))],
  ['restart on existing dir', median(restart.map((x) => x.ms)), median(restart.map((x) => x.rss))],
] as const;
console.log(`\nStart-up to /readyz, median of ${runs} (node ${process.version}, ${os.cpus().length} cores)\n`);
console.log('| case | ms | × floor | RSS MB |\n|---|---|---|---|');
for (const [name, ms, rss] of rows) console.log(`| ${name} | ${Math.round(ms)} | ${(ms / f).toFixed(2)} | ${Number.isNaN(rss) ? '—' : rss} |`);
