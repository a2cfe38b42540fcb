/** Migration 0010 turns the undated target-day setting into a rule override: one place answers the rule. */
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../src/db/client.ts';

const run = async (db: PGlite, file: string) => {
  for (const s of fs.readFileSync(path.join(MIGRATIONS_DIR, file), 'utf8').split('--> statement-breakpoint')) if (s.trim()) await db.exec(s);
};

describe('migration 0010 (target day from settings to rules)', () => {
  it('moves each regularMeetingDay into an override from 1900-01-01 and keeps the other settings', async () => {
    const db = await PGlite.create();
    try {
      const files = fs.readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql')).sort();
      const at = files.findIndex((f) => f.startsWith('0010_'));
      for (const f of files.slice(0, at)) await run(db, f);
      const a = '00000000-0000-4000-8000-00000000000a';
      const b = '00000000-0000-4000-8000-00000000000b';
      await db.exec(`insert into organizations (id, path, depth, kind, name, settings) values
        ('${a}', '/${a}/', 0, 'committee', 'Đảng bộ', '{"regularMeetingDay": 5, "meetingPlace": "Hội trường"}'),
        ('${b}', '/${a}/${b}/', 1, 'cell', 'Chi bộ', '{"probationAlertDays": 45}');`);
      await run(db, files[at] ?? '');
      const overrides = (await db.query<{ organization_id: string; rule: string; value: number; from_date: string }>(`select organization_id, rule, value, from_date::text from rule_overrides`)).rows;
      expect(overrides).toEqual([{ organization_id: a, rule: 'targetDay', value: 5, from_date: '1900-01-01' }]);
      const settings = (await db.query<{ id: string; settings: unknown }>(`select id, settings from organizations order by depth`)).rows;
      expect(settings).toEqual([
        { id: a, settings: { meetingPlace: 'Hội trường' } },
        { id: b, settings: { probationAlertDays: 45 } },
      ]);
    } finally {
      await db.close();
    }
  });
});
