/**
 * A pre-migrated PGlite data directory, made once by `chibo prepare-template` (part of
 * `npm run build`) and by the test set-up. Opening a new embedded database from it takes
 * about a second; PGlite's own initdb takes about six (stack-notes §2). The file name
 * carries a hash of the migrations, so a stale template is never used.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';

const here = path.dirname(fileURLToPath(import.meta.url));
const migrationsDir = path.resolve(here, '../../drizzle');
const cacheDir = path.resolve(here, '../../.cache');

export function migrationsHash(): string {
  const h = crypto.createHash('sha256');
  const walk = (dir: string) => {
    for (const name of fs.readdirSync(dir).sort()) {
      const p = path.join(dir, name);
      if (fs.statSync(p).isDirectory()) walk(p);
      else h.update(name).update(fs.readFileSync(p));
    }
  };
  walk(migrationsDir);
  return h.digest('hex').slice(0, 16);
}

export function templatePath(): string {
  return path.join(cacheDir, `pglite-template-${migrationsHash()}.tar.gz`);
}

/** The template for the current migrations, or undefined when none has been prepared. */
export async function loadTemplate(): Promise<Blob | undefined> {
  const file = templatePath();
  if (!fs.existsSync(file)) return undefined;
  return new Blob([await fs.promises.readFile(file)]);
}

export async function prepareTemplate(): Promise<{ file: string; created: boolean }> {
  const file = templatePath();
  if (fs.existsSync(file)) return { file, created: false };
  const client = await PGlite.create('memory://');
  await migrate(drizzle(client), { migrationsFolder: migrationsDir });
  await client.query('CHECKPOINT');
  const dump = await client.dumpDataDir('gzip');
  await client.close();
  fs.mkdirSync(cacheDir, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.promises.writeFile(tmp, Buffer.from(await dump.arrayBuffer()));
  fs.renameSync(tmp, file); // atomic: a concurrent reader never sees half a file
  for (const old of fs.readdirSync(cacheDir)) {
    if (old.startsWith('pglite-template-') && path.join(cacheDir, old) !== file && !old.endsWith('.tmp')) {
      fs.rmSync(path.join(cacheDir, old), { force: true });
    }
  }
  return { file, created: true };
}
