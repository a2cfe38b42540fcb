import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, QUY_TRO_VON_CELL, seriousA11yViolations, shown, signIn, useBrowser } from './browser.ts';

// A register as an office keeps it: Vietnamese headers, dd/mm/yyyy dates, an STT column to
// ignore. Row 3 (the second data row) has a birth date that does not exist.
const CSV = [
  'STT,Họ và tên,Ngày sinh,Giới tính,Ngày vào Đảng,Ngày chính thức,Chức vụ',
  '1,Đỗ Thị Ngọc Hà,12/03/1991,Nữ,19/05/2016,19/05/2017,',
  '2,Phùng Văn Khải,31/02/1990,Nam,03/02/2015,03/02/2016,',
  '3,Lưu Thị Thanh Tâm,05/07/1995,Nữ,01/06/2026,,',
  '4,Hứa Đức Minh,20/11/1987,Nam,22/12/2012,22/12/2013,Tổ trưởng đảng',
].join('\r\n');

describe('importing a member list (bithu)', () => {
  const browser = useBrowser();
  let dir = '';
  let csvFile = '';
  let pdfFile = '';

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'chibo-import-'));
    csvFile = path.join(dir, 'danh-sach-dang-vien.csv');
    // UTF-8 with a BOM, as Excel saves "CSV UTF-8".
    await writeFile(csvFile, '\uFEFF' + CSV + '\r\n', 'utf8');
    pdfFile = path.join(dir, 'bien-ban.pdf');
    await writeFile(pdfFile, '%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n', 'latin1');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('says why a file that is not a member list cannot be read', async () => {
    const { context, page } = await openPage(browser());
    await signIn(page, 'bithu');
    await page.getByRole('link', { name: 'Nhập từ tệp' }).click();
    await shown(page.getByRole('heading', { level: 1, name: 'Nhập danh sách đảng viên từ tệp' }));
    await page.getByLabel('Tệp danh sách').setInputFiles(pdfFile);
    await page.getByRole('button', { name: 'Tải lên' }).click();
    await shown(page.getByRole('alert').filter({ hasText: 'Đây là tệp PDF' }));
    // Still on step 1, with nothing imported.
    await shown(page.getByRole('heading', { level: 2, name: 'Chọn tệp' }));
    await context.close();
  });

  it('uploads a CSV, fixes the bad row in the preview, writes it, and finds an imported member without diacritics', async () => {
    const { context, page } = await openPage(browser());
    await signIn(page, 'bithu');
    await page.getByRole('link', { name: 'Nhập từ tệp' }).click();
    await shown(page.getByRole('heading', { level: 1, name: 'Nhập danh sách đảng viên từ tệp' }));

    // Step 1: the file goes up.
    await page.getByLabel('Tệp danh sách').setInputFiles(csvFile);
    await page.getByRole('button', { name: 'Tải lên' }).click();

    // Step 2: the Vietnamese headers were recognized; STT is left out.
    await shown(page.getByRole('heading', { level: 2, name: 'Ghép cột' }));
    expect(await page.getByLabel('Cột "Họ và tên" nhập vào').inputValue()).toBe('fullName');
    expect(await page.getByLabel('Cột "Ngày vào Đảng" nhập vào').inputValue()).toBe('admittedOn');
    expect(await page.getByLabel('Cột "STT" nhập vào').inputValue()).toBe('');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();

    // Step 3: every row with what will happen to it; the impossible date is an error beside its cell.
    await shown(page.getByRole('heading', { level: 2, name: 'Xem trước và sửa lỗi' }));
    const counts = page.getByTestId('import-counts');
    await shown(counts.locator('[data-count="error"]').filter({ hasText: /^1$/ }));
    expect(await counts.locator('[data-count="create"]').textContent()).toBe('3');
    const table = page.getByRole('table', { name: /Xem trước các dòng/ });
    const badRow = table.locator('tr[data-row="3"]');
    await shown(badRow.getByText('"31/02/1990" không phải ngày có thật.'));
    await shown(badRow.getByText('Lỗi', { exact: true }));
    await shown(table.locator('tr[data-row="2"]').getByText('Thêm mới', { exact: true }));

    expect(await seriousA11yViolations(page)).toEqual([]);

    // While an error remains, nothing can be written.
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await shown(page.getByRole('heading', { level: 2, name: 'Xác nhận' }));
    expect(await page.getByRole('button', { name: 'Ghi vào danh sách' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Quay lại xem trước' }).click();

    // Only the rows with errors, then the cell corrected inline and checked again.
    await page.getByLabel('Chỉ hiện dòng lỗi').check();
    await table.locator('tr[data-row="2"]').waitFor({ state: 'detached' });
    expect(await table.locator('tbody tr').count()).toBe(1);
    await page.getByRole('button', { name: 'Sửa dòng 3' }).click();
    await page.getByLabel('Ngày sinh, dòng 3').fill('28/02/1990');
    await page.getByRole('button', { name: 'Kiểm tra lại dòng 3' }).click();
    await shown(page.getByText('Không còn dòng lỗi.'));
    expect(await counts.locator('[data-count="error"]').textContent()).toBe('0');
    expect(await counts.locator('[data-count="create"]').textContent()).toBe('4');

    // Step 4 and 5: written, and the result counted.
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await shown(page.getByRole('heading', { level: 2, name: 'Xác nhận' }));
    await page.getByRole('button', { name: 'Ghi vào danh sách' }).click();
    await shown(page.getByRole('heading', { level: 2, name: 'Kết quả' }));
    const result = page.getByTestId('import-result');
    expect(await result.locator('[data-count="created"]').textContent()).toBe('4');
    expect(await result.locator('[data-count="updated"]').textContent()).toBe('0');

    // Back in the cell's register, typed without diacritics.
    await page.getByRole('link', { name: 'Về danh sách chi bộ' }).click();
    await shown(page.getByRole('heading', { level: 1, name: QUY_TRO_VON_CELL }));
    const roster = page.getByTestId('roster');
    await shown(roster.getByText('Lê Minh Tuấn', { exact: true }));
    await page.getByLabel('Tìm theo tên').fill('do thi ngoc ha');
    await shown(roster.getByText('Đỗ Thị Ngọc Hà', { exact: true }));
    await roster.getByText('Lê Minh Tuấn', { exact: true }).waitFor({ state: 'detached' });
    expect(await roster.locator('li').count()).toBe(1);
    // The corrected row was written with the corrected date, and the post from the file.
    await page.getByLabel('Tìm theo tên').fill('phung van khai');
    await shown(roster.getByText('Phùng Văn Khải', { exact: true }));
    await page.getByLabel('Tìm theo tên').fill('hua duc minh');
    await shown(roster.locator('li').filter({ hasText: 'Hứa Đức Minh' }).getByText('Tổ trưởng đảng', { exact: true }));
    await context.close();
  });
});
