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
  .strict();
export type CreateMemberInput = z.infer<typeof CreateMemberInput>;
