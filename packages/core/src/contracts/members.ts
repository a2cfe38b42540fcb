import { z } from 'zod';
import { Id, IsoDate, text } from './common.ts';

/** Party status (đảng viên chính thức / dự bị / miễn sinh hoạt / đình chỉ). */
export const MEMBER_STATUSES = ['official', 'probationary', 'exempt', 'suspended'] as const;
export const MemberStatus = z.enum(MEMBER_STATUSES);
export type MemberStatus = z.infer<typeof MemberStatus>;

/** Posts in a cell (bí thư, phó bí thư, chi ủy viên, tổ trưởng đảng). */
export const POSITIONS = ['secretary', 'deputy_secretary', 'committee_member', 'group_leader'] as const;
export const Position = z.enum(POSITIONS);
export type Position = z.infer<typeof Position>;

export const GENDERS = ['male', 'female', 'other'] as const;
export const Gender = z.enum(GENDERS);
export type Gender = z.infer<typeof Gender>;


/** How a member stands in a cell's roll (domain/member-history.ts RollAttachment). */
export const Attachment = z.enum(['home', 'away', 'temporary']);

/**
 * What any member of the cell may see of a fellow member, as of a day: `status` is what a
 * register prints (suspended or exempt over the party standing), `standing` the party standing
 * under it, `positions` the posts held in this cell that day.
 */
export const MemberSummaryDto = z.object({
  id: Id,
  /** The cell of the member's official attachment that day. */
  organizationId: Id,
  fullName: z.string(),
  gender: Gender.nullable(),
  status: MemberStatus,
  standing: z.enum(['probationary', 'official']),
  position: Position.nullable(),
  positions: z.array(Position),
  attachment: Attachment,
});
export type MemberSummaryDto = z.infer<typeof MemberSummaryDto>;

const Span = { from: IsoDate, to: IsoDate.nullable() };
export const MembershipPeriodDto = z.object({ ...Span, organizationId: Id, organizationName: z.string(), kind: z.enum(['official', 'temporary']) });
export const StatusPeriodDto = z.object({
  ...Span,
  status: MemberStatus,
  exemptTrack: z.enum(['A', 'B']).nullable(),
  reason: z.string().nullable(),
  decisionRef: z.string().nullable(),
});
export const PositionTermDto = z.object({ ...Span, organizationId: Id, organizationName: z.string(), position: Position });

export const MemberHistoryDto = z.object({
  admittedOn: IsoDate.nullable(),
  memberships: z.array(MembershipPeriodDto),
  statuses: z.array(StatusPeriodDto),
  positions: z.array(PositionTermDto),
});
export type MemberHistoryDto = z.infer<typeof MemberHistoryDto>;

/** The full record: the member themselves and those who manage the cell. */
export const MemberDto = z.object({
  id: Id,
  /** The cell holding the record: the latest official attachment. */
  organizationId: Id,
  fullName: z.string(),
  gender: Gender.nullable(),
  birthDate: IsoDate.nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  admittedOn: IsoDate.nullable(),
  /** First day of official standing, if confirmed. */
  confirmedOn: IsoDate.nullable(),
  /** Điều lệ Đ.5 k1: 12 months after admission, while still probationary. */
  probationDueOn: IsoDate.nullable(),
  /** Today's status and posts (null when not a member today: transferred out or removed). */
  status: MemberStatus.nullable(),
  positions: z.array(Position),
  history: MemberHistoryDto,
  /** Problems the stored history has (never expected; shown, not hidden). */
  problems: z.array(z.object({ path: z.string(), message: z.string() })),
});
export type MemberDto = z.infer<typeof MemberDto>;

const PHONE_ERROR = 'Số điện thoại không hợp lệ.';
const Phone = z.string().max(20, { error: PHONE_ERROR }).regex(/^[0-9 +().-]{6,20}$/, { error: PHONE_ERROR });

export const RegisterQuery = z
  .object({
    on: IsoDate.optional(),
    q: z.string().max(120).optional(),
    status: MemberStatus.optional(),
    position: z.union([Position, z.literal('none')]).optional(),
    sort: z.enum(['name', 'admitted']).optional(),
  })
  .strict();
export type RegisterQuery = z.infer<typeof RegisterQuery>;

export const MemberListResponse = z.object({ on: IsoDate, items: z.array(MemberSummaryDto) });

export const CreateMemberInput = z
  .object({
    fullName: text(2, 120),
    gender: Gender.nullable().optional(),
    birthDate: IsoDate.nullable().optional(),
    status: z.enum(['official', 'probationary'], { error: 'Loại đảng viên phải là chính thức hoặc dự bị.' }),
    position: Position.nullable().optional(),
    admittedOn: IsoDate,
    confirmedOn: IsoDate.nullable().optional(),
    /** First day in this cell (a member transferred in); defaults to the admission date. */
    joinedOn: IsoDate.nullable().optional(),
    email: z.email({ error: 'Địa chỉ thư điện tử không hợp lệ.' }).max(200).toLowerCase().nullable().optional(),
    phone: Phone.nullable().optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    for (const p of memberDateProblems(v)) ctx.addIssue({ code: 'custom', path: [p.field], message: p.message });
    if (v.joinedOn && v.joinedOn < v.admittedOn) ctx.addIssue({ code: 'custom', path: ['joinedOn'], message: 'Ngày sinh hoạt tại chi bộ không thể trước ngày vào Đảng.' });
  });
