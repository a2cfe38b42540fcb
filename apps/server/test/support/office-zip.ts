/**
 * Office packages written byte by byte with real deflate, for the upload tests: honest ones
 * and the bombs an attacker would craft (a part that unpacks to 100 MB, thousands of parts, a
 * directory that lies about a part's size).
 */
import zlib from 'node:zlib';

export interface Part {
  name: string;
  content: Buffer | string;
  /** What the directory claims the part unpacks to (default: the truth). */
  declaredSize?: number;
  /** Store the bytes given as the part's compressed data (no deflate): for a part that only declares a size. */
  raw?: boolean;
}

const u16 = (n: number) => Buffer.from([n & 0xff, (n >>> 8) & 0xff]);
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
};

export function officeZip(parts: readonly Part[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const content = Buffer.isBuffer(p.content) ? p.content : Buffer.from(p.content, 'utf8');
    const data = p.raw ? content : zlib.deflateRawSync(content, { level: 9 });
    const size = p.declaredSize ?? content.length;
    const crc = p.raw ? 0 : zlib.crc32(content);
    const name = Buffer.from(p.name, 'ascii');
    const head = [u16(20), u16(0), u16(8), u16(0), u16(0x21), u32(crc), u32(data.length), u32(size), u16(name.length), u16(0)];
    const local = Buffer.concat([u32(0x04034b50), ...head, name, data]);
    central.push(Buffer.concat([u32(0x02014b50), u16(20), ...head, u16(0), u16(0), u16(0), u32(0), u32(offset), name]));
    locals.push(local);
    offset += local.length;
  }
  const dir = Buffer.concat(central);
  return Buffer.concat([...locals, dir, u32(0x06054b50), u16(0), u16(0), u16(parts.length), u16(parts.length), u32(dir.length), u32(offset), u16(0)]);
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>';

/** A workbook whose first sheet and shared strings are the XML given. */
export function xlsxParts(sheetXml: string | Buffer, sharedStrings?: Part): Part[] {
  return [
    { name: '[Content_Types].xml', content: CONTENT_TYPES },
    { name: '_rels/.rels', content: '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>' },
    { name: 'xl/workbook.xml', content: '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Danh sách" sheetId="1" r:id="rId1"/></sheets></workbook>' },
    { name: 'xl/_rels/workbook.xml.rels', content: '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>' },
    { name: 'xl/worksheets/sheet1.xml', content: sheetXml },
    ...(sharedStrings ? [sharedStrings] : []),
  ];
}

/** A sheet of inline-string rows (no shared strings needed). */
export function sheetXml(rows: readonly string[][]): string {
  const esc = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;');
  const col = (i: number) => String.fromCharCode(65 + i);
  const body = rows.map((r, i) => `<row r="${i + 1}">${r.map((c, j) => `<c r="${col(j)}${i + 1}" t="inlineStr"><is><t>${esc(c)}</t></is></c>`).join('')}</row>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body}</sheetData></worksheet>`;
}

export function docxParts(documentXml: string | Buffer): Part[] {
  return [
    { name: '[Content_Types].xml', content: CONTENT_TYPES },
    { name: '_rels/.rels', content: '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>' },
    { name: 'word/document.xml', content: documentXml },
  ];
}

/** `size` bytes of XML that deflate squeezes about a thousand times. */
export function repetitiveXml(open: string, size: number, close: string): Buffer {
  const b = Buffer.alloc(open.length + size + close.length, 'A');
  b.write(open, 0, 'utf8');
  b.write(close, open.length + size, 'utf8');
  return b;
}
