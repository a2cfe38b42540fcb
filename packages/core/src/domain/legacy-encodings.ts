/**
 * Vietnamese text in the encodings old Party-office files were written in, turned into Unicode
 * NFC on the way in (STYLE §10): UTF-8 (with or without BOM, NFC or NFD), Windows-1258, and the
 * two font encodings of the 1990s–2000s that predate Unicode (TCVN 6909:2001):
 *
 * - TCVN3 ("ABC", TCVN 5712:1993 VN3; fonts ".VnTime" …): one byte per letter, lower-case toned
 *   vowels and ă â ê ô ơ ư đ / Ă Â Ê Ô Ơ Ư Đ in 0xA1–0xFE. It has NO codes for capitals with a
 *   tone: "Á" was typed as the code of "á" in a ".VnTimeH" font, which draws every letter upper-case.
 *   The bytes alone cannot say which font was used; see restoreTcvn3Case for how we guess.
 * - VNI-Windows (fonts "VNI-Times" …): a base letter followed by a mark byte from the Latin-1 range
 *   (tone, circumflex, breve, or circumflex/breve+tone in one byte); ơ ư đ and the toned i and ỵ
 *   are single bytes. Capitals use the mark byte minus 0x20 ("AÙ" = Á).
 *
 * Tables: Unikey/VnConv (fcitx/fcitx5-unikey unikey/data.cpp, SingleByteTables TCVN3 and
 * DoubleByteTables VNI-WIN), cross-checked letter by letter against duydev/vietnamese-conversion
 * src/charsets.ts by test/fixtures/encodings/generate.py. Bytes with no Vietnamese meaning in a font
 * encoding decode as Windows-1252 (as the fonts drew them).
 */

// core is compiled without DOM or Node typings; TextDecoder is a standard global in every runtime
// we target (Node ≥ 20 with full ICU, browsers), so we declare only what we use.
declare const TextDecoder: new (
  label?: string,
  options?: { fatal?: boolean; ignoreBOM?: boolean },
) => { decode(input?: Uint8Array): string };

export type TextEncodingName = 'utf-8' | 'windows-1258' | 'tcvn3' | 'vni';

/** sắc, huyền, hỏi, ngã, nặng — the order Unikey and VNI typing use (1–5). */
const TONE_MARKS = ['\u0301', '\u0300', '\u0309', '\u0303', '\u0323'] as const;
const TONE_RE = /[\u0300\u0301\u0303\u0309\u0323]/g;
const CIRCUMFLEX = '\u0302';
const BREVE = '\u0306';

function toned(base: string, tone: number): string {
  return (base + (TONE_MARKS[tone] ?? '')).normalize('NFC');
}

/** Byte → character of Windows-1252, the fallback for bytes a font encoding leaves alone. */
const CP1252 = new TextDecoder('windows-1252').decode(Uint8Array.from({ length: 256 }, (_, i) => i));
const CP1252_UNIT = new Map<string, number>([...CP1252].map((ch, i) => [ch, i]));

// ---------------------------------------------------------------------------------------- TCVN3

/** TCVN3 codes of each vowel with tone sắc, huyền, hỏi, ngã, nặng (Unikey data.cpp). */
const TCVN3_TONED: Record<string, readonly number[]> = {
  a: [0xb8, 0xb5, 0xb6, 0xb7, 0xb9],
  ă: [0xbe, 0xbb, 0xbc, 0xbd, 0xc6],
  â: [0xca, 0xc7, 0xc8, 0xc9, 0xcb],
  e: [0xd0, 0xcc, 0xce, 0xcf, 0xd1],
  ê: [0xd5, 0xd2, 0xd3, 0xd4, 0xd6],
  i: [0xdd, 0xd7, 0xd8, 0xdc, 0xde],
  o: [0xe3, 0xdf, 0xe1, 0xe2, 0xe4],
  ô: [0xe8, 0xe5, 0xe6, 0xe7, 0xe9],
  ơ: [0xed, 0xea, 0xeb, 0xec, 0xee],
  u: [0xf3, 0xef, 0xf1, 0xf2, 0xf4],
  ư: [0xf8, 0xf5, 0xf6, 0xf7, 0xf9],
  y: [0xfd, 0xfa, 0xfb, 0xfc, 0xfe],
};
/** 0xA1–0xA7 capitals and 0xA8–0xAE lower case: Ă Â Ê Ô Ơ Ư Đ / ă â ê ô ơ ư đ. */
const TCVN3_PLAIN = 'ĂÂÊÔƠƯĐăâêôơưđ';

