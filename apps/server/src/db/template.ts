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

/** The same template as a closed PGlite data directory: copying it and opening it as an
 * existing directory is faster than extracting the tarball into a new one. */
export function templateDirPath(): string {
  return path.join(cacheDir, `pglite-template-${migrationsHash()}`);
}

/** The template for the current migrations, or undefined when none has been prepared. */
export async function loadTemplate(): Promise<Blob | undefined> {
  const file = templatePath();
  if (!fs.existsSync(file)) return undefined;
  return new Blob([await fs.promises.readFile(file)]);
}

/** Fill an empty pgdata directory from the template directory; false if there is none. */
export function copyTemplateInto(pgData: string): boolean {
  const dir = templateDirPath();
  if (!fs.existsSync(path.join(dir, 'PG_VERSION'))) return false;
  fs.cpSync(dir, pgData, { recursive: true });
  return true;
}

export async function prepareTemplate(): Promise<{ file: string; created: boolean }> {
  const file = templatePath();
  const dir = templateDirPath();
  if (fs.existsSync(file) && fs.existsSync(path.join(dir, 'PG_VERSION'))) return { file, created: false };
  fs.mkdirSync(cacheDir, { recursive: true });
  // Built aside and renamed into place: a concurrent reader never sees half a template.
  const suffix = `.${process.pid}.tmp`;
  fs.rmSync(dir + suffix, { recursive: true, force: true });
  const client = await PGlite.create(dir + suffix);
  await migrate(drizzle(client), { migrationsFolder: migrationsDir });
  await client.query('CHECKPOINT');
  const dump = await client.dumpDataDir('gzip');
  await client.close();
  await fs.promises.writeFile(file + suffix, Buffer.from(await dump.arrayBuffer()));
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(dir + suffix, dir);
  fs.renameSync(file + suffix, file);
  const keep = new Set([path.basename(file), path.basename(dir)]);
  for (const old of fs.readdirSync(cacheDir)) {
    if (old.startsWith('pglite-template-') && !keep.has(old) && !old.endsWith('.tmp')) {
      fs.rmSync(path.join(cacheDir, old), { recursive: true, force: true });
    }
  }
  return { file, created: true };
}
