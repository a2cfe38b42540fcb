import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ArchiveRefusedError, OFFICE_ARCHIVE_LIMITS, readOfficeArchive, sniffDocumentType, type ArchiveLimit } from '../src/index.ts';
import { DOCX_PARTS, XLSX_PARTS, zipFile, type ZipPart } from './fixtures/zip.ts';

const MB = 1024 * 1024;
const KB = 1024;
/** A deflated part: `packed` bytes in the file that the directory says unpack to `size`. */
const deflated = (name: string, packed: number, size: number): ZipPart => ({ name, method: 8, data: new Uint8Array(packed), declaredSize: size });

function refusal(bytes: Uint8Array): { limit: ArchiveLimit; message: string } {
  try {
    readOfficeArchive(bytes);
  } catch (err) {
    if (err instanceof ArchiveRefusedError) return { limit: err.limit, message: err.message };
    throw err;
  }
  throw new Error('not refused');
}

describe('readOfficeArchive: an Office package is checked from its directory before anything is unpacked', () => {
  it('reads a sound package: names, methods, sizes and where each part’s bytes start', () => {
    const entries = readOfficeArchive(zipFile([...XLSX_PARTS, deflated('xl/sharedStrings.xml', 300 * KB, 2 * MB)]));
    expect(entries?.map((e) => [e.name, e.method, e.uncompressedSize])).toEqual([
      ['[Content_Types].xml', 0, 300],
      ['xl/workbook.xml', 0, 400],
      ['xl/worksheets/sheet1.xml', 0, 4000],
      ['xl/sharedStrings.xml', 8, 2 * MB],
    ]);
    // The first part's data follows its 30-byte local header and its 19-byte name.
    expect(entries?.[0]?.dataOffset).toBe(30 + '[Content_Types].xml'.length);
  });

  it('a small part may compress very well (styles, empty sheets): the ratio counts from 1 MB', () => {
    expect(readOfficeArchive(zipFile([...XLSX_PARTS, deflated('xl/styles.xml', 1 * KB, 900 * KB)]))).toHaveLength(4);
  });

  it.each([
    // [case, parts, limit, words the message must have]
    ['a 100 MB shared-strings cell in a 100 KB file', [...XLSX_PARTS, deflated('xl/sharedStrings.xml', 100 * KB, 100 * MB)], 'maxSharedStringsBytes', ['sharedStrings', '100 MB', 'giới hạn 64 MB']],
    ['a 200 MB picture', [...DOCX_PARTS, deflated('word/media/image1.png', 3 * MB, 200 * MB)], 'maxPartBytes', ['word/media/image1.png', '200 MB', 'giới hạn 128 MB']],
    ['three 100 MB sheets', [...XLSX_PARTS, ...[1, 2, 3].map((n) => deflated(`xl/worksheets/big${n}.xml`, 2 * MB, 100 * MB))], 'maxTotalBytes', ['giới hạn 256 MB cho cả tệp']],
    ['a 20 MB sheet from 20 KB', [...XLSX_PARTS, deflated('xl/worksheets/sheet2.xml', 20 * KB, 20 * MB)], 'maxRatio', ['nén 1.024 lần', 'giới hạn 100 lần', 'bom nén']],
    ['a Word document of 50 MB from 52 KB', [DOCX_PARTS[0] as ZipPart, deflated('word/document.xml', 52 * KB, 50 * MB)], 'maxRatio', ['word/document.xml', 'giới hạn 100 lần']],
  ] as const)('refuses %s, naming the limit', (_case, parts, limit, words) => {
    const r = refusal(zipFile(parts));
    expect(r.limit).toBe(limit);
    for (const w of words) expect(r.message).toContain(w);
  });

  it('refuses 10,000 parts before reading their directory entries', () => {
    const parts = Array.from({ length: 10_000 }, (_, i): ZipPart => ({ name: `p/${i}.xml` }));
    expect(refusal(zipFile(parts))).toEqual({ limit: 'maxEntries', message: 'Tệp có 10.000 phần nén bên trong, vượt giới hạn 2.000 phần của một tệp Office.' });
    // Even a directory that lies about its count is refused by the count alone.
    expect(refusal(zipFile(DOCX_PARTS, { count: 5000 })).limit).toBe('maxEntries');
  });

  it.each([
    ['two parts on the same bytes (the overlapping bomb)', [...DOCX_PARTS, { name: 'word/copy.xml', data: new Uint8Array(2000), sameOffsetAs: 2 }], 'chồng lên nhau'],
    ['the same part twice', [...DOCX_PARTS, { name: 'word/document.xml' }], 'có hai lần'],
    ['an encrypted part', [...DOCX_PARTS, { name: 'word/secret.xml', flags: 1 }], 'mã hóa'],
    ['another compression method', [...DOCX_PARTS, { name: 'word/x.xml', method: 12 }], 'kiểu nén 12'],
    ['a stored part whose size lies', [...DOCX_PARTS, { name: 'word/x.xml', data: new Uint8Array(10), declaredSize: 5000 }], 'khai sai kích thước'],
  ] as const)('refuses %s as unsound', (_case, parts, words) => {
    const r = refusal(zipFile(parts));
    expect(r.limit).toBe('structure');
    expect(r.message).toContain(words);
  });

  it('a ZIP64 marker is refused; bytes that are no ZIP at all are not a package (null)', () => {
    expect(refusal(zipFile(DOCX_PARTS, { count: 0xffff })).message).toContain('ZIP64');
    expect(refusal(zipFile([...DOCX_PARTS, { name: 'x', declaredSize: 0xffffffff, method: 8 }])).message).toContain('ZIP64');
    expect(readOfficeArchive(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toBeNull();
    expect(readOfficeArchive(zipFile(DOCX_PARTS).slice(0, 200))).toBeNull();
  });

  it('whatever the directory declares, what it lets through is within every limit', () => {
    const L = OFFICE_ARCHIVE_LIMITS;
    const part = fc.record({
      name: fc.constantFrom('word/document.xml', 'xl/sharedStrings.xml', 'xl/worksheets/sheet1.xml', 'word/media/a.png', 'docProps/app.xml'),
      size: fc.oneof(fc.integer({ min: 0, max: 2 * MB }), fc.integer({ min: 0, max: 300 * MB })),
      ratio: fc.integer({ min: 1, max: 400 }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(part, { minLength: 1, maxLength: 5, selector: (p) => p.name }), (parts) => {
        const zip = zipFile(parts.map((p) => deflated(p.name, Math.min(3 * MB, Math.ceil(p.size / p.ratio)), p.size)));
        let entries;
        try {
          entries = readOfficeArchive(zip);
        } catch (err) {
          expect(err).toBeInstanceOf(ArchiveRefusedError);
          return;
        }
        expect(entries).not.toBeNull();
        let total = 0;
        for (const e of entries ?? []) {
          total += e.uncompressedSize;
          expect(e.uncompressedSize).toBeLessThanOrEqual(/sharedStrings/.test(e.name) ? L.maxSharedStringsBytes : L.maxPartBytes);
          if (e.uncompressedSize >= L.ratioFloorBytes) expect(e.uncompressedSize / Math.max(1, e.compressedSize)).toBeLessThanOrEqual(L.maxRatio);
        }
        expect(total).toBeLessThanOrEqual(L.maxTotalBytes);
      }),
      { numRuns: 60 },
    );
  });
});

describe('sniffDocumentType refuses a bomb dressed as a document', () => {
  it('a Word package within the limits is a docx; one whose document unpacks to 100 MB throws the named limit', () => {
    expect(sniffDocumentType(zipFile(DOCX_PARTS))).toBe('docx');
    const bomb = zipFile([DOCX_PARTS[0] as ZipPart, deflated('word/document.xml', 100 * KB, 100 * MB)]);
    expect(() => sniffDocumentType(bomb)).toThrow(ArchiveRefusedError);
    expect(() => sniffDocumentType(bomb)).toThrow(/word\/document\.xml.*giới hạn 100 lần/);
  });
});