const TCVN3: readonly string[] = (() => {
  const table = [...CP1252];
  for (const [base, codes] of Object.entries(TCVN3_TONED)) {
    for (const [tone, code] of codes.entries()) table[code] = toned(base, tone);
  }
  for (const [i, ch] of [...TCVN3_PLAIN].entries()) table[0xa1 + i] = ch;
  return table;
})();

function isCaseAmbiguous(ch: string): boolean {
  return ch !== ch.toUpperCase() && ch.normalize('NFD').search(TONE_RE) >= 0;
}

/**
 * TCVN3 decodes every toned vowel as lower case; put capitals back where the text around them
 * shows it was typed in a ".VnTimeH" font or is a name. Runs are words joined by spaces (a CSV
 * cell, a name); commas, digits, line breaks end them.
 * - No lower-case letter other than the ambiguous ones, and at least two capitals: the run is
 *   ALL CAPS ("DANH S¸CH §¶NG VI£N" → "DANH SÁCH ĐẢNG VIÊN"). A lone "Hµ" stays "Hà".
 * - At least three words, each Capitalised or starting with an ambiguous letter, at least two
 *   Capitalised: a name ("Lª ThÞ ¸nh NguyÖt" → "Lê Thị Ánh Nguyệt"). "§¶ng ñy" stays "Đảng ủy".
 * Two-word names starting a word with a toned vowel ("Ng« ¸nh") stay lower-case: a known limit.
 */
function restoreTcvn3Case(text: string): string {
  return text.replace(/[\p{L}\p{M}]+(?: +[\p{L}\p{M}]+)*/gu, (run) => {
    const letters = [...run.replace(/ +/g, '')];
    if (!letters.some(isCaseAmbiguous)) return run;
    const capitals = letters.filter((ch) => !isCaseAmbiguous(ch) && ch !== ch.toLowerCase()).length;
    const lower = letters.filter((ch) => !isCaseAmbiguous(ch) && ch !== ch.toUpperCase()).length;
    if (lower === 0 && capitals >= 2) return run.toUpperCase();
    const words = run.split(/ +/);
    const capitalised = words.filter((w) => w[0] !== w[0]?.toLowerCase()).length;
    const titled = words.every((w) => {
      const [first = '', ...rest] = [...w];
      return (first !== first.toLowerCase() || isCaseAmbiguous(first)) && rest.every((ch) => ch === ch.toLowerCase());
    });
    if (words.length < 3 || capitalised < 2 || !titled) return run;
    return run.replace(/[\p{L}\p{M}]+/gu, (w) => (isCaseAmbiguous(w[0] ?? '') ? w[0]!.toUpperCase() + w.slice(1) : w));
  });
}

/** Code units ≤ 0xFF are TCVN3 bytes; larger ones pass through (repairLegacyText's real Unicode). */
function decodeTcvn3Units(units: ArrayLike<number>): string {
  let out = '';
  for (let i = 0; i < units.length; i++) {
    const u = units[i]!;
    out += u <= 0xff ? TCVN3[u]! : String.fromCharCode(u);
  }
  return restoreTcvn3Case(out.normalize('NFC'));
}

// ------------------------------------------------------------------------------------------ VNI

/** Lower-case mark bytes → [modifier, tone index or -1]; capitals use the byte minus 0x20. */
const VNI_MARKS = new Map<number, readonly [modifier: string, tone: number]>([
  [0xf9, ['', 0]], [0xf8, ['', 1]], [0xfb, ['', 2]], [0xf5, ['', 3]], [0xef, ['', 4]],
  [0xe2, [CIRCUMFLEX, -1]], [0xe1, [CIRCUMFLEX, 0]], [0xe0, [CIRCUMFLEX, 1]], [0xe5, [CIRCUMFLEX, 2]], [0xe3, [CIRCUMFLEX, 3]], [0xe4, [CIRCUMFLEX, 4]],
  [0xea, [BREVE, -1]], [0xe9, [BREVE, 0]], [0xe8, [BREVE, 1]], [0xfa, [BREVE, 2]], [0xfc, [BREVE, 3]], [0xeb, [BREVE, 4]],
]);
/** Single-byte letters, lower-case code (capital = code − 0x20). */
const VNI_LETTERS = new Map<number, string>([
  [0xf1, 'đ'], [0xf4, 'ơ'], [0xf6, 'ư'], [0xed, 'í'], [0xec, 'ì'], [0xe6, 'ỉ'], [0xf3, 'ĩ'], [0xf2, 'ị'], [0xee, 'ỵ'],
]);
const VNI_BASES = 'aeiouyơư';

