/**
 * Event-loop delay while a large, legitimate member XLSX is read (issue 9, point 1): how long
 * other users' requests would wait. Median of N runs of each, in the same process:
 *   - floor: the delay of an idle event loop over 2 s (the machine's own noise);
 *   - inline: the reader on the main thread (what the server did before);
 *   - worker: parseMemberFile, the reader in a worker thread (what it does now);
 *   - upload: createImport on embedded PGlite — read in the worker, then every row checked
 *     against the register and stored (the parts still on the main thread).
 * Each as the largest stall (max of monitorEventLoopDelay, 10 ms resolution) and its p99, the
 * stall as a ratio to the floor's, and the wall time.
 * Run: node --import tsx bench/import-parse.ts [rows=50000] [runs=3]
 */
import crypto from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { openDatabase } from '../apps/server/src/db/client.ts';
import { prepareTemplate } from '../apps/server/src/db/template.ts';
import { systemClock, type Ctx } from '../apps/server/src/lib/context.ts';
import { deliveryOf, loadConfig } from '../apps/server/src/config/config.ts';
import { grantsOf, insertAccount, insertGrant } from '../apps/server/src/modules/auth/accounts.repo.ts';
import { createImport } from '../apps/server/src/modules/member-imports/member-imports.service.ts';
import { readMemberFile } from '../apps/server/src/modules/member-imports/member-file.ts';
import { parseMemberFile } from '../apps/server/src/modules/member-imports/parse-member-file.ts';
import { insertOrganization } from '../apps/server/src/modules/organizations/organizations.repo.ts';

const ROWS = Number(process.argv[2] ?? 50_000);
const RUNS = Number(process.argv[3] ?? 3);

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const MIDDLE = ['Văn', 'Thị', 'Minh', 'Đức', 'Thu', 'Quốc', 'Ngọc', 'Hồng', 'Thanh', 'Xuân', 'Hữu', 'Công', 'Diệu', 'Bảo', 'Khánh'];
const GIVEN = ['Anh', 'Bình', 'Cường', 'Dũng', 'Đạt', 'Giang', 'Hà', 'Hải', 'Hạnh', 'Hùng', 'Hương', 'Khoa', 'Lan', 'Lân', 'Long', 'Mai', 'Nam', 'Nga', 'Oanh', 'Phúc'];

async function makeXlsx(rows: number): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Danh sách');
  ws.addRow(['STT', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Ngày vào Đảng', 'Ngày chính thức', 'Chức vụ', 'Điện thoại']);
  for (let i = 0; i < rows; i++) {
    const name = `${FAMILY[i % 16]} ${MIDDLE[Math.floor(i / 16) % 15]} ${GIVEN[Math.floor(i / 240) % 20]}`;
    // Name and birth date together are unique (the import's matching key).
    const birth = new Date(Date.UTC(1950 + Math.floor(i / 4800), 0, 1 + (i % 360)));
    const admitted = new Date(Date.UTC(birth.getUTCFullYear() + 22, 1, 3));
    const confirmed = new Date(Date.UTC(birth.getUTCFullYear() + 23, 1, 3));
    ws.addRow([i + 1, name, birth, i % 2 ? 'Nữ' : 'Nam', admitted, confirmed, i % 10 ? '' : 'Tổ trưởng đảng', `09${String(10_000_000 + i).slice(-8)}`]);
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

interface Sample {
  maxMs: number;
  p99Ms: number;
  wallMs: number;
}

async function measure(work: () => Promise<unknown>): Promise<Sample> {
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  const t0 = performance.now();
  await work();
  const wallMs = performance.now() - t0;
  h.disable();
  return { maxMs: h.max / 1e6, p99Ms: h.percentile(99) / 1e6, wallMs };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const idle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const bytes = await makeXlsx(ROWS);
  console.log(`Tệp: ${ROWS} dòng, ${(bytes.length / 1e6).toFixed(1)} MB (XLSX); ${RUNS} lần mỗi cách`);

  await prepareTemplate();
  const database = await openDatabase({ dataDir: 'memory://' });
  const db = database.db;
  const root = await insertOrganization(db, { id: crypto.randomUUID(), parentId: null, kind: 'grassroots_committee', name: 'Đảng bộ Đo Hiệu Năng' }, null);
  const account = await insertAccount(db, { username: 'dohieunang', displayName: 'Đo hiệu năng', passwordHash: 'x' });
  await insertGrant(db, account.id, root.id, 'superior');
  const ctx: Ctx = {
    db,
    clock: systemClock,
    log: { info: () => undefined, warn: () => undefined } as unknown as Ctx['log'],
    actor: { accountId: account.id, displayName: account.displayName, memberId: null, grants: await grantsOf(db, account.id) },
    delivery: deliveryOf(loadConfig({ LOG_LEVEL: 'silent' })),
  };

  const cases: [string, () => Promise<unknown>][] = [
    ['floor: idle event loop, 2 s', () => idle(2000)],
    ['inline: the reader on the main thread', () => readMemberFile(bytes)],
    ['worker: parseMemberFile (worker thread)', () => parseMemberFile(bytes)],
    [
      'upload: createImport on PGlite (worker, then check + store)',
      async () => {
        // A fresh cell each run: every row is new, as on a first import.
        const cell = await insertOrganization(db, { id: crypto.randomUUID(), parentId: root.id, kind: 'cell', name: `Chi bộ ${crypto.randomUUID().slice(0, 8)}`, cellType: 'administrative' }, root);
        const p = await createImport(ctx, cell.id, 'bench.xlsx', bytes, { offset: 0, limit: 1, only: 'errors' });
        if (p.counts.error > 0 || p.counts.create !== ROWS) throw new Error(`bench file: ${JSON.stringify(p.counts)}`);
      },
    ],
  ];
  const results: [string, Sample][] = [];
  for (const [label, work] of cases) {
    const samples: Sample[] = [];
    for (let r = 0; r < RUNS; r++) samples.push(await measure(work));
    results.push([label, { maxMs: median(samples.map((s) => s.maxMs)), p99Ms: median(samples.map((s) => s.p99Ms)), wallMs: median(samples.map((s) => s.wallMs)) }]);
  }
  await database.close();

  const floor = results[0]?.[1].maxMs ?? Number.NaN;
  console.log('| case | longest stall ms | × floor | p99 ms | wall s |');
  console.log('|---|---|---|---|---|');
  for (const [label, s] of results) console.log(`| ${label} | ${s.maxMs.toFixed(0)} | ${(s.maxMs / floor).toFixed(1)} | ${s.p99Ms.toFixed(0)} | ${(s.wallMs / 1000).toFixed(2)} |`);
}

await main();
