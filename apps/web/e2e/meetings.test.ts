/**
 * Issue 4's acceptance journey: the secretary plans the year, prepares the next regular
 * meeting (a document, the announcement, a paper), a member is told, reads, writes and asks
 * to be excused, and the secretary answers and sees who read the notice. The tests share one
 * meeting and run in order.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_SUPERIOR, horizontalOverflow, openPage, openPlannedYear, QUY_TRO_VON_CELL, seriousA11yViolations, shown, signIn, useBrowser } from './browser.ts';

const MEMBER_NAME = 'Nguyễn Thị Lan';
const DOCUMENT_TITLE = 'Dự thảo nghị quyết chi bộ tháng tới';
const PAPER_TITLE = 'Nâng cao chất lượng sinh hoạt chi bộ ở cơ quan';
const PAPER_BODY =
  'Để nâng cao chất lượng sinh hoạt chi bộ, mỗi đảng viên cần đọc tài liệu trước, chuẩn bị ý kiến và thẳng thắn phát biểu; chi ủy cần gửi thông báo sớm.';
const PLACE = 'Hội trường tầng 3, số 12 Quang Trung, Hoàn Kiếm';
const ABSENCE_REASON = 'Đi công tác tại Đà Nẵng theo quyết định của cơ quan.';

/** A small valid PDF (one empty page), its cross-reference table computed from the bytes. */
function minimalPdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** Year and month today on the cell's wall clock. */
function nowInVietnam(): { year: number; month: number } {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit' }).formatToParts(new Date());
  return { year: Number(parts.find((p) => p.type === 'year')?.value), month: Number(parts.find((p) => p.type === 'month')?.value) };
}

async function expectNoSeriousViolations(page: Page): Promise<void> {
  expect(await seriousA11yViolations(page)).toEqual([]);
}

/** "Công bố" opens what will be sent — the people and the text — and one press sends it. */
async function announceAfterPreview(page: Page, button: Locator): Promise<void> {
  await button.click();
  const dialog = await shown(page.getByRole('dialog', { name: 'Công bố cuộc họp' }));
  await shown(dialog.getByText(/^Thông báo sẽ gửi tới \d+ người:$/));
  await shown(dialog.getByTestId('announce-recipients').getByText(MEMBER_NAME, { exact: true }));
  await shown(dialog.getByTestId('announce-body').getByText(/Thời gian: \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} – \d{2}:\d{2}/));
  expect(await page.getByText('Đã công bố cuộc họp và gửi thông báo tới đảng viên.').count()).toBe(0);
  await expectNoSeriousViolations(page);
  await dialog.getByRole('button', { name: /^Gửi thông báo tới \d+ người$/ }).click();
  await shown(page.getByText('Đã công bố cuộc họp và gửi thông báo tới đảng viên.'));
}

/** The first regular meeting still ahead (draft or announced) in the months from `fromMonth`. */
async function nextRegularMeeting(page: Page, year: number, fromMonth: number): Promise<Locator | null> {
  for (let month = fromMonth; month <= 12; month++) {
    const cell = page.getByTestId(`period-${year}-${String(month).padStart(2, '0')}`);
    const item = cell.locator('li').filter({ hasText: /Sinh hoạt thường kỳ/ }).filter({ hasText: /Dự kiến|Đã công bố/ });
    if ((await item.count()) > 0) return item.first().getByRole('link');
  }
  return null;
}

