/**
 * Vietnamese text as a register needs it (STYLE §10): NFC on the way in, people sorted by
 * given name then middle and family name, search that folds diacritics (đ → d) on both sides.
 */

const collator = new Intl.Collator('vi', { sensitivity: 'variant', numeric: true });

export function normalizeText(s: string): string {
  return s.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** Lower case, no diacritics, đ → d: the form both a query and a name are compared in. */
export function foldForSearch(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** "Nguyễn Mạnh Cường" → { family: "Nguyễn", middle: "Mạnh", given: "Cường" }. */
export function splitVietnameseName(fullName: string): { family: string; middle: string; given: string } {
  const parts = normalizeText(fullName).split(' ');
  const given = parts.pop() ?? '';
  const family = parts.shift() ?? '';
  return { family, middle: parts.join(' '), given };
}

/** Register order: given name, then middle name, then family name, by Vietnamese collation. */
export function compareVietnameseNames(a: string, b: string): number {
  const x = splitVietnameseName(a);
  const y = splitVietnameseName(b);
  return (
    collator.compare(x.given, y.given) ||
    collator.compare(x.middle, y.middle) ||
    collator.compare(x.family, y.family) ||
    collator.compare(a, b)
  );
}

export function matchesSearch(haystack: string, query: string): boolean {
  const q = foldForSearch(query);
  return q === '' || foldForSearch(haystack).includes(q);
}
