/**
 * Member import benchmark (issue 3): a 100,000-row register CSV imported into PostgreSQL, in
 * rows per second, next to floors measured in the same run on the same server:
 *   - floor A, "the same rows by COPY": every row the import stored (members, their attachment,
 *     status and post periods, the audit entries) dumped and loaded again with COPY into empty
 *     tables of the same shape, with the same indexes, checks and foreign keys — what storing
 *     that data under the schema's rules costs at best;
 *   - floor B, "the file by COPY": the CSV's own rows COPYed as text into a staging table — no
 *     parsing of dates, no checks, no history, no audit; shown for scale.
 * The import is measured as the wizard and the CLI run it: upload + preview (read, parse and
 * check every row, keep the file), then the commit of what was previewed (the preview's check
 * is reused while the cell's register is unchanged; everything is written in one transaction).
 * Both steps together are reported too.
 * Run: node --import tsx bench/member-import.ts [rows] (PostgreSQL at BENCH_DATABASE_URL or
 * postgres://postgres@127.0.0.1:5432; a database is created and dropped).
 */
import crypto from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { openDatabase } from '../apps/server/src/db/client.ts';
import { systemClock, type Ctx } from '../apps/server/src/lib/context.ts';
import { deliveryOf, loadConfig } from '../apps/server/src/config/config.ts';
import { insertOrganization } from '../apps/server/src/modules/organizations/organizations.repo.ts';
import { insertAccount, insertGrant, grantsOf } from '../apps/server/src/modules/auth/accounts.repo.ts';
import { commitImport, createImport } from '../apps/server/src/modules/member-imports/member-imports.service.ts';

const ROWS = Number(process.argv[2] ?? 100_000);
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = `chibo_bench_${process.pid}`;
const dbUrl = adminUrl.replace(/\/[^/]*$/, `/${dbName}`);

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const MIDDLE = ['Văn', 'Thị', 'Minh', 'Đức', 'Thu', 'Quốc', 'Ngọc', 'Hồng', 'Thanh', 'Xuân', 'Hữu', 'Công', 'Diệu', 'Bảo', 'Khánh'];
const GIVEN = ['Anh', 'Bình', 'Cường', 'Dũng', 'Đạt', 'Giang', 'Hà', 'Hải', 'Hạnh', 'Hùng', 'Hương', 'Khoa', 'Lan', 'Lân', 'Long', 'Mai', 'Nam', 'Nga', 'Oanh', 'Phúc', 'Quân', 'Sơn', 'Tâm', 'Thảo', 'Trang', 'Tuấn', 'Uyên', 'Việt', 'Xuân', 'Yến'];
const POSTS = ['', '', '', '', '', '', '', '', '', 'Tổ trưởng đảng'];
const pad = (n: number) => String(n).padStart(2, '0');

