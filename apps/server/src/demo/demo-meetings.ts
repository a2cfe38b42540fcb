/**
 * The demo's meeting from the seed article: Chi bộ Quỹ trợ vốn's thematic meeting of quarter
 * I/2021, held on 19/01/2021 on "Giải pháp nâng cao chất lượng sinh hoạt chi bộ", with the
 * Bí thư Đảng ủy Cơ quan as guest and the four papers the article names (its typing slips
 * corrected). The article does not say who wrote which paper; the demo gives them to members
 * of the cell, and keeps no text it does not have.
 */
import crypto from 'node:crypto';
import { agendaTemplate, instantOf, type AgendaCategory, type AgendaSection } from '@chibo/core';
import type { Tx } from '../db/client.ts';
import type { OrganizationRow } from '../modules/organizations/organizations.service.ts';
import { insertAgendaRows, insertMeetingRows, insertPaperRows } from './demo.repo.ts';

export const DEMO_THEMATIC_2021 = {
  day: '2021-01-19',
  time: '08:30',
  topic: 'Giải pháp nâng cao chất lượng sinh hoạt chi bộ',
  guest: 'Đồng chí Phạm Bá Vĩnh, Bí thư Đảng ủy Cơ quan Liên đoàn Lao động Thành phố',
  papers: [
    { title: 'Giải pháp đổi mới hình thức, nội dung sinh hoạt chuyên đề tại Chi bộ Quỹ trợ vốn', author: 'Trần Thị Thu Hà' },
    { title: 'Thực hiện tốt công tác tự phê bình và phê bình góp phần nâng cao chất lượng sinh hoạt Chi bộ Quỹ trợ vốn', author: 'Phạm Văn Đức' },
    { title: 'Các giải pháp đổi mới trong sinh hoạt chuyên đề Chi bộ Quỹ trợ vốn', author: 'Nguyễn Thị Lan' },
    { title: 'Phát huy dân chủ trong sinh hoạt thường kỳ, sinh hoạt chuyên đề của Chi bộ Quỹ trợ vốn', author: 'Đặng Quốc Bảo' },
  ],
} as const;

/** Inserts the meeting; `memberIdOf(name)` finds a demo member of the cell. Returns its id. */
export async function seedDemoMeetings(tx: Tx, cell: OrganizationRow, memberIdOf: (name: string) => string | undefined): Promise<string> {
  const d = DEMO_THEMATIC_2021;
  const startsAt = instantOf(d.day, d.time, cell.timeZone);
  const id = crypto.randomUUID();
  const announcedAt = instantOf('2020-12-18', '09:00', cell.timeZone);
  await insertMeetingRows(tx, [{
    id,
    organizationId: cell.id,
    kind: 'thematic',
    status: 'ended',
    quarterPeriod: '2021-Q1',
    startsAt,
    plannedMinutes: 90,
    place: 'Trụ sở Quỹ trợ vốn',
    topic: d.topic,
    chairMemberId: memberIdOf('Lê Minh Tuấn') ?? null,
    guests: [{ name: d.guest, role: 'invitee', accountId: null }],
    announcedAt,
    startedAt: startsAt,
    endedAt: new Date(startsAt.getTime() + 90 * 60_000),
    createdAt: announcedAt,
    updatedAt: startsAt,
  }]);
  const papers = d.papers.map((p) => ({ id: crypto.randomUUID(), ...p, authorMemberId: memberIdOf(p.author) }));
  const due = '2021-01-15';
  await insertPaperRows(tx, 
    papers
      .filter((p): p is typeof p & { authorMemberId: string } => p.authorMemberId !== undefined)
      .map((p) => ({
        id: p.id,
        meetingId: id,
        title: p.title,
        authorMemberId: p.authorMemberId,
        dueDate: due,
        status: 'accepted' as const,
        submittedAt: instantOf(due, '17:00', cell.timeZone),
        decidedAt: instantOf('2021-01-16', '09:00', cell.timeZone),
        createdAt: announcedAt,
      })),
  );
  const template = agendaTemplate('thematic', cell.cellType, d.topic);
  const at = template.findIndex((i) => i.category === 'paper');
  const items: { section: AgendaSection; category: AgendaCategory; title: string; plannedMinutes: number; paperId: string | null }[] = [
    ...template.slice(0, at).map((i) => ({ ...i, paperId: null })),
    ...papers.map((p) => ({ section: 'content' as const, category: 'paper' as const, title: `Tham luận: ${p.title} (đ/c ${p.author})`, plannedMinutes: 5, paperId: p.id })),
    ...template.slice(at + 1).map((i) => ({ ...i, paperId: null })),
  ];
  await insertAgendaRows(tx, items.map((i, n) => ({ meetingId: id, position: n + 1, section: i.section, category: i.category, title: i.title, plannedMinutes: i.plannedMinutes, paperId: i.paperId })));
  return id;
}