export type CreateMemberInput = z.infer<typeof CreateMemberInput>;

const optionalText = (max: number) => text(0, max).transform((s) => (s === '' ? null : s)).nullable().optional();

export const UpdateMemberInput = z
  .object({
    fullName: text(2, 120).optional(),
    gender: Gender.nullable().optional(),
    birthDate: IsoDate.nullable().optional(),
    email: z.email({ error: 'Địa chỉ thư điện tử không hợp lệ.' }).max(200).toLowerCase().nullable().optional(),
    phone: Phone.nullable().optional(),
  })
  .strict()
  .refine((v) => Object.values(v).some((x) => x !== undefined), { error: 'Không có gì để thay đổi.' });
export type UpdateMemberInput = z.infer<typeof UpdateMemberInput>;

const SpanInput = { from: IsoDate, to: IsoDate.nullable().optional().transform((v) => v ?? null) };
/** The whole history, as an officer edits it on the member page; checked by validateHistory. */
export const HistoryInput = z
  .object({
    admittedOn: IsoDate,
    memberships: z
      .array(z.object({ ...SpanInput, organizationId: Id, kind: z.enum(['official', 'temporary']) }).strict())
      .max(100)
      .refine((ms) => ms.some((m) => m.kind === 'official'), { error: 'Cần ít nhất một giai đoạn sinh hoạt chính thức: đó là chi bộ giữ hồ sơ đảng viên.' }),
    statuses: z
      .array(
        z
          .object({
            ...SpanInput,
            status: MemberStatus,
            exemptTrack: z.enum(['A', 'B']).nullable().optional(),
            reason: optionalText(500),
            decisionRef: optionalText(120),
          })
          .strict(),
      )
      .min(1, { error: 'Cần ít nhất một giai đoạn dự bị hoặc chính thức.' })
      .max(100),
    positions: z.array(z.object({ ...SpanInput, organizationId: Id, position: Position }).strict()).max(100),
  })
  .strict();
export type HistoryInput = z.infer<typeof HistoryInput>;

/** Chuyển sinh hoạt: official (the old attachment ends the day before) or temporary (sinh hoạt tạm thời). */
export const TransferInput = z
  .object({
    toOrganizationId: Id,
    kind: z.enum(['official', 'temporary']),
    from: IsoDate,
    to: IsoDate.nullable().optional(),
  })
  .strict()
  .refine((v) => !v.to || v.to >= v.from, { error: 'Ngày kết thúc phải sau ngày bắt đầu.', path: ['to'] });
export type TransferInput = z.infer<typeof TransferInput>;

export const HistoryWarningsDto = z.object({ warnings: z.array(z.object({ code: z.string(), message: z.string() })) });

export const LeadershipDto = z.object({
  on: IsoDate,
  officialMembers: z.number().int(),
  holders: z.array(z.object({ memberId: Id, fullName: z.string(), positions: z.array(Position) })),
  warnings: z.array(z.object({ code: z.string(), message: z.string() })),
});

export const ProbationListDto = z.object({
  on: IsoDate,
  items: z.array(
    z.object({
      memberId: Id,
      fullName: z.string(),
      organizationId: Id,
      organizationName: z.string(),
      admittedOn: IsoDate,
      dueDate: IsoDate,
      daysLeft: z.number().int(),
      state: z.enum(['due_soon', 'overdue']),
      message: z.string(),
    }),
  ),
});

export interface MemberDates {
  status: MemberStatus;
  birthDate?: string | null | undefined;
  admittedOn?: string | null | undefined;
  confirmedOn?: string | null | undefined;
}

/**
 * What a member's dates must satisfy, wherever they come from (the form, the API, an
 * imported file): Điều lệ Đ.5 — probation runs from the admission date, so every member has
 * one, and an official member has the day they were confirmed; confirmation comes after
 * admission, admission after birth. The register's history is built from these dates, so
 * they are required rather than guessed.
 */
export function memberDateProblems(m: MemberDates): { field: 'birthDate' | 'admittedOn' | 'confirmedOn'; message: string }[] {
  const out: { field: 'birthDate' | 'admittedOn' | 'confirmedOn'; message: string }[] = [];
  if (!m.admittedOn) out.push({ field: 'admittedOn', message: 'Thiếu ngày vào Đảng: mọi quy định về đảng viên tính từ ngày này.' });
  if (m.status === 'official' && !m.confirmedOn) out.push({ field: 'confirmedOn', message: 'Đảng viên chính thức cần có ngày chính thức (ngày được công nhận).' });
  if (m.status === 'probationary' && m.confirmedOn) out.push({ field: 'confirmedOn', message: 'Đảng viên dự bị chưa có ngày chính thức: bỏ ngày này hoặc chọn loại chính thức.' });
  if (m.admittedOn && m.confirmedOn && m.confirmedOn <= m.admittedOn) out.push({ field: 'confirmedOn', message: 'Ngày chính thức phải sau ngày vào Đảng.' });
  if (m.birthDate && m.admittedOn && m.admittedOn <= m.birthDate) out.push({ field: 'admittedOn', message: 'Ngày vào Đảng phải sau ngày sinh.' });
  return out;
}
