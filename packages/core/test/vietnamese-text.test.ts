import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareVietnameseNames, foldForSearch, matchesSearch, normalizeText, splitVietnameseName } from '../src/index.ts';

describe('foldForSearch', () => {
  it.each([
    ['Nguyễn Mạnh Cường', 'nguyen manh cuong'],
    ['Đặng Quốc Bảo', 'dang quoc bao'],
    ['ĐINH THỊ NGỌC ÁNH', 'dinh thi ngoc anh'],
    ['  Lê   Minh Tuấn ', 'le minh tuan'],
    ['Nguyễn Mạnh Cường'.normalize('NFD'), 'nguyen manh cuong'],
  ])('%s → %s', (input, folded) => {
    expect(foldForSearch(input)).toBe(folded);
  });

  it('finds the same person whether typed with or without diacritics', () => {
    for (const q of ['nguyen manh cuong', 'Nguyen Manh Cuong', 'Nguyễn Mạnh Cường', 'manh cuong']) {
      expect(matchesSearch('Nguyễn Mạnh Cường', q)).toBe(true);
    }
    for (const q of ['đặng', 'dang', 'Dang Quoc', 'ĐẶNG QUỐC BẢO']) expect(matchesSearch('Đặng Quốc Bảo', q)).toBe(true);
    expect(matchesSearch('Nguyễn Mạnh Cường', 'tuan')).toBe(false);
  });

  it('is idempotent and NFC/NFD-blind (property)', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const f = foldForSearch(s);
        expect(foldForSearch(f)).toBe(f);
        expect(foldForSearch(s.normalize('NFD'))).toBe(foldForSearch(s.normalize('NFC')));
      }),
    );
  });
});

describe('register order', () => {
  it('splits family, middle and given names', () => {
    expect(splitVietnameseName('Đinh Thị Ngọc Ánh')).toEqual({ family: 'Đinh', middle: 'Thị Ngọc', given: 'Ánh' });
    expect(splitVietnameseName('Lan')).toEqual({ family: '', middle: '', given: 'Lan' });
  });

  it('sorts by given name first, with Vietnamese letter order (a < ă < â, d < đ)', () => {
    const names = ['Trần Văn Đức', 'Nguyễn Thị Ánh', 'Lê Văn Dũng', 'Phạm Thị Ân', 'Vũ Văn An', 'Hoàng Văn Bảo', 'Bùi Thị Ăn'];
    const sorted = [...names].sort(compareVietnameseNames);
    expect(sorted).toEqual(['Vũ Văn An', 'Nguyễn Thị Ánh', 'Bùi Thị Ăn', 'Phạm Thị Ân', 'Hoàng Văn Bảo', 'Lê Văn Dũng', 'Trần Văn Đức']);
  });

  it('names that differ only in diacritics keep a stable, distinct order', () => {
    expect(compareVietnameseNames('Nguyễn Thị Lan', 'Nguyễn Thị Lân')).toBeLessThan(0);
    expect(compareVietnameseNames('Nguyễn Thị Lân', 'Nguyễn Thị Lan')).toBeGreaterThan(0);
  });

  it('normalizes to NFC', () => {
    expect(normalizeText('Cường'.normalize('NFD'))).toBe('Cường'.normalize('NFC'));
  });
});
