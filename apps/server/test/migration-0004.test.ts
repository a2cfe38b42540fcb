/** Migration 0004 carries the flat status columns of earlier releases into history periods. */
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../src/db/client.ts';

const run = async (db: PGlite, file: string) => {
  for (const s of fs.readFileSync(path.join(MIGRATIONS_DIR, file), 'utf8').split('--> statement-breakpoint')) if (s.trim()) await db.exec(s);
};

describe('migration 0004 (member history)', () => {
  it('turns each old status into periods without inventing or losing one', async () => {
    const db = await PGlite.create();
    try {
      for (const f of ['0000_init.sql', '0001_audit_append_only.sql', '0002_account_login_rules.sql', '0003_idempotency_keys.sql']) await run(db, f);
      const cell = '00000000-0000-4000-8000-000000000001';
      await db.exec(`insert into organizations (id, path, depth, kind, name) values ('${cell}', '/${cell}/', 0, 'cell', 'Chi bộ cũ');
        insert into members (organization_id, full_name, search_name, status, position, admitted_on, confirmed_on) values
          ('${cell}', 'A', 'a', 'exempt', null, '1985-01-09', '1986-01-09'),
          ('${cell}', 'B', 'b', 'suspended', null, '1990-01-01', '1991-01-01'),
          ('${cell}', 'C', 'c', 'probationary', null, '2025-01-01', '2026-01-01'),
          ('${cell}', 'E', 'e', 'official', 'secretary', '2020-05-01', '2021-05-01');`);
      await run(db, '0004_member_history.sql');
      const rows = (await db.query<{ n: string; status: string; f: string; t: string | null }>(
        `select m.full_name as n, s.status, s.from_date::text as f, s.to_date::text as t from members m join member_statuses s on s.member_id = m.id order by 1, 3, 2`,
      )).rows;
      expect(rows).toEqual([
        { n: 'A', status: 'probationary', f: '1985-01-09', t: '1986-01-08' },
        { n: 'A', status: 'exempt', f: '1986-01-09', t: null },
        { n: 'A', status: 'official', f: '1986-01-09', t: null },
        { n: 'B', status: 'probationary', f: '1990-01-01', t: '1990-12-31' },
        { n: 'B', status: 'official', f: '1991-01-01', t: null },
        { n: 'B', status: 'suspended', f: '1991-01-01', t: null },
        { n: 'C', status: 'probationary', f: '2025-01-01', t: null },
        { n: 'E', status: 'probationary', f: '2020-05-01', t: '2021-04-30' },
        { n: 'E', status: 'official', f: '2021-05-01', t: null },
      ]);
      const posts = (await db.query<{ position: string; f: string }>(`select position, from_date::text as f from member_positions`)).rows;
      expect(posts).toEqual([{ position: 'secretary', f: '2020-05-01' }]);
      expect((await db.query(`select 1 from member_memberships`)).rows).toHaveLength(4);
    } finally {
      await db.close();
    }
  });
});