function makeCsv(rows: number): Buffer {
  const lines = ['STT,Họ và tên,Ngày sinh,Giới tính,Ngày vào Đảng,Ngày chính thức,Chức vụ,Điện thoại'];
  for (let i = 0; i < rows; i++) {
    const name = `${FAMILY[i % FAMILY.length]} ${MIDDLE[Math.floor(i / FAMILY.length) % MIDDLE.length]} ${GIVEN[Math.floor(i / (FAMILY.length * MIDDLE.length)) % GIVEN.length]}`;
    // Name and birth date together are unique (the import's matching key): the names repeat
    // every 7,200 rows, and each repeat is born in a later year.
    const birth = new Date(Date.UTC(1950 + Math.floor(i / 7200) * 3, 0, 1 + (i % 360)));
    const [day, month, year] = [birth.getUTCDate(), birth.getUTCMonth() + 1, birth.getUTCFullYear()];
    const admitted = year + 20 + (i % 20);
    const probationary = i % 25 === 0;
    lines.push(
      [i + 1, name, `${pad(day)}/${pad(month)}/${year}`, i % 2 ? 'Nữ' : 'Nam', `${pad(Math.min(day, 28))}/${pad(month)}/${Math.min(admitted, 2025)}`, probationary ? '' : `${pad(Math.min(day, 28))}/${pad(month)}/${Math.min(admitted, 2025) + 1}`, POSTS[i % POSTS.length], `09${String(10_000_000 + i).slice(-8)}`].join(','),
    );
  }
  return Buffer.from('\uFEFF' + lines.join('\r\n') + '\r\n', 'utf8');
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function copyTime(client: pg.Client, table: string, csv: string, columns?: string): Promise<number> {
  const t0 = performance.now();
  await pipeline(Readable.from([csv]), client.query(copyFrom(`COPY ${table}${columns ? ` (${columns})` : ''} FROM STDIN WITH (FORMAT csv)`)));
  return performance.now() - t0;
}

async function dump(client: pg.Client, sql: string): Promise<string> {
  const chunks: Buffer[] = [];
  const stream = client.query(copyTo(`COPY (${sql}) TO STDOUT WITH (FORMAT csv)`));
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function main(): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  try {
    const database = await openDatabase({ databaseUrl: dbUrl });
    const db = database.db;
    const root = await insertOrganization(db, { id: crypto.randomUUID(), parentId: null, kind: 'grassroots_committee', name: 'Đảng bộ Đo Hiệu Năng' }, null);
    const cell = await insertOrganization(db, { id: crypto.randomUUID(), parentId: root.id, kind: 'cell', name: 'Chi bộ Đo Hiệu Năng', cellType: 'administrative' }, root);
    const account = await insertAccount(db, { username: 'dohieunang', displayName: 'Đo hiệu năng', passwordHash: 'x' });
    await insertGrant(db, account.id, root.id, 'superior');
    const ctx: Ctx = {
      db,
      clock: systemClock,
      log: { info: () => undefined } as unknown as Ctx['log'],
      actor: { accountId: account.id, displayName: account.displayName, memberId: null, grants: await grantsOf(db, account.id) },
      delivery: deliveryOf(loadConfig({ LOG_LEVEL: 'silent' })),
    };
    const file = makeCsv(ROWS);
    console.log(`Tệp: ${ROWS} dòng, ${(file.length / 1e6).toFixed(1)} MB`);

    let t0 = performance.now();
    const preview = await createImport(ctx, cell.id, 'bench.csv', file, { offset: 0, limit: 10, only: 'errors' });
    const previewMs = performance.now() - t0;
    if (preview.counts.error > 0) throw new Error(`bench file has errors: ${JSON.stringify(preview.rows[0]?.errors)}`);
    t0 = performance.now();
    const done = await commitImport(ctx, preview.id);
    const commitMs = performance.now() - t0;
    if (done.result?.created !== ROWS) throw new Error(`created ${done.result?.created}`);

    // Floor A: the rows the import stored, dumped and loaded again with COPY (same shapes and indexes).
    const client = new pg.Client({ connectionString: dbUrl });
    await client.connect();
    const tables: [string, string][] = [
      ['members', 'select * from members'],
      ['member_memberships', 'select * from member_memberships'],
      ['member_statuses', 'select * from member_statuses'],
      ['member_positions', 'select * from member_positions'],
      ['audit_events', `select * from audit_events where data->>'importId' = '${preview.id}' or target_id = '${preview.id}'`],
    ];
    const dumps: [string, string, number][] = [];
    for (const [table, sql] of tables) {
      const csv = await dump(client, sql);
      dumps.push([table, csv, csv === '' ? 0 : csv.split('\n').length - 1]);
    }
    const storedRows = dumps.reduce((n, [, , c]) => n + c, 0);
    const floorA: number[] = [];
    const floorB: number[] = [];
    const fileText = file.toString('utf8').replace(/^\uFEFF/, '').split('\r\n').slice(1).join('\n');
    // The same foreign keys as the real tables: the floor stores the same rows under the same rules.
    const foreignKeys: Record<string, string[]> = {
      members: [],
      member_memberships: ['foreign key (member_id) references floor.members (id)', 'foreign key (organization_id) references public.organizations (id)'],
      member_statuses: ['foreign key (member_id) references floor.members (id)'],
      member_positions: ['foreign key (member_id) references floor.members (id)', 'foreign key (organization_id) references public.organizations (id)'],
      audit_events: [],
    };
    for (let run = 0; run < 3; run++) {
      await client.query('create schema floor');
      for (const [table] of dumps) {
        await client.query(`create table floor.${table} (like public.${table} including all)`);
        for (const fk of foreignKeys[table] ?? []) await client.query(`alter table floor.${table} add ${fk}`);
      }
      let ms = 0;
      await client.query('begin');
      for (const [table, csv] of dumps) ms += await copyTime(client, `floor.${table}`, csv);
      await client.query('commit');
      await client.query('drop schema floor cascade');
      floorA.push(ms);
      await client.query('begin');
      await client.query('create temp table floor_file (stt text, ho_ten text, ngay_sinh text, gioi_tinh text, vao_dang text, chinh_thuc text, chuc_vu text, dien_thoai text) on commit drop');
      floorB.push(await copyTime(client, 'floor_file', fileText));
      await client.query('commit');
    }
    await client.end();
    await database.close();

    const rate = (ms: number) => Math.round(ROWS / (ms / 1000));
    const a = median(floorA);
    const b = median(floorB);
    console.log(`Tải lên + xem trước: ${(previewMs / 1000).toFixed(2)} s = ${rate(previewMs)} dòng/s`);
    console.log(`Ghi (xác nhận, một giao dịch): ${(commitMs / 1000).toFixed(2)} s = ${rate(commitMs)} dòng/s`);
    console.log(`Cả hai bước: ${((previewMs + commitMs) / 1000).toFixed(2)} s = ${rate(previewMs + commitMs)} dòng/s`);
    console.log(`Sàn A — cùng ${storedRows} bản ghi đã lưu, nạp bằng COPY: ${(a / 1000).toFixed(2)} s = ${rate(a)} dòng tệp/s`);
    console.log(`Sàn B — ${ROWS} dòng tệp dạng văn bản, COPY vào bảng tạm: ${(b / 1000).toFixed(2)} s = ${rate(b)} dòng/s`);
    console.log(`Tỉ lệ so với sàn A — ghi: ${(a / commitMs).toFixed(2)} (mục tiêu ≥ 0.5), cả hai bước: ${(a / (previewMs + commitMs)).toFixed(2)}; so với sàn B — ghi: ${(b / commitMs).toFixed(3)}`);
  } finally {
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }
}

await main();
