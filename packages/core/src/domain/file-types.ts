/**
 * What a file really is, from its bytes (issue 4, point 5): a meeting document is accepted
 * only when its content is one of the allowed types, whatever its name says. Office files are
 * ZIP packages; the package's own part names tell a Word document from an Excel workbook.
 */
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

/** The names of a ZIP's entries, read from its central directory (null: not a readable ZIP). */
export function zipEntryNames(b: Uint8Array): string[] | null {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  // End of central directory: 22 bytes plus a comment of up to 65,535.
  const lowest = Math.max(0, b.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = b.length - 22; i >= lowest; i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const names: string[] = [];
  for (let n = 0; n < count; n++) {
    if (at + 46 > b.length || view.getUint32(at, true) !== 0x02014b50) return null;
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    if (at + 46 + nameLength > b.length) return null;
    // Part names of an Office package are ASCII; others only need to differ from them.
    names.push(String.fromCharCode(...b.subarray(at + 46, at + 46 + nameLength)));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/** The allowed type the bytes are, or null. */
export function sniffDocumentType(b: Uint8Array): DocumentType | null {
  if (startsWith(b, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04])) {
    const names = zipEntryNames(b);
    if (!names?.includes('[Content_Types].xml')) return null;
    // Macro-enabled packages (.docm, .xlsm) carry a VBA project: not a plain document.
    if (names.some((n) => /(^|\/)vbaProject\.bin$/i.test(n))) return null;
    if (names.includes('word/document.xml')) return 'docx';
    if (names.includes('xl/workbook.xml')) return 'xlsx';
  }
  return null;
}
