/**
 * Every row of an upload as it will be saved: parsed, corrected by the user's edits, matched
 * against the cell's members today (same name and date of birth, or the only one of that name
 * when the file has no birth date), and its resulting history checked by the same rules as a
 * form. What the reader flagged in a mapped column is a warning of the row. Reads nothing: the
 * caller passes the file's rows and the register.
 */
import {
  cellText,
  historyFromLine,
  IMPORT_FIELDS,
  isStorableText,
  membershipRulesOn,
  parseMemberRow,
  recognizeHeaders,
  registerLineChanges,
  reimportLine,
  validateHistory,
  type CellValue,
  type ColumnMapping,
  type HistoryParts,
  type ImportChoices,
  type ImportedMember,
  type ImportField,
  type ImportPreviewDto,
  type ImportRowDto,
  type MemberHistory,
} from '@chibo/core';

export interface FileRow {
  row: number;
  cells: CellValue[];
  flags: { col: number; message: string }[];
}

/** One row's check: what the preview shows, and for the commit the member and history to write. */
export interface RowCheck extends Omit<ImportRowDto, 'cells'> {
  shown: ImportRowDto['cells'];
  /** The matched member's revision when checked: the commit refuses a member changed since. */
  memberRevision: number | null;
  parts: HistoryParts | null;
}

/** What the commit needs of a row to write it. */
export type RowToWrite = Pick<RowCheck, 'row' | 'action' | 'value' | 'parts' | 'memberId' | 'memberRevision'>;

export interface Analysis {
  mapping: ColumnMapping;
  unknownColumns: number[];
  missingFields: ImportField[];
  counts: ImportPreviewDto['counts'];
  rows: RowCheck[];
}

/** A member of the cell as the matching reads them. */
export interface KnownMember {
  row: { id: string; fullName: string; birthDate: string | null; gender: string | null; email: string | null; phone: string | null; revision: number };
  history: MemberHistory;
}

type Issue = { field: string; message: string };
const keyOf = (fullName: string, birthDate: string | null) => `${fullName.normalize('NFC').toLowerCase()}|${birthDate ?? ''}`;
/** Let other requests run between slices of a large file (the check is synchronous work): timers, then I/O, get their turn. */
const breathe = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Columns chosen by the user override the headers; a field mapped to null is left out. */
export function mappingFor(headers: string[], choices: ImportChoices): { mapping: ColumnMapping; unknownColumns: number[] } {
  const manual: ColumnMapping = {};
  for (const [f, col] of Object.entries(choices.mapping ?? {}) as [ImportField, number | null][]) if (col !== null && col < headers.length) manual[f] = col;
  const r = recognizeHeaders(headers, manual);
  for (const [f, col] of Object.entries(choices.mapping ?? {}) as [ImportField, number | null][]) if (col === null) delete r.mapping[f];
  const used = new Set(Object.values(r.mapping));
  return { mapping: r.mapping, unknownColumns: r.unknownColumns.filter((c) => !used.has(c)) };
}

type Base = Pick<RowCheck, 'row' | 'shown' | 'warnings'>;
const blank = () => ({ value: null, memberId: null, memberRevision: null, parts: null, errors: [], changes: [] });
const errorRow = (base: Base, errors: Issue[]): RowCheck => ({
  ...base,
  ...blank(),
  action: 'error',
  errors: errors.length > 0 ? errors : [{ field: 'row', message: 'Dòng không đọc được.' }],
});
const problemsAsErrors = (problems: readonly { message: string }[]) => problems.map((p) => ({ field: 'row', message: p.message }));

interface Context {
  cellId: string;
  today: string;
  rules: ReturnType<typeof membershipRulesOn>;
  columns: ReadonlySet<ImportField>;
}

/** A readable row against the register: a new member, an update of the one it matches, no change, or the rules' objections. */
function judgeRow(base: Base, v: ImportedMember & { admittedOn: string }, match: KnownMember | undefined, at: Context): RowCheck {
  if (!match) {
    const parts = historyFromLine({ cellId: at.cellId, admittedOn: v.admittedOn, confirmedOn: v.confirmedOn, position: v.position });
    const problems = validateHistory({ memberId: '', fullName: v.fullName, ...parts }, at.rules);
    return problems.length > 0 ? errorRow(base, problemsAsErrors(problems)) : { ...base, ...blank(), action: 'create', value: v, parts };
  }
  const person = { gender: match.row.gender as ImportedMember['gender'], birthDate: match.row.birthDate, email: match.row.email, phone: match.row.phone };
  const r = reimportLine({ person, history: match.history }, v, at.columns, at.cellId, at.today);
  const problems = validateHistory({ ...match.history, ...r.history }, at.rules);
  if (problems.length > 0) return errorRow(base, problemsAsErrors(problems));
  const changes = r.changed ? registerLineChanges({ person, history: match.history }, { person: r.value, history: r.history }, at.cellId, at.today) : [];
  return { ...base, ...blank(), action: r.changed ? 'update' : 'unchanged', value: r.value, memberId: match.row.id, memberRevision: match.row.revision, parts: r.history, changes };
}

