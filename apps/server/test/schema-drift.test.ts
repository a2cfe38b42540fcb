/** The drizzle schema and the committed migrations must not drift apart. */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '../../..');

describe('migrations', () => {
  it('drizzle-kit generates nothing new from the current schema', { timeout: 120_000 }, async () => {
    // drizzle-kit wants an out folder relative to its working directory.
    fs.mkdirSync(path.join(repoRoot, '.tmp'), { recursive: true });
    const out = path.relative(repoRoot, fs.mkdtempSync(path.join(repoRoot, '.tmp', 'drift-')));
    try {
      fs.cpSync(path.join(repoRoot, 'apps/server/drizzle'), path.join(repoRoot, out), { recursive: true });
      const before = fs.readdirSync(path.join(repoRoot, out)).sort();
      const bin = path.join(repoRoot, 'node_modules/.bin/drizzle-kit');
      const res = await run(bin, ['generate', '--dialect', 'postgresql', '--schema', 'apps/server/src/db/schema/index.ts', '--out', out], { cwd: repoRoot });
      // drizzle-kit exits 0 even when it fails: read what it said.
      expect(res.stderr).not.toMatch(/Error/);
      expect(res.stdout).toContain('No schema changes');
      expect(fs.readdirSync(path.join(repoRoot, out)).sort()).toEqual(before);
    } finally {
      fs.rmSync(path.join(repoRoot, out), { recursive: true, force: true });
    }
  });
});
