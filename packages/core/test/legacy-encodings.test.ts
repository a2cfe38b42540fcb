import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeTcvn3,
  decodeUtf8,
  decodeVietnameseText,
  decodeVni,
  decodeWindows1258,
  detectEncoding,
  detectLegacyText,
  repairLegacyText,
} from '../src/domain/legacy-encodings.ts';
import type { TextEncodingName } from '../src/domain/legacy-encodings.ts';
import { encodeTable, encodeWindows1258, hex, latin1, LETTER_BYTES, MEMBER_LIST_HEX, MEMBER_LIST_TEXT, utf8 } from './fixtures/encodings/member-list.fixture.ts';


const ENCODERS: Record<TextEncodingName, (text: string) => Uint8Array> = {
  'utf-8': utf8,
  'windows-1258': encodeWindows1258,
  tcvn3: (text) => encodeTable(text, 1),
  vni: (text) => encodeTable(text, 2),
};
const DECODERS: Record<TextEncodingName, (bytes: Uint8Array) => string> = {
  'utf-8': decodeUtf8,
  'windows-1258': decodeWindows1258,
  tcvn3: decodeTcvn3,
  vni: decodeVni,
};

const NAMES = [
  'Nguyễn Mạnh Cường',
  'Đặng Quốc Bảo',
  'Phạm Văn Đức',
  'Lê Thị Ánh Nguyệt',
  'Trần Thị Thu Hà',
  'Ngày vào Đảng',
  'Họ và tên',
  'Giới tính',
  'ĐẢNG',
  'DANH SÁCH ĐẢNG VIÊN',
  'Họ và tên,Ngày sinh,Giới tính,Ngày vào Đảng,Ngày chính thức,Chức vụ',
];

/** A capital with a tone, which TCVN3 can only write with the lower-case code. */
const isTonedCapital = (ch: string): boolean => ch !== ch.toLowerCase() && /[\u0300\u0301\u0303\u0309\u0323]/.test(ch.normalize('NFD'));

describe('tables (every Vietnamese letter, bytes from Unikey)', () => {
  it.each(LETTER_BYTES)('%s ← TCVN3 %s, VNI %s', (letter, tcvn3, vni) => {
    expect(decodeVni(hex(vni))).toBe(letter);
    // Alone, a toned capital's TCVN3 code reads lower case (see restoreTcvn3Case).
    expect(decodeTcvn3(hex(tcvn3))).toBe(isTonedCapital(letter) ? letter.toLowerCase() : letter);
  });
});

describe('hand-checked bytes (Latin-1 lookalikes as in duydev/vietnamese-conversion; cp1258 per Unikey WinCP1258)', () => {
  it.each([
    ['Nguyễn Mạnh Cường', 'NguyÔn M¹nh C\u00adêng', 'Nguyeãn Maïnh Cöôøng', '4e677579eade6e 204d61f26e68 2043fdf5cc6e67'],
    ['Đặng Quốc Bảo', '§Æng Quèc B¶o', 'Ñaëng Quoác Baûo', 'd0e3f26e67 205175f4ec63 204261d26f'],
    ['Phạm Văn Đức', 'Ph¹m V¨n §øc', 'Phaïm Vaên Ñöùc', '506861f26d 2056e36e 20d0fdec63'],
    ['Lê Thị Ánh Nguyệt', 'Lª ThÞ ¸nh NguyÖt', 'Leâ Thò AÙnh Nguyeät', '4cea 205468 69f2 2041ec6e68 204e677579eaf274'],
    ['Trần Thị Thu Hà', 'TrÇn ThÞ Thu Hµ', 'Traàn Thò Thu Haø', '5472e2cc6e 20546869f2 20546875 204861cc'],
    ['Ngày vào Đảng', 'Ngµy vµo §¶ng', 'Ngaøy vaøo Ñaûng', '4e6761cc79 207661cc6f 20d061d26e67'],
    ['Họ và tên', 'Hä vµ tªn', 'Hoï vaø teân', '486ff2 207661cc 2074ea6e'],
    ['Giới tính', 'Giíi tÝnh', 'Giôùi tính', '4769f5ec69 207469ec6e68'],
    ['ĐẢNG', '§¶NG', 'ÑAÛNG', 'd041d24e47'],
  ])('%s', (text, tcvn3, vni, cp1258) => {
    expect(decodeTcvn3(latin1(tcvn3))).toBe(text);
    expect(decodeVni(latin1(vni))).toBe(text);
    expect(decodeWindows1258(hex(cp1258))).toBe(text);
    expect(ENCODERS.tcvn3(text)).toEqual(latin1(tcvn3));
    expect(ENCODERS.vni(text)).toEqual(latin1(vni));
    expect(ENCODERS['windows-1258'](text)).toEqual(hex(cp1258));
  });

  it('also reads Windows-1258 written with precomposed letters (Á, É, Í, Ó, Ú exist in the code page)', () => {
    expect(decodeWindows1258(hex('42ed 2074 68fd'))).toBe('Bí thư');
    expect(decodeWindows1258(hex('c16e68'))).toBe('Ánh');
  });
});