export async function analyze(
  file: { headers: string[]; rows: readonly FileRow[] },
  choices: ImportChoices,
  register: readonly KnownMember[],
  at: { cellId: string; today: string },
  onRow?: (done: number) => void,
): Promise<Analysis> {
  const rules = membershipRulesOn(at.today);
  const { mapping, unknownColumns } = mappingFor(file.headers, choices);
  const missingFields = (['fullName', 'admittedOn'] as const).filter((f) => mapping[f] === undefined);
  const skip = new Set(choices.skip ?? []);
  const edits = choices.edits ?? {};
  const context: Context = { ...at, rules, columns: new Set(IMPORT_FIELDS.filter((f) => mapping[f] !== undefined)) };
  const fieldOfColumn = new Map(Object.entries(mapping).map(([f, col]) => [col, f as ImportField]));

  const byKey = new Map<string, KnownMember>();
  const byName = new Map<string, KnownMember[]>();
  for (const m of register) {
    byKey.set(keyOf(m.row.fullName, m.row.birthDate), m);
    const k = keyOf(m.row.fullName, null);
    byName.set(k, [...(byName.get(k) ?? []), m]);
  }

  const seen = new Map<string, number>();
  const counts = { total: file.rows.length, create: 0, update: 0, unchanged: 0, error: 0, skipped: 0, warning: 0 };
  const rows: RowCheck[] = [];
  let slice = performance.now();
  for (const [i, { row, cells: original, flags }] of file.rows.entries()) {
    // Slices of about 20 ms: other requests run between them.
    if (performance.now() - slice > 20) {
      await breathe();
      slice = performance.now();
    }
    if (i % 2000 === 0) onRow?.(i);
    const cells = [...original];
    const edited = edits[String(row)] ?? {};
    for (const [f, text] of Object.entries(edited) as [ImportField, string][]) {
      const col = mapping[f];
      if (col !== undefined) cells[col] = text;
    }
    const shown: Partial<Record<ImportField, string>> = {};
    for (const f of IMPORT_FIELDS) if (mapping[f] !== undefined) shown[f] = cellText(cells[mapping[f]]);
    // A flagged cell the user has corrected is confirmed.
    const warnings = flags.flatMap(({ col, message }) => {
      const field = fieldOfColumn.get(col);
      return field && edited[field] === undefined ? [{ field, message }] : [];
    });
    const base: Base = { row, shown, warnings };
    if (skip.has(row)) {
      counts.skipped++;
      rows.push({ ...base, ...blank(), action: 'skipped', warnings: [] });
      continue;
    }
    const parsed = parseMemberRow(cells, mapping, row);
    const errors: Issue[] = [...parsed.errors];
    // What the database cannot store (NUL, control characters) is a row error here, not a failed commit.
    for (const [f, text] of Object.entries(shown)) if (!isStorableText(text)) errors.push({ field: f, message: 'Ô có ký tự không hợp lệ (ký tự điều khiển).' });
    const v = parsed.value;
    if (v && (v.status === 'exempt' || v.status === 'suspended')) {
      errors.push({ field: 'status', message: 'Miễn sinh hoạt hoặc đình chỉ cần diện, ngày và quyết định: nhập đảng viên là chính thức hoặc dự bị, rồi ghi quyết định trên trang đảng viên.' });
    }
    let result: RowCheck;
    if (!v || errors.length > 0 || !v.admittedOn) result = errorRow(base, errors);
    else {
      const key = keyOf(v.fullName, v.birthDate);
      const dup = seen.get(key);
      if (dup !== undefined) result = errorRow(base, [{ field: 'fullName', message: `Trùng với dòng ${dup} (cùng họ tên và ngày sinh).` }]);
      else {
        seen.set(key, row);
        const sameName = byName.get(keyOf(v.fullName, null)) ?? [];
        const match = byKey.get(key) ?? (v.birthDate === null && sameName.length === 1 ? sameName[0] : undefined);
        result = judgeRow(base, { ...v, admittedOn: v.admittedOn }, match, context);
      }
    }
    counts[result.action]++;
    if (result.action !== 'error' && result.warnings.length > 0) counts.warning++;
    rows.push(result);
  }
  onRow?.(file.rows.length);
  return { mapping, unknownColumns, missingFields, counts, rows };
}
