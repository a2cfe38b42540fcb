/**
 * Office files (DOCX, XLSX) are ZIP packages, and a ZIP says in its central directory how big
 * each part unpacks to. A "zip bomb" is a small upload whose parts unpack to gigabytes (one
 * 100 MB shared-strings cell in a 100 KB file killed the server, issue 9 point 1). Every Office
 * file the product reads is checked here, from the directory alone and before anything is
 * unpacked: the number of parts, each part's size, the total, the compression ratio, and a
 * sound structure (no overlapping or duplicate parts, no encryption, no ZIP64, deflate or
 * stored only). Sizes the directory declares can lie: whoever unpacks must stop at the
 * declared size (the import's worker does, apps/server member-imports/member-file.ts).
 */

/** One part as the central directory describes it. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflate. */
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  /** Where the part's compressed bytes start (after its local header). */
  dataOffset: number;
}

export interface ArchiveLimits {
  /** Parts in one package: Office files have tens; one per picture in a document full of them. */
  maxEntries: number;
  /** Any one part unpacked. A 200,000-row register sheet (the import's row limit) is ≈ 75 MB of XML. */
  maxPartBytes: number;
  /** A workbook's shared strings (every distinct text of every cell): ≈ 21 MB for 200,000 members. */
  maxSharedStringsBytes: number;
  /** All parts together, unpacked. */
  maxTotalBytes: number;
  /** Unpacked ÷ packed for a part above `ratioFloorBytes`: real sheets and documents measure 2–15. */
  maxRatio: number;
  ratioFloorBytes: number;
}

const MB = 1024 * 1024;
export const OFFICE_ARCHIVE_LIMITS: ArchiveLimits = {
  maxEntries: 2000,
  maxPartBytes: 128 * MB,
  maxSharedStringsBytes: 64 * MB,
  maxTotalBytes: 256 * MB,
  maxRatio: 100,
  ratioFloorBytes: 1 * MB,
};

/** Excel's own limit for the text of one cell (also what one shared string may hold). */
export const MAX_CELL_CHARACTERS = 32_767;

export type ArchiveLimit = keyof ArchiveLimits | 'cellCharacters' | 'structure' | 'memory';

/** The package breaks a limit: refused with a message naming it (a 413 at the API). */
export class ArchiveRefusedError extends Error {
  override name = 'ArchiveRefusedError';
  constructor(
    readonly limit: ArchiveLimit,
    message: string,
  ) {
    super(message);
  }
}

const number = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });
/** 1.048.576 bytes → "1 MB"; Vietnamese digit grouping (10.000) and decimal comma (1,5). */
export const formatMegabytes = (bytes: number) => `${number.format(bytes / MB)} MB`;
export const formatCount = (n: number) => number.format(n);

const SHARED_STRINGS = /^\/?xl\/sharedStrings\.xml$/i;

function refuseStructure(detail: string): never {
  throw new ArchiveRefusedError('structure', `Tệp Office có cấu trúc nén bất thường (${detail}): hãy mở bằng Word hoặc Excel và lưu lại.`);
}

function endOfCentralDirectory(view: DataView): number {
  // 22 bytes plus a comment of up to 65,535.
  const lowest = Math.max(0, view.byteLength - 22 - 0xffff);
  for (let i = view.byteLength - 22; i >= lowest; i--) if (view.getUint32(i, true) === 0x06054b50) return i;
  return -1;
}

/**
 * The parts of a ZIP package, checked against `limits` (throws ArchiveRefusedError), or null
 * when the bytes are not a readable ZIP at all (truncated, no central directory).
 */