describe('decoders give the same NFC text in every encoding', () => {
  const encodings: TextEncodingName[] = ['utf-8', 'windows-1258', 'tcvn3', 'vni'];
  it.each(encodings.flatMap((encoding) => NAMES.map((text) => [encoding, text] as const)))('%s: %s', (encoding, text) => {
    const decoded = DECODERS[encoding](ENCODERS[encoding](text));
    expect(decoded).toBe(text);
    expect(decoded).toBe(decoded.normalize('NFC'));
  });

  it('UTF-8: strips the BOM, composes NFD, rejects invalid bytes', () => {
    expect(decodeUtf8(hex('efbbbf 4cc3aa'))).toBe('Lê');
    expect(decodeUtf8(utf8('Nguyễn Mạnh Cường'.normalize('NFD')))).toBe('Nguyễn Mạnh Cường');
    expect(() => decodeUtf8(latin1('NguyÔn'))).toThrow(TypeError);
  });

  it('TCVN3 capitals (.VnTimeH): restored in ALL-CAPS runs and in names, not in ordinary phrases', () => {
    expect(decodeTcvn3(latin1('DANH S¸CH §¶NG VI£N CHI Bé'))).toBe('DANH SÁCH ĐẢNG VIÊN CHI BỘ');
    expect(decodeTcvn3(latin1('Lª ThÞ ¸nh NguyÖt,Hµ'))).toBe('Lê Thị Ánh Nguyệt,Hà');
    expect(decodeTcvn3(latin1('§¶ng ñy viªn'))).toBe('Đảng ủy viên');
    expect(decodeTcvn3(latin1('§¶ng ñy'))).toBe('Đảng ủy');
    // Documented limit: a lone capitalised word gives no evidence of the font.
    expect(decodeTcvn3(latin1('¸nh'))).toBe('ánh');
  });

  it('VNI: a mark byte after a consonant stays the Latin-1 letter', () => {
    expect(decodeVni(latin1('Café'))).toBe('Café');
    expect(decodeVni(latin1('Maïnh'))).toBe('Mạnh');
  });
});

describe('detectEncoding on a member list', () => {
  it.each([
    ['utf8', 'utf-8'],
    ['utf8Bom', 'utf-8'],
    ['utf8Nfd', 'utf-8'],
    ['windows1258', 'windows-1258'],
    ['tcvn3', 'tcvn3'],
    ['vni', 'vni'],
  ] as const)('%s → %s', (variant, encoding) => {
    const bytes = hex(MEMBER_LIST_HEX[variant]);
    const detected = detectEncoding(bytes);
    expect(detected.encoding).toBe(encoding);
    expect(detected.confidence).toBeGreaterThanOrEqual(0.9);
    expect(decodeVietnameseText(bytes)).toEqual({ text: MEMBER_LIST_TEXT, encoding });
  });

  it.each((['windows-1258', 'tcvn3', 'vni'] as const).flatMap((encoding) => NAMES.slice(0, 5).map((name) => [encoding, name] as const)))(
    '%s, one name: %s',
    (encoding, name) => {
      expect(detectEncoding(ENCODERS[encoding](name)).encoding).toBe(encoding);
    },
  );

  it('pure ASCII is UTF-8 with certainty; forcing an encoding skips detection', () => {
    expect(detectEncoding(latin1('Nguyen Van A,1970'))).toEqual({ encoding: 'utf-8', confidence: 1 });
    expect(decodeVietnameseText(latin1('Hµ'), 'tcvn3')).toEqual({ text: 'Hà', encoding: 'tcvn3' });
    expect(() => decodeVietnameseText(latin1('Hµ'), 'utf-8')).toThrow(TypeError);
  });

  it('keeps a UTF-8 file with one broken byte as UTF-8', () => {
    const bytes = Uint8Array.from([...hex(MEMBER_LIST_HEX.utf8), 0xff]);
    expect(detectEncoding(bytes).encoding).toBe('utf-8');
    expect(decodeVietnameseText(bytes).text).toBe(`${MEMBER_LIST_TEXT}\ufffd`);
  });
});