function vniLetter(u: number): string | undefined {
  const lower = VNI_LETTERS.get(u | 0x20);
  return u >= 0xc0 && u <= 0xff && lower !== undefined ? (u < 0xe0 ? lower.toUpperCase() : lower) : undefined;
}

function vniMark(u: number | undefined): readonly [string, number] | undefined {
  return u !== undefined && u >= 0xc0 && u <= 0xff ? VNI_MARKS.get(u | 0x20) : undefined;
}

/**
 * A mark byte is applied only where VNI could have put it: after a vowel, at most one modifier
 * (circumflex on a e o, breve on a; ơ ư already have their horn) and one tone. Anywhere else the
 * byte is the Latin-1 letter it looks like, so "Café" survives and junk does not turn into tones.
 */
function decodeVniUnits(units: ArrayLike<number>): string {
  let out = '';
  for (let i = 0; i < units.length; i++) {
    const u = units[i]!;
    let ch = u > 0xff ? String.fromCharCode(u) : (vniLetter(u) ?? CP1252[u]!);
    const base = ch.toLowerCase();
    if (ch.length === 1 && VNI_BASES.includes(base)) {
      let hasModifier = base === 'ơ' || base === 'ư';
      let hasTone = false;
      for (let mark = vniMark(units[i + 1]); mark; mark = vniMark(units[i + 1])) {
        const [modifier, tone] = mark;
        if (modifier && (hasModifier || hasTone || !(modifier === BREVE ? 'a' : 'aeo').includes(base))) break;
        if (tone >= 0 && hasTone) break;
        ch += modifier + (TONE_MARKS[tone] ?? '');
        hasModifier ||= modifier !== '';
        hasTone ||= tone >= 0;
        i++;
      }
    }
    out += ch;
  }
  return out.normalize('NFC');
}

// ------------------------------------------------------------------------------------- decoders

export function decodeTcvn3(bytes: Uint8Array): string {
  return decodeTcvn3Units(bytes);
}

export function decodeVni(bytes: Uint8Array): string {
  return decodeVniUnits(bytes);
}

/** Windows writes the five tones as combining marks (0xCC, 0xEC, 0xD2, 0xDE, 0xF2): compose them. */
export function decodeWindows1258(bytes: Uint8Array): string {
  return new TextDecoder('windows-1258').decode(bytes).normalize('NFC');
}

/** Strips a UTF-8 BOM; NFC. Throws if the bytes are not valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).normalize('NFC');
  } catch (cause) {
    throw new TypeError('Tệp không phải văn bản UTF-8 hợp lệ.', { cause });
  }
}

function decodeUtf8Lossy(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes).normalize('NFC');
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

const DECODERS: Record<TextEncodingName, (bytes: Uint8Array) => string> = {
  'utf-8': decodeUtf8,
  'windows-1258': decodeWindows1258,
  tcvn3: decodeTcvn3,
  vni: decodeVni,
};

// ------------------------------------------------------------------------------------ detection

const VOWEL_BASES = [...'aăâeêioôơuưy'];
const LETTERS = new Set([...'bcdđghklmnpqrstvxfjwz', ...VOWEL_BASES.flatMap((b) => [-1, 0, 1, 2, 3, 4].map((t) => toned(b, t)))]);
/** Onset, vowel nucleus (with its closing glide), final consonant of a toneless syllable. */
const SYLLABLE = new RegExp(
  '^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvxfjwz])?' +
    '(?:iêu|yêu|oai|oay|oao|oeo|uây|uôi|ươi|ươu|uya|uyê|uyu|ai|ao|au|ay|âu|ây|eo|êu|ia|iê|iu|oa|oă|oe|oi|ôi|ơi|oo' +
    '|ua|uâ|uê|ui|uô|uơ|uy|ưa|ưi|ưu|ươ|yê|a|ă|â|e|ê|i|o|ô|ơ|u|ư|y)(?:ch|ng|nh|[cmnpt])?$',
);
/** Frequent in member lists; only a tie-breaker between candidates that all look plausible. */
const COMMON = new Set(
  'nguyễn trần lê phạm hoàng huỳnh võ đặng bùi đỗ hồ ngô dương lý thị văn đức đảng ngày tháng năm họ tên giới tính chức vụ bí thư bộ viên nữ hà quốc'.split(' '),
);

