/**
 * Agenda templates (issue 4, point 4), as data with their sources: the regular meeting's
 * steps (HD 12-HD/BTCTW Phần II mục 1.2 for the opening; HD 12/HD 42 practice for content and
 * closing, reference/rules.md "opening/body/closing steps"), the thematic meeting's steps (HD 42
 * as practised) and per-cell-type focus topics (HD 42 mục 4). Officers edit the agenda a
 * template gives; `agendaCheck` compares the planned total with the rule set's minimum.
 */
import type { AgendaCategory, AgendaSection, MeetingKind } from '../contracts/meetings.ts';
import type { CellType } from '../contracts/organizations.ts';
import type { MeetingRules } from './meeting-rules.ts';

export interface AgendaTemplateItem {
  section: AgendaSection;
  category: AgendaCategory;
  title: string;
  plannedMinutes: number;
}

const item = (section: AgendaSection, category: AgendaCategory, title: string, plannedMinutes: number): AgendaTemplateItem => ({ section, category, title, plannedMinutes });

export const AGENDA_SOURCES = {
  regular: 'HD 12-HD/BTCTW (2018) Phần II mục 1.2 (mở đầu); HD 42-HD/BTCTW (2025) theo thực tiễn áp dụng (nội dung, kết thúc)',
  thematic: 'HD 42-HD/BTCTW (2025) mục II 3.2, theo thực tiễn áp dụng',
  focus: 'HD 42-HD/BTCTW (2025) mục 4: nội dung sinh hoạt theo loại hình chi bộ',
} as const;

/** 100 minutes: above the 90-minute minimum with room for the chair. */
export const REGULAR_AGENDA: readonly AgendaTemplateItem[] = [
  item('opening', 'procedure', 'Tuyên bố lý do, giới thiệu đại biểu', 3),
  item('opening', 'procedure', 'Cử thư ký ghi biên bản', 1),
  item('opening', 'attendance', 'Báo cáo số đảng viên có mặt, vắng mặt có lý do, vắng mặt không lý do', 3),
  item('opening', 'dues', 'Thông báo tình hình thu, nộp đảng phí', 2),
  item('opening', 'procedure', 'Thông qua nội dung, chương trình sinh hoạt', 1),
  item('content', 'news', 'Thông tin thời sự; quán triệt văn bản, chỉ thị của cấp trên', 10),
  item('content', 'review', 'Đánh giá việc thực hiện nghị quyết tháng trước và nhiệm vụ của đảng viên', 15),
  item('content', 'ideology', 'Tình hình tư tưởng của đảng viên, dư luận quần chúng', 10),
  item('content', 'discussion', 'Đảng viên thảo luận, đóng góp ý kiến; phương hướng, nhiệm vụ tháng tới', 20),
  item('content', 'criticism', 'Tự phê bình và phê bình', 15),
  item('closing', 'conclusion', 'Chủ trì kết luận', 5),
  item('closing', 'vote', 'Biểu quyết thông qua kết luận (nghị quyết)', 3),
  item('closing', 'tasks', 'Phân công nhiệm vụ cho đảng viên', 4),
  item('closing', 'quality', 'Đánh giá, chấm điểm chất lượng buổi sinh hoạt', 3),
  item('closing', 'minutes', 'Thư ký đọc biên bản; chi bộ thông qua biên bản; bế mạc', 5),
];

/** A thematic meeting held on its own: 90 minutes. */
export const THEMATIC_AGENDA: readonly AgendaTemplateItem[] = [
  item('opening', 'procedure', 'Bí thư nêu mục đích, yêu cầu của chuyên đề; cử thư ký; báo cáo số đảng viên có mặt', 5),
  item('content', 'presentation', 'Trình bày dự thảo chuyên đề', 30),
  item('content', 'paper', 'Các tham luận', 15),
  item('content', 'discussion', 'Thảo luận, liên hệ bản thân và đơn vị', 30),
  item('closing', 'assessment', 'Đánh giá chất lượng chuyên đề', 5),
  item('closing', 'conclusion', 'Kết luận chuyên đề', 5),
];

/** The thematic part of a combined session: it follows the regular meeting's content. */
const THEMATIC_PART: readonly AgendaTemplateItem[] = [
  item('content', 'presentation', 'Trình bày dự thảo chuyên đề', 10),
  item('content', 'discussion', 'Thảo luận chuyên đề, liên hệ bản thân và đơn vị', 10),
  item('content', 'assessment', 'Kết luận, đánh giá chất lượng chuyên đề', 5),
];

export const PREPARATORY_AGENDA: readonly AgendaTemplateItem[] = [
  item('content', 'discussion', 'Thống nhất nội dung, dự thảo nghị quyết buổi sinh hoạt chi bộ', 20),
  item('content', 'discussion', 'Phân công chuẩn bị: chủ trì, thư ký, tài liệu, tham luận', 10),
];

export const EXTRAORDINARY_AGENDA: readonly AgendaTemplateItem[] = [
  item('opening', 'procedure', 'Tuyên bố lý do, giới thiệu đại biểu; cử thư ký', 3),
  item('opening', 'attendance', 'Báo cáo số đảng viên có mặt, vắng mặt', 2),
  item('content', 'discussion', 'Nội dung cần giải quyết', 60),
  item('closing', 'conclusion', 'Kết luận; biểu quyết', 10),
  item('closing', 'minutes', 'Thông qua biên bản; bế mạc', 5),
];

