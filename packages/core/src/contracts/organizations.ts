import { z } from 'zod';
import { Id, text } from './common.ts';
import { OrganizationSettings } from '../rules/organization-settings.ts';

/** Levels of party organization a tree holds (glossary: đảng bộ … chi bộ). */
export const ORGANIZATION_KINDS = [
  'committee', // đảng bộ cấp trên cơ sở (e.g. Đảng bộ thành phố, Đảng bộ khối)
  'grassroots_committee', // đảng bộ cơ sở
  'sub_committee', // đảng bộ bộ phận
  'grassroots_cell', // chi bộ cơ sở
  'cell', // chi bộ trực thuộc
] as const;
export const OrganizationKind = z.enum(ORGANIZATION_KINDS);
export type OrganizationKind = z.infer<typeof OrganizationKind>;

/** The installations' calendar unless an organization sets its own (the register's "today"). */
export const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

export function isCellKind(kind: OrganizationKind): boolean {
  return kind === 'cell' || kind === 'grassroots_cell';
}

/**
 * Which kind of organization may stand directly under which (Điều lệ Đảng Đ.11, Đ.21–24):
 * above the grassroots, committees contain committees or grassroots organizations; a
 * grassroots committee contains sub-committees (đảng bộ bộ phận) and cells; a
 * sub-committee contains cells; a cell contains no organization (its groups are not ones).
 */
const MAY_CONTAIN: Readonly<Record<OrganizationKind, readonly OrganizationKind[]>> = {
  committee: ['committee', 'grassroots_committee', 'grassroots_cell'],
  grassroots_committee: ['sub_committee', 'cell'],
  sub_committee: ['cell'],
  grassroots_cell: [],
  cell: [],
};

export function mayContain(parent: OrganizationKind, child: OrganizationKind): boolean {
  return MAY_CONTAIN[parent].includes(child);
}

/** HD 42-HD/BTCTW (2025) mục 4: types of cell, each with its own meeting focus. */
export const CELL_TYPES = [
  'residential',
  'administrative',
  'state_enterprise',
  'private_enterprise',
  'student',
  'armed_forces',
] as const;
export const CellType = z.enum(CELL_TYPES);
export type CellType = z.infer<typeof CellType>;

// The longest IANA names are about 30 characters (America/Argentina/ComodRivadavia).
const TimeZone = z.string().max(64, { error: 'Múi giờ không hợp lệ.' }).refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { error: 'Múi giờ không hợp lệ.' },
);

export const OrganizationDto = z.object({
  id: Id,
  parentId: Id.nullable(),
  kind: OrganizationKind,
  name: z.string(),
  cellType: CellType.nullable(),
  timeZone: z.string(),
  depth: z.number().int(),
  /** Materialized path of ids ('/<root>/…/<id>/'): with grants' paths, `can()` answers on the client too. */
  path: z.string(),
  closedAt: z.string().nullable(),
  /** Settings this organization sets itself (inherited ones: GET …/settings). */
  settings: OrganizationSettings,
});
export type OrganizationDto = z.infer<typeof OrganizationDto>;

export const OrganizationListResponse = z.object({ items: z.array(OrganizationDto) });

export const CreateOrganizationInput = z
  .object({
    parentId: Id,
    kind: OrganizationKind,
    name: text(3, 300),
    cellType: CellType.nullable().optional(),
    timeZone: TimeZone.optional(),
  })
  .strict();
export type CreateOrganizationInput = z.infer<typeof CreateOrganizationInput>;

export const UpdateOrganizationInput = z
  .object({
    name: text(3, 300).optional(),
    cellType: CellType.nullable().optional(),
    timeZone: TimeZone.optional(),
  })
  .strict()
  .refine((v) => Object.values(v).some((x) => x !== undefined), { error: 'Không có gì để thay đổi.' });
export type UpdateOrganizationInput = z.infer<typeof UpdateOrganizationInput>;

/** Usernames: lower-case letters, digits, dot, dash, underscore; never an e-mail address. */
export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,40}$/, { error: 'Tên đăng nhập gồm 3–40 chữ cái không dấu, chữ số, dấu chấm, gạch ngang hoặc gạch dưới.' });

/** `chibo init`: the root organization of an installation and its first administrator. */
export const CreateRootInput = z
  .object({
    organizationName: text(3, 300),
    kind: OrganizationKind.default('committee'),
    username: Username,
    displayName: text(2, 120),
    password: z.string().min(8).max(500).optional(),
  })
  .strict();

export const MoveOrganizationInput = z.object({ parentId: Id }).strict();
export type MoveOrganizationInput = z.infer<typeof MoveOrganizationInput>;

/** Closing (giải thể, sáp nhập) follows a decision of the superior committee: its reference is required. */
export const CloseOrganizationInput = z.object({ decisionRef: text(2, 120), reason: text(0, 500).optional() }).strict();
export type CloseOrganizationInput = z.infer<typeof CloseOrganizationInput>;

const EffectiveSettingDto = z.object({
  value: z.union([z.number(), z.string()]).nullable(),
  /** The organization that set it, or null: the default (its source in `source`). */
  setBy: z.object({ id: Id, name: z.string() }).nullable(),
  source: z.string().nullable(),
});
export const OrganizationSettingsDto = z.object({
  own: OrganizationSettings,
  effective: z.object({ meetingPlace: EffectiveSettingDto, probationAlertDays: EffectiveSettingDto }),
});
export type OrganizationSettingsDto = z.infer<typeof OrganizationSettingsDto>;