/** A token is plausible Vietnamese if it is one syllable (≤ 1 tone), or an all-caps abbreviation. */
function isVietnameseWord(token: string): boolean {
  const lower = token.toLowerCase();
  const upper = token.toUpperCase();
  if (token !== lower && token !== upper && token !== upper.charAt(0) + lower.slice(1)) return false;
  if (![...lower].every((ch) => LETTERS.has(ch))) return false;
  const nfd = lower.normalize('NFD');
  const tones = nfd.match(TONE_RE)?.length ?? 0;
  if (tones > 1) return false;
  return SYLLABLE.test(nfd.replace(TONE_RE, '').normalize('NFC')) || (token === upper && tones === 0);
}

/**
 * How Vietnamese a decoding looks: the share of its non-ASCII tokens that are plausible syllables
 * (ASCII tokens read the same in every candidate, so they carry no evidence). A wrong code page
 * shows as symbols inside words ("B¸o"), letters outside the alphabet ("Ñaëng"), two tones or an
 * impossible vowel cluster ("Nguyeăn", "Nguyờịn"), or case flipping mid-word ("NguyÔn").
 */
function scoreText(text: string): { score: number; words: number } {
  let words = 0;
  let valid = 0;
  let common = 0;
  for (const raw of text.split(/[^A-Za-z\u0080-\uffff]+|\u00a0/)) {
    const token = raw.replace(/^[“”‘’–—…•]+|[“”‘’–—…•]+$/g, '');
    if (![...token].some((ch) => ch > '\u007f')) continue;
    words++;
    if (isVietnameseWord(token)) valid++;
    if (COMMON.has(token.toLowerCase())) common++;
  }
  return { score: words === 0 ? 0 : (valid + 0.01 * common) / words, words };
}

/**
 * Guess the encoding of a text file's bytes. Returns the name and a confidence 0..1.
 * BOM or pure ASCII → UTF-8, certain. Valid UTF-8 with multi-byte sequences → UTF-8: legacy 8-bit
 * text of any length practically never forms valid sequences by chance. Otherwise decode the bytes
 * every way (UTF-8 lossily, for a UTF-8 file with a few broken bytes) and keep the most Vietnamese
 * looking (scoreText); ties go to TCVN3, then VNI, the common encodings of old office files.
 * Confidence grows with the winner's score, its lead over the runner-up and the number of words.
 */
export function detectEncoding(bytes: Uint8Array): { encoding: TextEncodingName; confidence: number } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', confidence: 1 };
  if (bytes.every((b) => b < 0x80)) return { encoding: 'utf-8', confidence: 1 };
  if (isValidUtf8(bytes)) return { encoding: 'utf-8', confidence: 0.99 };
  const ranked = (['tcvn3', 'vni', 'windows-1258', 'utf-8'] as const)
    .map((encoding) => ({ encoding, ...scoreText(encoding === 'utf-8' ? decodeUtf8Lossy(bytes) : DECODERS[encoding](bytes)) }))
    .sort((a, b) => b.score - a.score);
  const [best, second] = ranked;
  if (!best || best.words === 0) return { encoding: 'windows-1258', confidence: 0.3 };
  const lead = Math.min(1, 0.5 + best.score - (second?.score ?? 0));
  const confidence = best.score * lead * (best.words / (best.words + 1));
  return { encoding: best.encoding, confidence: Math.round(confidence * 100) / 100 };
}

/** detect + decode → NFC text, and which encoding was used. */
export function decodeVietnameseText(bytes: Uint8Array, forced?: TextEncodingName): { text: string; encoding: TextEncodingName } {
  const encoding = forced ?? detectEncoding(bytes).encoding;
  // Detected (not forced) UTF-8 may hold a few broken bytes: keep the rest rather than fail.
  const text = encoding === 'utf-8' && !forced ? decodeUtf8Lossy(bytes) : DECODERS[encoding](bytes);
  return { text, encoding };
}