describe('round trip (property)', () => {
  const letters = [...new Set(LETTER_BYTES.map((row) => row[0]).concat([...'bcdđghklmnpqrstvxBCDĐGHKLMNPQRSTVX']))];
  const vietnameseChar = fc.oneof(fc.constantFrom(...letters), fc.constantFrom(...'aeiouyAEIOUY0123456789 ,./-()\r\n'));
  const text = fc.array(vietnameseChar, { maxLength: 40 }).map((chars) => chars.join(''));
  const lowerWord = fc.array(fc.constantFrom(...letters.filter((ch) => ch === ch.toLowerCase()), ...'aeiouy'), { minLength: 1, maxLength: 7 }).map((c) => c.join(''));

  it.each(['utf-8', 'windows-1258', 'vni'] as const)('%s: decode(encode(s)) = s', (encoding) => {
    fc.assert(
      fc.property(text, (s) => {
        expect(DECODERS[encoding](ENCODERS[encoding](s))).toBe(s);
      }),
    );
  });

  it('utf-8 written NFD or with a BOM decodes to the same NFC text', () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(decodeUtf8(utf8(s.normalize('NFD')))).toBe(s);
        expect(decodeUtf8(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8(s)]))).toBe(s);
      }),
    );
  });

  it('tcvn3: exact for lower case, exact up to case in general', () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(decodeTcvn3(ENCODERS.tcvn3(s.toLowerCase()))).toBe(s.toLowerCase());
        expect(decodeTcvn3(ENCODERS.tcvn3(s)).toLowerCase()).toBe(s.toLowerCase());
      }),
    );
  });

  it('tcvn3: exact for ALL-CAPS lines and for title-case names', () => {
    const capitalise = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1);
    fc.assert(
      fc.property(fc.array(lowerWord, { minLength: 1, maxLength: 5 }), (words) => {
        const caps = `DANH SÁCH ${words.join(' ').toUpperCase()}`;
        const name = `Nguyễn Thị ${words.map(capitalise).join(' ')}`;
        expect(decodeTcvn3(ENCODERS.tcvn3(caps))).toBe(caps);
        expect(decodeTcvn3(ENCODERS.tcvn3(name))).toBe(name);
      }),
    );
  });
});

describe('strings that went through a Latin-1 read (XLSX cells in .VnTime / VNI-Times fonts)', () => {
  it.each([
    ['NguyÔn M¹nh C\u00adêng', 'tcvn3', 'Nguyễn Mạnh Cường'],
    ['§Æng Quèc B¶o', 'tcvn3', 'Đặng Quốc Bảo'],
    ['Lª ThÞ ¸nh NguyÖt', 'tcvn3', 'Lê Thị Ánh Nguyệt'],
    ['Hä vµ tªn', 'tcvn3', 'Họ và tên'],
    ['§¶NG', 'tcvn3', 'ĐẢNG'],
    ['Phaïm Vaên Ñöùc', 'vni', 'Phạm Văn Đức'],
    ['Traàn Thò Thu Haø', 'vni', 'Trần Thị Thu Hà'],
    ['Ngaøy vaøo Ñaûng', 'vni', 'Ngày vào Đảng'],
    ['Giôùi tính', 'vni', 'Giới tính'],
  ] as const)('%s is %s for %s', (seen, from, text) => {
    expect(detectLegacyText(seen)).toBe(from);
    expect(repairLegacyText(seen, from)).toBe(text);
  });

  it.each(['Nguyễn Mạnh Cường', 'Lê Hà', 'Nguyen Van A', 'Café', '', 'Bí thư'])('%s is not legacy text', (s) => {
    expect(detectLegacyText(s)).toBeNull();
  });

  it('repair leaves characters no 8-bit read produces untouched', () => {
    expect(repairLegacyText('NguyÔn – Đảng', 'tcvn3')).toBe('Nguyễn – Đảng');
  });
});
