/**
 * `chibo`: serve, migrate, init, seed-demo, audit verify, user reset-password, import members, prepare-template.
 */
import crypto from 'node:crypto';
import { Command } from 'commander';
import { ConfigError, deliveryOf, loadConfig, runningModes, type Config } from '../config/config.ts';
import { openDatabase, type Database } from '../db/client.ts';
import { DataDirLockedError } from '../db/data-dir-lock.ts';
import { prepareTemplate } from '../db/template.ts';
import { buildApp } from '../app.ts';
import { systemClock } from '../lib/context.ts';
import { AppError } from '../lib/app-error.ts';
import { demoAccounts, seedDemo } from '../demo/seed-demo.ts';
import { auditHashAt, verifyAuditChain } from '../modules/audit/audit.service.ts';
import { resetPassword } from '../modules/auth/auth.service.ts';
import { initInstallation } from '../modules/setup/setup.service.ts';
import { startJobRunner, type JobRunner } from '../jobs/runner.ts';

const startedAt = performance.now();

function open(config: Config): Promise<Database> {
  return openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
}

async function withDatabase<T>(fn: (db: Database, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await open(config);
  try {
    return await fn(database, config);
  } finally {
    await database.close();
  }
}

function printDemoAccounts(): void {
  console.log('\nTài khoản dùng thử (demo accounts):');
  for (const a of demoAccounts()) console.log(`  ${a.username.padEnd(10)} mật khẩu: ${a.password}   ${a.label}`);
  console.log('');
}

const program = new Command('chibo').description('Chi bộ số — sinh hoạt chi bộ').showHelpAfterError();

program
  .command('serve')
  .description('Chạy máy chủ (API và trang web)')
  .option('--seed-demo', 'nạp dữ liệu dùng thử nếu cơ sở dữ liệu còn trống')
  .action(async (opts: { seedDemo?: boolean }) => {
    const config = loadConfig();
    const database = await open(config);
    // The demo's accounts have a published password: never put them on a production
    // PostgreSQL database by accident (`npm start` passes --seed-demo).
    if (opts.seedDemo && database.mode === 'server' && !config.demoOnServer) {
      console.log('PostgreSQL: không nạp dữ liệu dùng thử (đặt CHIBO_DEMO=1 nếu muốn). Cài đặt mới: `chibo init` tạo tổ chức gốc và tài khoản quản trị.');
    } else if (opts.seedDemo) {
      const seeded = await seedDemo(database.db, systemClock, { present: { delivery: deliveryOf(config) } });
      database.flush();
      console.log(seeded ? 'Đã nạp dữ liệu dùng thử.' : 'Cơ sở dữ liệu đã có dữ liệu: không nạp lại dữ liệu dùng thử.');
      printDemoAccounts();
    }
    const app = await buildApp({ config, database });
    let jobRunner: JobRunner | undefined;
    let closing = false;
    const shutdown = async (signal: string) => {
      if (closing) return;
      closing = true;
      app.log.info({ signal }, 'shutting down');
      await jobRunner?.stop();
      await app.close();
      await database.close();
      process.exit(0);
    };
    process.on('SIGINT', () => void shutdown('SIGINT'));
    process.on('SIGTERM', () => void shutdown('SIGTERM'));
    await app.listen({ port: config.port, host: config.host });
    // Reminders and e-mail (CHIBO_JOBS=false leaves them to another process on the same database).
    if (config.jobs && !closing) {
      jobRunner = startJobRunner({ db: database.db, clock: systemClock, log: app.log, settings: deliveryOf(config), pollMs: config.jobsPollMs, onCommit: () => database.flush() });
    }
    const modes = runningModes(config, database.mode);
    app.log.info(modes, 'modes');
    if (modes.email === 'off') app.log.info({ email: 'off' }, 'e-mail is off (CHIBO_SMTP_URL is not set): notices stay in the app inbox only');
    if (modes.jobs === 'off') app.log.info({ jobs: 'off' }, 'jobs are off (CHIBO_JOBS=false): this process sends no reminders or e-mail');
    const ms = Math.round(performance.now() - startedAt);
    const rssMb = Math.round(process.memoryUsage().rss / 1024 / 1024);
    app.log.info({ startupMs: ms, rssMb, database: database.mode }, 'ready');
    const shownHost = config.host === '0.0.0.0' || config.host === '127.0.0.1' ? 'localhost' : config.host;
    console.log(`Chi bộ số sẵn sàng tại http://${shownHost}:${config.port} (khởi động ${ms} ms, bộ nhớ ${rssMb} MB, CSDL ${database.mode === 'embedded' ? `nhúng ${config.dataDir}` : 'PostgreSQL'})`);
  });

program
  .command('migrate')
  .description('Áp dụng các migration vào cơ sở dữ liệu')
  .action(() => withDatabase(async () => console.log('Đã cập nhật lược đồ cơ sở dữ liệu.')));

program
  .command('seed-demo')
  .description('Nạp dữ liệu dùng thử vào cơ sở dữ liệu trống')
  .action(() =>
    withDatabase(async (database, config) => {
      const seeded = await seedDemo(database.db, systemClock, { present: { delivery: deliveryOf(config) } });
      database.flush();
      console.log(seeded ? 'Đã nạp dữ liệu dùng thử.' : 'Cơ sở dữ liệu đã có dữ liệu: không nạp lại.');
      printDemoAccounts();
    }),
  );

program
  .command('init')
  .description('Cài đặt mới: tạo tổ chức đảng gốc và tài khoản quản trị đầu tiên')
  .requiredOption('--organization <name>', 'tên tổ chức đảng gốc, ví dụ "Đảng bộ Khối …"')
  .option('--kind <kind>', 'committee | grassroots_committee | sub_committee | grassroots_cell | cell', 'committee')
  .requiredOption('--admin <username>', 'tên đăng nhập của quản trị')
  .option('--display-name <name>', 'tên hiển thị của quản trị', 'Quản trị hệ thống')
  .option('--password <password>', 'mật khẩu (bỏ trống để sinh ngẫu nhiên)')
  .action((opts: { organization: string; kind: string; admin: string; displayName: string; password?: string }) =>
    withDatabase(async (database) => {
      const result = await initInstallation(database.db, systemClock, {
        organizationName: opts.organization,
        kind: opts.kind,
        username: opts.admin,
        displayName: opts.displayName,
        password: opts.password,
      });
      database.flush();
      console.log(`Đã tạo tổ chức gốc (${result.organizationId}) và tài khoản quản trị ${result.username}.`);
      if (!opts.password) console.log(`Mật khẩu: ${result.password}  — hãy đổi sau khi đăng nhập.`);
    }),
  );

program
  .command('prepare-template')
  .description('Tạo sẵn cơ sở dữ liệu nhúng mẫu (đã migrate) để lần chạy đầu khởi động nhanh')
  .action(async () => {
    const { file, created } = await prepareTemplate();
    console.log(created ? `Đã tạo mẫu cơ sở dữ liệu: ${file}` : `Mẫu cơ sở dữ liệu đã có: ${file}`);
  });

const audit = program.command('audit').description('Nhật ký thay đổi');
audit
  .command('verify')
  .description('Kiểm tra chuỗi băm của nhật ký; báo mắt xích hỏng đầu tiên')
  .option('--expect-head <seq:hash>', 'đầu chuỗi đã ghi lại từ lần kiểm tra trước (phát hiện bản ghi cuối bị xóa)')
  .action((opts: { expectHead?: string }) =>
    withDatabase(async (database) => {
      const result = await verifyAuditChain(database.db, (n) => process.stderr.write(`\rĐã kiểm tra ${n} bản ghi…`));
      process.stderr.write('\n');
      if (!result.ok) {
        const why = {
          hash_mismatch: 'nội dung không khớp mã băm',
          prev_mismatch: 'không nối với bản ghi trước',
          seq_gap: 'thiếu bản ghi',
          time_reversed: 'thời gian lùi so với bản ghi trước',
        }[result.reason];
        console.log(`NHẬT KÝ BỊ SỬA: mắt xích hỏng đầu tiên là bản ghi số ${result.brokenAt} (${why}); ${result.count} bản ghi trước đó hợp lệ.`);
        process.exitCode = 3;
        return;
      }
      const head = result.head ? `${result.head.seq}:${result.head.hash}` : '0:';
      if (opts.expectHead) {
        const [seqText, hash] = opts.expectHead.split(':');
        const seq = Number(seqText);
        const reached = result.head && result.head.seq >= seq;
        const matches = reached && (await auditHashAt(database.db, seq)) === hash;
        if (!matches) {
          console.log(`NHẬT KÝ BỊ SỬA: không còn bản ghi số ${seq} với mã băm đã ghi lại (đầu chuỗi hiện tại ${head}).`);
          process.exitCode = 3;
          return;
        }
      }
      console.log(`Nhật ký toàn vẹn: ${result.count} bản ghi. Đầu chuỗi: ${head}`);
      console.log('Ghi lại đầu chuỗi ở nơi khác; lần sau dùng --expect-head để phát hiện bản ghi cuối bị xóa.');
    }),
  );

const user = program.command('user').description('Tài khoản');
user
  .command('reset-password')
  .description('Đặt lại mật khẩu của một tài khoản (mở khóa, kết thúc mọi phiên)')
  .argument('<login>', 'tên đăng nhập hoặc email')
  .option('--password <password>', 'mật khẩu mới (bỏ trống để sinh ngẫu nhiên)')
  .action((login: string, opts: { password?: string }) =>
    withDatabase(async (database) => {
      const password = opts.password ?? crypto.randomBytes(9).toString('base64url');
      const account = await resetPassword(database.db, systemClock, login, password);
      database.flush();
      console.log(`Đã đặt lại mật khẩu cho ${account.username}.${opts.password ? '' : ` Mật khẩu mới: ${password}`}`);
    }),
  );

const importCmd = program.command('import').description('Nhập dữ liệu từ tệp');
importCmd
  .command('members')
  .description('Nhập danh sách đảng viên của một chi bộ từ tệp XLSX hoặc CSV (xem trước, rồi ghi khi có --yes)')
  .argument('<file>', 'tệp .xlsx hoặc .csv')
  .requiredOption('--cell <id>', 'mã chi bộ nhận danh sách')
  .requiredOption('--as <login>', 'tài khoản thực hiện (cần quyền quản lý đảng viên của chi bộ)')
  .option('--yes', 'ghi vào danh sách khi không còn dòng lỗi (mặc định chỉ xem trước)')
  .action((file: string, opts: { cell: string; as: string; yes?: boolean }) =>
    withDatabase(async (database) => {
      const { importMembersFromCli } = await import('./import-members.ts');
      const code = await importMembersFromCli(database, file, opts.cell, opts.as, opts.yes === true);
      database.flush();
      if (code !== 0) process.exitCode = code;
    }),
  );

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof ConfigError || err instanceof DataDirLockedError || err instanceof AppError) {
    console.error(err.message);
    process.exit(err instanceof AppError ? 2 : 1);
  }
  throw err;
}