// ------------------------------------------------------------------------- mis-decoded strings

/** The byte a Latin-1 or Windows-1252 read turned into this character, if any. */
function legacyUnit(ch: string): number | undefined {
  const code = ch.codePointAt(0) ?? 0;
  return code <= 0xff ? code : CP1252_UNIT.get(ch);
}

/** Characters back to those bytes; any other character passes through as its UTF-16 units. */
function toUnits(s: string): number[] {
  return [...s].flatMap((ch) => legacyUnit(ch) ?? Array.from({ length: ch.length }, (_, k) => ch.charCodeAt(k)));
}

/**
 * Text that was decoded with the wrong 8-bit code page (e.g. TCVN3 bytes read as Windows-1252, so
 * "NguyÔn" shows): convert it back. Useful for XLSX cells typed in .VnTime fonts, whose strings
 * come out of the file as Latin-1 lookalikes.
 */
export function repairLegacyText(s: string, from: 'tcvn3' | 'vni'): string {
  return from === 'tcvn3' ? decodeTcvn3Units(toUnits(s)) : decodeVniUnits(toUnits(s));
}

/**
 * Does this string look like mis-decoded TCVN3 or VNI text (returns which), or like real
 * Vietnamese/ASCII (null)? Real Unicode Vietnamese almost always has a letter beyond U+00FF
 * (ă đ ơ ư ạ …), which no Latin-1 lookalike has; otherwise the repair must look clearly more
 * Vietnamese than the string as it is ("Lê Hà" reads fine as is and stays null).
 */
export function detectLegacyText(s: string): 'tcvn3' | 'vni' | null {
  const units = [...s].map(legacyUnit);
  if (units.includes(undefined) || !units.some((u) => u !== undefined && u >= 0x80)) return null;
  const asIs = scoreText(s.normalize('NFC')).score;
  let best: { from: 'tcvn3' | 'vni'; score: number } | null = null;
  for (const from of ['tcvn3', 'vni'] as const) {
    const { score } = scoreText(repairLegacyText(s, from));
    if (score > asIs && score > (best?.score ?? 0)) best = { from, score };
  }
  return best?.from ?? null;
}

export type LegacyEncoding = 'tcvn3' | 'vni';

/**
 * How Vietnamese a string reads as it is and repaired from each legacy encoding (0..1, see
 * scoreText), or null when it cannot be a Latin-1 lookalike: pure ASCII (no evidence either
 * way) or holding a character no 8-bit read produces (real Unicode: ă đ ơ ư ạ …).
 */
export function legacyReadings(s: string): { asIs: number; tcvn3: number; vni: number } | null {
  const units = [...s].map(legacyUnit);
  if (units.includes(undefined) || !units.some((u) => u !== undefined && u >= 0x80)) return null;
  return { asIs: scoreText(s.normalize('NFC')).score, tcvn3: scoreText(repairLegacyText(s, 'tcvn3')).score, vni: scoreText(repairLegacyText(s, 'vni')).score };
}

const LATIN1_SUPPLEMENT = /[\u0080-\u00ff]/;

/**
 * Does text that came out of the reader still look like legacy-font text — part of it, say,
 * where a cell mixes Unicode with .VnTime letters ("NguyÔn Văn")? Returns the reading that
 * would look Vietnamese, for the user to confirm; null when the text reads well as it is.
 */
export function looksLikeLegacyText(s: string): { from: LegacyEncoding; suggestion: string } | null {
  if (!LATIN1_SUPPLEMENT.test(s)) return null;
  const asIs = scoreText(s.normalize('NFC')).score;
  if (asIs >= 1) return null;
  let best: { from: LegacyEncoding; suggestion: string; score: number } | null = null;
  for (const from of ['tcvn3', 'vni'] as const) {
    // Word by word: only the words that read badly as they are and well repaired change.
    const suggestion = s.replace(/[^\s,;/()]+/g, (word) => {
      if (!LATIN1_SUPPLEMENT.test(word) || scoreText(word).score >= 1) return word;
      const repaired = repairLegacyText(word, from);
      return scoreText(repaired).score >= 1 ? repaired : word;
    });
    const { score } = scoreText(suggestion);
    if (score > asIs && score > (best?.score ?? 0)) best = { from, suggestion, score };
  }
  return best && { from: best.from, suggestion: best.suggestion };
}