/** HD 42 mục 4: topics each type of cell should keep in view (one is added to the content). */
export const FOCUS_TOPICS: Readonly<Record<CellType, readonly string[]>> = {
  residential: [
    'Tuyên truyền, vận động nhân dân thực hiện chủ trương của Đảng, chính sách, pháp luật của Nhà nước',
    'Phát triển kinh tế - xã hội, bảo đảm quốc phòng, an ninh ở địa bàn',
    'Thực hiện dân chủ ở cơ sở, hương ước, quy ước',
    'Phòng, chống tham nhũng, lãng phí; quản lý đất đai, bảo vệ môi trường',
    'Tạo nguồn, phát triển đảng viên',
  ],
  administrative: [
    'Thực hiện nhiệm vụ chính trị, chuyên môn của cơ quan, đơn vị',
    'Cải cách hành chính, chuyển đổi số, kỷ luật, kỷ cương công vụ',
    'Phòng, chống tham nhũng, lãng phí, tiêu cực',
  ],
  state_enterprise: [
    'Lãnh đạo thực hiện nhiệm vụ sản xuất, kinh doanh',
    'Bảo toàn, phát triển vốn; quản lý tài sản nhà nước',
    'Việc làm, đời sống, quyền lợi của người lao động',
  ],
  private_enterprise: [
    'Chấp hành pháp luật trong sản xuất, kinh doanh',
    'Quyền, lợi ích hợp pháp của người lao động; xây dựng quan hệ lao động hài hòa',
    'Tạo nguồn, phát triển đảng viên trong doanh nghiệp',
  ],
  student: [
    'Học tập, rèn luyện của đảng viên, sinh viên',
    'Tư tưởng, lối sống của sinh viên; phòng, chống các quan điểm sai trái',
    'Bồi dưỡng, giới thiệu quần chúng ưu tú vào Đảng',
  ],
  armed_forces: [
    'Thực hiện nhiệm vụ chính trị, huấn luyện, sẵn sàng chiến đấu',
    'Quản lý, rèn luyện kỷ luật, xây dựng đơn vị vững mạnh',
    'Tư tưởng cán bộ, chiến sĩ; đấu tranh phòng, chống "diễn biến hòa bình"',
  ],
};

/**
 * The agenda a new meeting starts with. A combined session runs the regular meeting and then
 * the thematic one (never instead of it); a cell with a known type gets its first focus topic
 * in the content (officers replace it with the month's).
 */
export function agendaTemplate(kind: MeetingKind, cellType: CellType | null, topic: string | null = null): AgendaTemplateItem[] {
  const withFocus = (items: readonly AgendaTemplateItem[]): AgendaTemplateItem[] => {
    const focus = cellType ? FOCUS_TOPICS[cellType][0] : undefined;
    if (!focus) return [...items];
    const at = items.findIndex((i) => i.category === 'discussion');
    const out = [...items];
    out.splice(at < 0 ? out.length : at, 0, item('content', 'focus', `Nội dung trọng tâm: ${focus}`, 10));
    return out;
  };
  const thematic = (items: readonly AgendaTemplateItem[]): AgendaTemplateItem[] =>
    items.map((i) => (i.category === 'presentation' && topic ? { ...i, title: `Trình bày chuyên đề: ${topic}` } : { ...i }));
  switch (kind) {
    case 'regular':
      return withFocus(REGULAR_AGENDA);
    case 'thematic':
      return thematic(THEMATIC_AGENDA);
    case 'combined': {
      // Regular meeting first; its closing (vote, minutes) comes after the thematic part.
      const regular = withFocus(REGULAR_AGENDA);
      const opening = regular.filter((i) => i.section !== 'closing');
      const closing = regular.filter((i) => i.section === 'closing');
      const themed = thematic(THEMATIC_PART);
      return [...opening, ...themed, ...closing];
    }
    case 'preparatory':
      return [...PREPARATORY_AGENDA];
    case 'extraordinary':
      return [...EXTRAORDINARY_AGENDA];
  }
}

/** The minimum a meeting of this kind must last under `rules` (null: the rule sets none — a chi ủy meeting). */
export function minimumMinutes(kind: MeetingKind, rules: MeetingRules): number | null {
  if (kind === 'preparatory') return null;
  if (kind === 'combined') return rules.minCombinedDurationMinutes.value;
  return rules.minDurationMinutes.value;
}

/** The agenda's planned minutes, added up (the one sum the server, its presenters and the web use). */
export function agendaTotal(items: readonly { plannedMinutes: number }[]): number {
  return items.reduce((s, i) => s + i.plannedMinutes, 0);
}

export interface AgendaCheck {
  total: number;
  minimum: number | null;
  /** Under the rule set's minimum. */
  short: boolean;
  /** Longer than the meeting's planned length: the invitation's end time would be wrong. */
  over: boolean;
}

/** The agenda's total against the rule set's minimum and, when given, the meeting's planned length. */
export function agendaCheck(items: readonly { plannedMinutes: number }[], kind: MeetingKind, rules: MeetingRules, plannedMinutes?: number): AgendaCheck {
  const total = agendaTotal(items);
  const minimum = minimumMinutes(kind, rules);
  return { total, minimum, short: minimum !== null && total < minimum, over: plannedMinutes !== undefined && total > plannedMinutes };
}
