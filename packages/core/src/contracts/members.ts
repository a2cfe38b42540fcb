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


/** What any member of the cell may see of a fellow member. */
export const MemberSummaryDto = z.object({
  id: Id,
  organizationId: Id,
  fullName: z.string(),
  gender: Gender.nullable(),
  status: MemberStatus,
  position: Position.nullable(),
});
export type MemberSummaryDto = z.infer<typeof MemberSummaryDto>;

/** The full record: the member themselves and those who manage the cell. */
export const MemberDto = MemberSummaryDto.extend({
  birthDate: IsoDate.nullable(),
  admittedOn: IsoDate.nullable(),
  confirmedOn: IsoDate.nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
});
export type MemberDto = z.infer<typeof MemberDto>;

export const MemberListResponse = z.object({ items: z.array(MemberSummaryDto) });

export const CreateMemberInput = z
  .object({
    fullName: text(2, 120),
    gender: Gender.nullable().optional(),
    birthDate: IsoDate.nullable().optional(),
    status: MemberStatus,
    position: Position.nullable().optional(),
    admittedOn: IsoDate.nullable().optional(),
    confirmedOn: IsoDate.nullable().optional(),
    email: z.email({ error: 'Địa chỉ thư điện tử không hợp lệ.' }).max(200).toLowerCase().nullable().optional(),
    phone: z
      .string()
      .regex(/^[0-9 +().-]{6,20}$/, { error: 'Số điện thoại không hợp lệ.' })
      .nullable()
      .optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    for (const p of memberDateProblems(v)) ctx.addIssue({ code: 'custom', path: [p.field], message: p.message });
  });
export type CreateMemberInput = z.infer<typeof CreateMemberInput>;

export interface MemberDates {
  status: MemberStatus;
  birthDate?: string | null | undefined;
  admittedOn?: string | null | undefined;
  confirmedOn?: string | null | undefined;
}

/**
 * What a member's dates must satisfy, wherever they come from (the form, the API, an
 * imported file): Điều lệ Đ.5 — probation runs from the admission date, so a probationary
 * member has one; confirmation comes after admission, admission after birth.
 */
export function memberDateProblems(m: MemberDates): { field: 'birthDate' | 'admittedOn' | 'confirmedOn'; message: string }[] {
  const out: { field: 'birthDate' | 'admittedOn' | 'confirmedOn'; message: string }[] = [];
  if (m.status === 'probationary' && !m.admittedOn) out.push({ field: 'admittedOn', message: 'Đảng viên dự bị cần có ngày vào Đảng.' });
  if (m.admittedOn && m.confirmedOn && m.confirmedOn <= m.admittedOn) out.push({ field: 'confirmedOn', message: 'Ngày chính thức phải sau ngày vào Đảng.' });
  if (m.birthDate && m.admittedOn && m.admittedOn <= m.birthDate) out.push({ field: 'admittedOn', message: 'Ngày vào Đảng phải sau ngày sinh.' });
  return out;
}
