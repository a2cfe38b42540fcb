/**
 * What a file really is, from its bytes (issue 4, point 5): a meeting document is accepted
 * only when its content is one of the allowed types, whatever its name says. Office files are
 * ZIP packages; the package's own part names tell a Word document from an Excel workbook.
 */
import { ArchiveRefusedError, readOfficeArchive, type ArchiveLimits } from './office-archive.ts';

export const DOCUMENT_TYPES = {
  pdf: { contentType: 'application/pdf', label: 'PDF', extension: 'pdf' },
  docx: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', label: 'Word (.docx)', extension: 'docx' },
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', label: 'Excel (.xlsx)', extension: 'xlsx' },
  png: { contentType: 'image/png', label: 'PNG', extension: 'png' },
  jpeg: { contentType: 'image/jpeg', label: 'JPEG', extension: 'jpg' },
} as const;
export type DocumentType = keyof typeof DOCUMENT_TYPES;

export const ALLOWED_DOCUMENTS_TEXT = 'PDF, Word (.docx), Excel (.xlsx), ảnh PNG hoặc JPEG';

/** The largest meeting document or paper file the server takes (the web checks it before sending). */
export const DOCUMENT_MAX_BYTES = 20 * 1024 * 1024;

/** What a browser's file picker offers for a meeting document: the types above, by extension and by MIME type. */
export const DOCUMENT_ACCEPT = [
  ...new Set(Object.values(DOCUMENT_TYPES).flatMap((t) => [`.${t.extension}`, t.contentType])),
  '.jpeg',
].join(',');

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) => b.length >= at + sig.length && sig.every((v, i) => b[at + i] === v);

const UNLIMITED: ArchiveLimits = { maxEntries: 0xffff, maxPartBytes: Infinity, maxSharedStringsBytes: Infinity, maxTotalBytes: Infinity, maxRatio: Infinity, ratioFloorBytes: Infinity };

/** The names of a ZIP's entries, read from its central directory (null: not a readable ZIP). */
export function zipEntryNames(b: Uint8Array): string[] | null {
  try {
    return readOfficeArchive(b, UNLIMITED)?.map((e) => e.name) ?? null;
  } catch (err) {
    if (err instanceof ArchiveRefusedError) return null;
    throw err;
  }
}

/**
 * The allowed type the bytes are, or null. An Office package beyond the archive limits
 * (a zip bomb: office-archive.ts) throws ArchiveRefusedError, whose message names the limit.
 */
export function sniffDocumentType(b: Uint8Array): DocumentType | null {
  if (startsWith(b, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04])) {
    const names = readOfficeArchive(b)?.map((e) => e.name);
    if (!names?.includes('[Content_Types].xml')) return null;
    // Macro-enabled packages (.docm, .xlsm) carry a VBA project: not a plain document.
    if (names.some((n) => /(^|\/)vbaProject\.bin$/i.test(n))) return null;
    if (names.includes('word/document.xml')) return 'docx';
    if (names.includes('xl/workbook.xml')) return 'xlsx';
  }
  return null;
}