export function readOfficeArchive(b: Uint8Array, limits: ArchiveLimits = OFFICE_ARCHIVE_LIMITS): ZipEntry[] | null {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const eocd = endOfCentralDirectory(view);
  if (eocd < 0) return null;
  const count = view.getUint16(eocd + 10, true);
  const directorySize = view.getUint32(eocd + 12, true);
  const directoryAt = view.getUint32(eocd + 16, true);
  // ZIP64 marks its real values elsewhere with all-ones; no Office file within our limits needs it.
  if (count === 0xffff || directoryAt === 0xffffffff || directorySize === 0xffffffff) refuseStructure('ZIP64');
  // Checked before the directory is walked: ten thousand parts cost nothing to refuse.
  if (count > limits.maxEntries) {
    throw new ArchiveRefusedError('maxEntries', `Tệp có ${formatCount(count)} phần nén bên trong, vượt giới hạn ${formatCount(limits.maxEntries)} phần của một tệp Office.`);
  }
  if (directoryAt + directorySize > eocd) return null;

  const entries: ZipEntry[] = [];
  const spans: [start: number, end: number][] = [];
  const names = new Set<string>();
  let total = 0;
  for (let n = 0, at = directoryAt; n < count; n++) {
    if (at + 46 > eocd || view.getUint32(at, true) !== 0x02014b50) return null;
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const compressedSize = view.getUint32(at + 20, true);
    const uncompressedSize = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const localAt = view.getUint32(at + 42, true);
    if (at + 46 + nameLength > eocd) return null;
    // Part names of an Office package are ASCII; others only need to differ from them.
    const name = String.fromCharCode(...b.subarray(at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;

    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff || localAt === 0xffffffff) refuseStructure('ZIP64');
    if (flags & 0x1) refuseStructure(`phần "${name}" được mã hóa`);
    if (method !== 0 && method !== 8) refuseStructure(`phần "${name}" dùng kiểu nén ${method}`);
    if (method === 0 && compressedSize !== uncompressedSize) refuseStructure(`phần "${name}" khai sai kích thước`);
    if (names.has(name)) refuseStructure(`phần "${name}" có hai lần`);
    names.add(name);

    const isSharedStrings = SHARED_STRINGS.test(name);
    const partLimit = isSharedStrings ? limits.maxSharedStringsBytes : limits.maxPartBytes;
    if (uncompressedSize > partLimit) {
      const what = isSharedStrings ? 'Bảng chuỗi dùng chung của tệp Excel (xl/sharedStrings.xml)' : `Phần "${name}" của tệp`;
      throw new ArchiveRefusedError(
        isSharedStrings ? 'maxSharedStringsBytes' : 'maxPartBytes',
        `${what} giải nén ra ${formatMegabytes(uncompressedSize)}, vượt giới hạn ${formatMegabytes(partLimit)}${isSharedStrings ? '' : ' cho một phần'}.`,
      );
    }
    total += uncompressedSize;
    if (total > limits.maxTotalBytes) {
      throw new ArchiveRefusedError('maxTotalBytes', `Tệp giải nén ra ít nhất ${formatMegabytes(total)}, vượt giới hạn ${formatMegabytes(limits.maxTotalBytes)} cho cả tệp.`);
    }
    if (uncompressedSize >= limits.ratioFloorBytes && uncompressedSize > limits.maxRatio * Math.max(1, compressedSize)) {
      const ratio = Math.round(uncompressedSize / Math.max(1, compressedSize));
      throw new ArchiveRefusedError(
        'maxRatio',
        `Phần "${name}" nén ${formatCount(ratio)} lần (${formatMegabytes(compressedSize)} → ${formatMegabytes(uncompressedSize)}), vượt giới hạn ${formatCount(limits.maxRatio)} lần: tệp có dấu hiệu "bom nén".`,
      );
    }

    // The local header must be where the directory says, and its data inside the file.
    if (localAt + 30 > directoryAt || view.getUint32(localAt, true) !== 0x04034b50) return null;
    const dataOffset = localAt + 30 + view.getUint16(localAt + 26, true) + view.getUint16(localAt + 28, true);
    if (dataOffset + compressedSize > directoryAt) return null;
    spans.push([localAt, dataOffset + compressedSize]);
    entries.push({ name, method, compressedSize, uncompressedSize, dataOffset });
  }
  // Parts sharing compressed bytes (the "overlapping" bomb) unpack the same data many times.
  spans.sort((x, y) => x[0] - y[0]);
  for (let i = 1; i < spans.length; i++) if ((spans[i]?.[0] ?? 0) < (spans[i - 1]?.[1] ?? 0)) refuseStructure('các phần chồng lên nhau');
  return entries;
}
