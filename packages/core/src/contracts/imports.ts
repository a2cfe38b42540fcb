import { z } from 'zod';
import { Id, IsoDate } from './common.ts';
import { Gender, MemberStatus, Position } from './members.ts';
import { IMPORT_FIELDS } from '../domain/member-import.ts';

export const ImportFieldSchema = z.enum(IMPORT_FIELDS);

/**
 * What the user chose in the wizard: which column holds which field (0-based column index;
 * overrides what the headers say), corrected cell values per file row (1-based, as the
 * spreadsheet numbers them) and rows left out.
 */
export const ImportChoices = z
  .object({
    mapping: z.partialRecord(ImportFieldSchema, z.number().int().min(0).max(200).nullable()).optional(),
    edits: z.record(z.string().regex(/^\d{1,7}$/, { error: 'Số dòng không hợp lệ.' }), z.partialRecord(ImportFieldSchema, z.string().max(300))).optional(),
    skip: z.array(z.number().int().min(1)).max(200_000).optional(),
  })
  .strict();
export type ImportChoices = z.infer<typeof ImportChoices>;

export const ImportPreviewQuery = z
  .object({
    offset: z.coerce.number().int().min(0).default(0),
    limit: z.coerce.number().int().min(1).max(1000).default(200),
    /** 'flagged': rows with an error or a warning (what the CLI lists). */
    only: z.enum(['all', 'errors', 'flagged']).default('all'),
  })
  .strict();

export const ImportRowDto = z.object({
  row: z.number().int(),
  action: z.enum(['create', 'update', 'unchanged', 'error', 'skipped']),
  /** The raw text of each mapped field, as the wizard shows and lets the user correct it. */
  cells: z.partialRecord(ImportFieldSchema, z.string()),
  value: z
    .object({
      fullName: z.string(),
      birthDate: IsoDate.nullable(),
      gender: Gender.nullable(),
      admittedOn: IsoDate.nullable(),
      confirmedOn: IsoDate.nullable(),
      position: Position.nullable(),
      status: MemberStatus,
      email: z.string().nullable(),
      phone: z.string().nullable(),
    })
    .nullable(),
  memberId: Id.nullable(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })),
  /** What the user should confirm though nothing stops the row (a cell that may be legacy-font text). */
  warnings: z.array(z.object({ field: z.string(), message: z.string() })),
  /** An update's changes, field by field, as a register prints them ('' for nothing). */
  changes: z.array(z.object({ field: ImportFieldSchema, from: z.string(), to: z.string() })),
});
export type ImportRowDto = z.infer<typeof ImportRowDto>;

export const ImportCounts = z.object({
  total: z.number().int(),
  create: z.number().int(),
  update: z.number().int(),
  unchanged: z.number().int(),
  error: z.number().int(),
  skipped: z.number().int(),
  /** Rows (not skipped, without errors) with at least one warning. */
  warning: z.number().int(),
});

export const ImportPreviewDto = z.object({
  id: Id,
  organizationId: Id,
  fileName: z.string(),
  /** 'xlsx', or the text encoding a CSV was read in (utf-8, windows-1258, tcvn3, vni). */
  format: z.string(),
  status: z.enum(['preview', 'committed']),
  headers: z.array(z.string()),
  mapping: z.partialRecord(ImportFieldSchema, z.number().int()),
  unknownColumns: z.array(z.number().int()),
  /** Fields no column holds that every row needs (full name, admission date). */
  missingFields: z.array(ImportFieldSchema),
  counts: ImportCounts,
  rows: z.array(ImportRowDto),
  offset: z.number().int(),
  result: z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int(), committedAt: z.string() }).nullable(),
});
export type ImportPreviewDto = z.infer<typeof ImportPreviewDto>;

export const ImportProgressDto = z.object({ phase: z.enum(['idle', 'reading', 'checking', 'writing', 'done']), done: z.number().int(), total: z.number().int() });
export type ImportProgressDto = z.infer<typeof ImportProgressDto>;
