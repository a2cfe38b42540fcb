/** An upload and one page of its checked rows → the preview the wizard and the CLI show. */
import type { ImportPreviewDto, ImportRowDto } from '@chibo/core';
import type { RowCheck } from './member-imports.analysis.ts';
import type { ImportRow, StoredAnalysis } from './member-imports.repo.ts';

const NO_ANALYSIS: Omit<StoredAnalysis, 'key'> = {
  mapping: {},
  unknownColumns: [],
  missingFields: [],
  counts: { total: 0, create: 0, update: 0, unchanged: 0, error: 0, skipped: 0, warning: 0 },
};

export function presentRow(r: RowCheck): ImportRowDto {
  return { row: r.row, action: r.action, cells: r.shown, value: r.value, memberId: r.memberId, errors: r.errors, warnings: r.warnings, changes: r.changes };
}

export function presentImport(imp: ImportRow, summary: Omit<StoredAnalysis, 'key'> | null, rows: readonly RowCheck[], offset: number): ImportPreviewDto {
  const a = summary ?? NO_ANALYSIS;
  return {
    id: imp.id,
    organizationId: imp.organizationId,
    fileName: imp.fileName,
    format: imp.format,
    status: imp.status,
    headers: imp.headers,
    mapping: a.mapping,
    unknownColumns: a.unknownColumns,
    missingFields: a.missingFields,
    counts: a.counts,
    rows: rows.map(presentRow),
    offset,
    result: imp.result && imp.committedAt ? { ...imp.result, committedAt: imp.committedAt.toISOString() } : null,
  };
}
