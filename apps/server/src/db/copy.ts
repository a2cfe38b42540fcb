/**
 * Bulk rows through PostgreSQL's COPY, on either driver (stack-notes: 4–9× faster than batched
 * INSERTs): node-postgres streams `COPY … FROM STDIN` (pg-copy-streams); PGlite reads
 * `COPY … FROM '/dev/blob'`. It runs on the transaction's own connection, so the rows commit
 * or roll back with everything else the transaction did.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import type { PoolClient } from 'pg';
import type { Tx } from './client.ts';

export type CopyValue = string | number | null;

interface PgliteTx {
  query(sql: string, params: unknown[], opts: { blob: Blob }): Promise<unknown>;
}

/** The connection under a drizzle transaction (drizzle keeps it as `session.client`). */
function connectionOf(tx: Tx): PoolClient | PgliteTx {
  const client = (tx as unknown as { session?: { client?: unknown } }).session?.client;
  if (!client || typeof (client as { query?: unknown }).query !== 'function') throw new Error('copyRows: no connection under the transaction');
  return client as PoolClient | PgliteTx;
}

function csvField(v: CopyValue): string {
  if (v === null) return '';
  const s = String(v);
  // Quoted, so an empty string stays empty (an unquoted empty field is NULL in CSV COPY).
  return `"${s.replaceAll('"', '""')}"`;
}

function* csvChunks(rows: Iterable<readonly CopyValue[]>): Generator<string> {
  let buf = '';
  for (const row of rows) {
    buf += row.map(csvField).join(',') + '\n';
    if (buf.length > 1 << 16) {
      yield buf;
      buf = '';
    }
  }
  if (buf !== '') yield buf;
}

const ident = (s: string) => `"${s.replaceAll('"', '""')}"`;

export async function copyRows(tx: Tx, table: string, columns: readonly string[], rows: Iterable<readonly CopyValue[]>): Promise<void> {
  const target = `${ident(table)} (${columns.map(ident).join(', ')})`;
  const client = connectionOf(tx);
  if ('release' in client) {
    await pipeline(Readable.from(csvChunks(rows)), client.query(copyFrom(`COPY ${target} FROM STDIN WITH (FORMAT csv)`)));
    return;
  }
  const blob = new Blob([...csvChunks(rows)], { type: 'text/csv' });
  await client.query(`COPY ${target} FROM '/dev/blob' WITH (FORMAT csv)`, [], { blob });
}