describe('meetings: plan, prepare, notify, respond', () => {
  const browser = useBrowser();
  let meetingPath = '';

  it('the secretary plans the year and prepares the next regular meeting', async () => {
    const { context, page } = await openPage(browser());
    await signIn(page, 'bithu');
    await page.getByRole('link', { name: 'Xem trang chi bộ' }).click();
    await shown(page.getByRole('heading', { level: 1, name: QUY_TRO_VON_CELL }));
    const cellId = new URL(page.url()).pathname.split('/')[2] ?? '';
    await page.getByRole('link', { name: 'Kế hoạch sinh hoạt' }).click();

    const { year, month } = nowInVietnam();
    await shown(page.getByRole('heading', { level: 1, name: `Kế hoạch sinh hoạt năm ${year}` }));
    await openPlannedYear(page, cellId, year);
    // Every month says its state in words, not only in colour.
    await shown(page.getByTestId(`period-${year}-12`).getByText(/Theo kế hoạch|Đúng hạn|Muộn hạn|Không tổ chức/).first());
    await shown(page.getByText(/Hạn sinh hoạt thường kỳ: trước ngày \d+ hằng tháng\./));
    await expectNoSeriousViolations(page);

    let link = await nextRegularMeeting(page, year, month);
    if (link === null) {
      // This year's last planned day is behind us: the next regular meeting is in January.
      await openPlannedYear(page, cellId, year + 1);
      link = await nextRegularMeeting(page, year + 1, 1);
    }
    if (link === null) throw new Error('no regular meeting ahead after planning');
    await link.click();
    await shown(page.getByRole('heading', { level: 1, name: /^Sinh hoạt thường kỳ( kết hợp chuyên đề)? — / }));
    meetingPath = new URL(page.url()).pathname;
    await shown(page.getByText(/Tổng thời gian dự kiến: \d+ phút; tối thiểu theo quy định: \d+ phút\./));
    await expectNoSeriousViolations(page);

    // A text file named .pdf is refused by its bytes, with the server's Vietnamese reason.
    const documents = page.getByRole('region', { name: 'Tài liệu' });
    await documents.getByLabel('Tên tài liệu').fill('Tệp giả mạo');
    await documents.getByLabel('Tệp tài liệu').setInputFiles({ name: 'gia-mao.pdf', mimeType: 'application/pdf', buffer: Buffer.from('Đây không phải tệp PDF.', 'utf8') });
    await documents.getByRole('button', { name: 'Tải lên' }).click();
    const refused = await shown(documents.getByRole('alert'));
    expect(await refused.textContent()).toContain('Chưa tải lên được tài liệu');
    expect(await refused.textContent()).toContain('không phải loại được nhận');

    // A real PDF is posted and listed with its time.
    await documents.getByLabel('Loại tài liệu').selectOption({ label: 'Dự thảo nghị quyết' });
    await documents.getByLabel('Tên tài liệu').fill(DOCUMENT_TITLE);
    await documents.getByLabel('Tệp tài liệu').setInputFiles({ name: 'du-thao-nghi-quyet.pdf', mimeType: 'application/pdf', buffer: minimalPdf() });
    await documents.getByRole('button', { name: 'Tải lên' }).click();
    const posted = await shown(documents.getByTestId('documents').locator('li').filter({ hasText: DOCUMENT_TITLE }));
    await shown(posted.getByText(/Đăng lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/));
    expect(await documents.getByRole('alert').count()).toBe(0);

    // Details: the place (needed to announce), the chair and the minute-taker from the register.
    if ((await page.getByRole('button', { name: 'Công bố', exact: true }).count()) > 0) {
      await page.getByRole('button', { name: 'Sửa thông tin' }).click();
      const dialog = await shown(page.getByRole('dialog', { name: 'Sửa thông tin cuộc họp' }));
      await dialog.getByLabel('Địa điểm').fill(PLACE);
      await dialog.getByLabel('Chủ trì').selectOption({ label: 'Lê Minh Tuấn' });
      await dialog.getByLabel('Thư ký cuộc họp').selectOption({ label: 'Trần Thị Thu Hà' });
      // The superior's follower, picked by account so that she is told too.
      await dialog.getByRole('button', { name: 'Thêm khách mời' }).click();
      await dialog.getByLabel('Tài khoản nhận thông báo của khách mời 1').selectOption({ label: `Đỗ Thị Hồng Nhung — ${DEMO_SUPERIOR}` });
      await dialog.getByLabel('Vai trò khách mời 1').selectOption({ value: 'follower' });
      expect(await dialog.getByLabel('Họ tên khách mời 1').inputValue()).toBe('Đỗ Thị Hồng Nhung');
      await dialog.getByRole('button', { name: 'Lưu' }).click();
      await dialog.waitFor({ state: 'hidden' });
      const facts = page.getByRole('region', { name: 'Thông tin cuộc họp' });
      await shown(facts.getByText(PLACE));
      await shown(facts.getByRole('row', { name: /Chủ trì/ }).getByText('Lê Minh Tuấn'));
    }

    // Announce (unless the demo already did), after seeing who is told and what they get.
    const announce = page.getByRole('button', { name: 'Công bố', exact: true });
    if ((await announce.count()) > 0) await announceAfterPreview(page, announce);
    await shown(page.getByRole('button', { name: 'Dời lịch' }));

    // A paper for the member, due the day before the meeting (the form's default).
    const papers = page.getByRole('region', { name: 'Tham luận' });
    await papers.getByLabel('Đề tài tham luận').fill(PAPER_TITLE);
    await papers.getByLabel('Người viết').selectOption({ label: MEMBER_NAME });
    await papers.getByRole('button', { name: 'Phân công tham luận' }).click();
    const paper = await shown(papers.getByTestId('papers').locator('li').filter({ hasText: PAPER_TITLE }));
    await shown(paper.getByText('Chưa nộp'));
    await context.close();
  });

  it('the member is told, reads the document, writes the paper and asks to be excused (on a phone)', async () => {
    expect(meetingPath).not.toBe('');
    const { context, page } = await openPage(browser(), { viewport: { width: 390, height: 844 } });
    await signIn(page, 'dangvien');

    const card = await shown(page.getByRole('region', { name: 'Cuộc họp sắp tới' }));
    await shown(card.getByRole('link', { name: DOCUMENT_TITLE }));
    await shown(card.getByText(PAPER_TITLE));
    expect(await card.getByRole('link', { name: 'Xem cuộc họp và chuẩn bị' }).getAttribute('href')).toBe(meetingPath);
    await shown(page.getByTestId('roster').getByText(MEMBER_NAME, { exact: true }));
    expect(await horizontalOverflow(page)).toBe(0);
    await expectNoSeriousViolations(page);

    // The menu shows the unread count; the inbox lists the notice in bold until opened.
    await page.getByRole('button', { name: 'Mở trình đơn' }).click();
    const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
    const inboxLink = await shown(nav.getByRole('link', { name: /^Thông báo/ }));
    await shown(inboxLink.getByTestId('unread-badge'));
    await inboxLink.click();
    await shown(page.getByRole('heading', { level: 1, name: 'Thông báo' }));
    const notice = await shown(page.getByTestId('notices').locator('li').filter({ hasText: /Thông báo: Sinh hoạt (chi bộ )?thường kỳ/ }).first());
    await shown(notice.getByText('Chưa đọc'));
    await expectNoSeriousViolations(page);
    await notice.getByRole('button').click();
    await shown(notice.getByText('Đã đọc'));
    await notice.getByRole('link', { name: 'Xem cuộc họp' }).click();
    await shown(page.getByRole('heading', { level: 1, name: /^Sinh hoạt thường kỳ( kết hợp chuyên đề)? — / }));
    expect(new URL(page.url()).pathname).toBe(meetingPath);

    // The document opens: it is the PDF that was posted.
    const docLink = await shown(page.getByRole('region', { name: 'Tài liệu' }).getByRole('link', { name: DOCUMENT_TITLE }));
    const href = await docLink.getAttribute('href');
    expect(href).toMatch(/^\/api\/v1\/documents\/[0-9a-f-]+\/content$/);
    const file = await context.request.get(href ?? '');
    expect(file.status()).toBe(200);
    expect(file.headers()['content-type']).toContain('application/pdf');
    expect((await file.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // A member has no officer's buttons.
    expect(await page.getByRole('button', { name: 'Công bố', exact: true }).count()).toBe(0);
    expect(await page.getByRole('region', { name: 'Thông báo đã gửi' }).count()).toBe(0);

    // The paper: too short first (the schema's rule, on the field), then the text.
    const papers = page.getByRole('region', { name: 'Tham luận' });
    const mine = papers.getByTestId('papers').locator('li').filter({ hasText: PAPER_TITLE });
    await shown(mine.getByRole('heading', { name: 'Viết tham luận' }));
    // Handing it in as a file: a text file named .docx is refused by its bytes.
    await mine.getByLabel(/^Tệp tham luận/).setInputFiles({ name: 'tham-luan.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: Buffer.from('Không phải tệp Word.', 'utf8') });
    await mine.getByRole('button', { name: 'Nộp tệp tham luận' }).click();
    await shown(mine.getByTestId('paper-upload-error').getByText(/không phải loại được nhận/));
    await mine.getByLabel('Nội dung tham luận').fill('Quá ngắn');
    await mine.getByRole('button', { name: 'Nộp tham luận' }).click();
    await shown(mine.getByText('Cần ít nhất 20 ký tự.'));
    await mine.getByLabel('Nội dung tham luận').fill(PAPER_BODY);
    await mine.getByRole('button', { name: 'Nộp tham luận' }).click();
    await shown(mine.getByText('Đã nộp, chờ duyệt'));

    // Asking to be excused; withdrawing it while it waits; asking again.
    const absence = page.getByRole('region', { name: 'Xin vắng mặt' });
    await absence.getByLabel('Lý do vắng mặt').fill('Có việc gia đình.');
    await absence.getByRole('button', { name: 'Gửi đơn xin vắng mặt' }).click();
    let my = await shown(absence.getByTestId('my-absence'));
    await shown(my.getByText('Chờ chi ủy xét'));
    await my.getByRole('button', { name: 'Rút đơn' }).click();
    await shown(my.getByText(/Rút đơn xin vắng mặt\?/));
    await my.getByRole('button', { name: 'Rút đơn' }).click();
    await shown(page.getByText('Đã rút đơn xin vắng mặt.'));
    await absence.getByTestId('my-absence').waitFor({ state: 'detached' });
    await absence.getByLabel('Lý do vắng mặt').fill(ABSENCE_REASON);
    await absence.getByRole('button', { name: 'Gửi đơn xin vắng mặt' }).click();
    my = await shown(absence.getByTestId('my-absence'));
    await shown(my.getByText('Chờ chi ủy xét'));

    expect(await horizontalOverflow(page)).toBe(0);
    await expectNoSeriousViolations(page);
    await context.close();
  });

  it('the secretary approves the absence, accepts the paper and sees who read the notice', async () => {
    expect(meetingPath).not.toBe('');
    const { context, page } = await openPage(browser());
    await signIn(page, 'bithu');
    // What waits for her is on her home page; the request and the paper reached her inbox too.
    const pending = await shown(page.getByTestId('pending'));
    await shown(pending.getByRole('link', { name: `${MEMBER_NAME}: ${ABSENCE_REASON}` }));
    await shown(pending.getByRole('link', { name: `${MEMBER_NAME}: ${PAPER_TITLE}` }));
    await page.goto('/thong-bao');
    const inbox = await shown(page.getByTestId('notices'));
    await shown(inbox.locator('li').filter({ hasText: `Đơn xin vắng mặt: đ/c ${MEMBER_NAME}` }).first());
    await shown(inbox.locator('li').filter({ hasText: `Tham luận đã nộp: đ/c ${MEMBER_NAME}` }).first());
    await page.goto(meetingPath);
    await shown(page.getByRole('heading', { level: 1, name: /^Sinh hoạt thường kỳ( kết hợp chuyên đề)? — / }));

    const absences = page.getByRole('region', { name: 'Đơn xin vắng mặt' });
    const request = await shown(absences.getByTestId('absences').locator('li').filter({ hasText: MEMBER_NAME }));
    await shown(request.getByText(ABSENCE_REASON, { exact: false }));
    await request.getByRole('button', { name: 'Đồng ý', exact: true }).click();
    await shown(request.getByText('Được đồng ý'));

    const paper = page.getByRole('region', { name: 'Tham luận' }).getByTestId('papers').locator('li').filter({ hasText: PAPER_TITLE });
    await shown(paper.getByText('Đã nộp, chờ duyệt'));
    await paper.getByRole('button', { name: 'Duyệt', exact: true }).click();
    await shown(paper.getByText('Đã duyệt'));

    const receipts = page.getByRole('region', { name: 'Thông báo đã gửi' });
    const row = await shown(receipts.getByRole('row').filter({ hasText: MEMBER_NAME }).first());
    await shown(row.getByText(/^Đã xem \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/));
    await shown(receipts.getByText(/\d+\/\d+ người đã xem/));
    await expectNoSeriousViolations(page);
    await context.close();
  });

  it('the member is told both decisions', async () => {
    const { context, page } = await openPage(browser(), { viewport: { width: 390, height: 844 } });
    await signIn(page, 'dangvien');
    await page.goto('/thong-bao');
    const inbox = await shown(page.getByTestId('notices'));
    await shown(inbox.locator('li').filter({ hasText: 'Đơn xin vắng mặt của đồng chí được chấp thuận' }).first());
    await shown(inbox.locator('li').filter({ hasText: 'Tham luận của đồng chí được duyệt, đưa vào chương trình' }).first());
    // The link is the notice's button, not an address printed beside it.
    expect(await inbox.getByText(/https?:\/\//).count()).toBe(0);
    await context.close();
  });

  it('announcing a draft shows who will be told and what they get, then sends it', async () => {
    const { context, page } = await openPage(browser());
    await signIn(page, 'bithu');
    await page.getByRole('link', { name: 'Xem trang chi bộ' }).click();
    const cellId = new URL(page.url()).pathname.split('/')[2] ?? '';
    const { year } = nowInVietnam();
    let draft: Locator | null = null;
    for (const y of [year, year + 1]) {
      await openPlannedYear(page, cellId, y);
      const item = page.locator('[data-testid^="period-"] li').filter({ hasText: /Sinh hoạt thường kỳ/ }).filter({ hasText: /Dự kiến/ });
      if ((await item.count()) > 0) {
        draft = item.first().getByRole('link');
        break;
      }
    }
    if (draft === null) throw new Error('no draft meeting to announce');
    await draft.click();
    await shown(page.getByRole('heading', { level: 1, name: /^Sinh hoạt thường kỳ( kết hợp chuyên đề)? — / }));
    await page.getByRole('button', { name: 'Sửa thông tin' }).click();
    const edit = await shown(page.getByRole('dialog', { name: 'Sửa thông tin cuộc họp' }));
    await edit.getByLabel('Địa điểm').fill(PLACE);
    await edit.getByRole('button', { name: 'Lưu' }).click();
    await edit.waitFor({ state: 'hidden' });
    // Not possible yet, and said why: the meeting is weeks ahead.
    expect(await page.getByRole('button', { name: 'Bắt đầu' }).count()).toBe(0);
    await announceAfterPreview(page, page.getByRole('button', { name: 'Công bố', exact: true }));
    await shown(page.getByRole('button', { name: 'Bắt đầu' }));
    await shown(page.getByTestId('start-why').getByText(/Bắt đầu được từ \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/));
    expect(await page.getByRole('button', { name: 'Bắt đầu' }).isDisabled()).toBe(true);
    await context.close();
  });

  it("the superior sees the cells' alerts and the rules, and reads a cell's plan without changing it", async () => {
    const { context, page } = await openPage(browser());
    await signIn(page, 'capuy');
    // As the cell's follower, she was told of the meeting.
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: /Thông báo/ }).click();
    await shown(page.getByTestId('notices').locator('li').filter({ hasText: /Thông báo: Sinh hoạt (chi bộ )?thường kỳ/ }).first());
    await page.goto('/');
    const tree = await shown(page.getByRole('navigation', { name: 'Các tổ chức đảng đang theo dõi' }));
    await tree.getByRole('link', { name: DEMO_SUPERIOR }).click();
    await shown(page.getByRole('heading', { level: 1, name: DEMO_SUPERIOR }));
    await page.getByRole('link', { name: 'Tình hình sinh hoạt các chi bộ trực thuộc' }).click();
    await shown(page.getByRole('heading', { level: 1, name: 'Tình hình sinh hoạt các chi bộ trực thuộc' }));
    const cells = await shown(page.getByTestId('subtree-alerts'));
    const cell = await shown(cells.locator('li').filter({ hasText: QUY_TRO_VON_CELL }).first());
    await shown(cell.getByText(/\d+ cảnh báo/));
    await shown(page.getByRole('heading', { level: 2, name: 'Quy định sinh hoạt do cấp trên điều chỉnh' }));
    await shown(page.getByRole('button', { name: 'Xem trước thay đổi' }));
    await expectNoSeriousViolations(page);

    await cell.getByRole('link', { name: QUY_TRO_VON_CELL }).click();
    const { year } = nowInVietnam();
    await shown(page.getByRole('heading', { level: 1, name: `Kế hoạch sinh hoạt năm ${year}` }));
    await shown(page.getByRole('heading', { level: 2, name: 'Lịch sinh hoạt theo tháng' }));
    await page.waitForLoadState('networkidle');
    expect(await page.getByRole('button', { name: 'Lập kế hoạch năm' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Thêm cuộc họp' }).count()).toBe(0);
    await context.close();
  });
});
