import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvError, detectDelimiter, parseCsv, type CsvDelimiter } from '../src/index.ts';

describe('parseCsv', () => {
  it.each<[string, string[][]]>([
    ['a,b,c\n1,2,3\n', [['a', 'b', 'c'], ['1', '2', '3']]],
    ['a,b\r\n1,2', [['a', 'b'], ['1', '2']]],
    ['"Nguyễn, Văn A",1\n', [['Nguyễn, Văn A', '1']]],
    ['"nói ""có""",x\n', [['nói "có"', 'x']]],
    ['"dòng 1\ndòng 2",x\n', [['dòng 1\ndòng 2', 'x']]],
    ['a,,c\n', [['a', '', 'c']]],
    ['\uFEFFHọ và tên,Ngày sinh\n', [['Họ và tên', 'Ngày sinh']]],
    ['', []],
  ])('%j', (text, rows) => {
    expect(parseCsv(text, ',')).toEqual(rows);
  });

  it('detects the delimiter Vietnamese Excel uses', () => {
    expect(detectDelimiter('Họ và tên;Ngày sinh;Giới tính\nA;01/01/1990;Nam')).toBe(';');
    expect(detectDelimiter('"Họ, tên",Ngày sinh,Giới tính')).toBe(',');
    expect(detectDelimiter('Họ và tên\tNgày sinh')).toBe('\t');
    expect(parseCsv('Họ và tên;Ngày sinh\nLê Văn Tám;09/01/1990\n')).toEqual([['Họ và tên', 'Ngày sinh'], ['Lê Văn Tám', '09/01/1990']]);
  });

  it('names the line of a quote left open', () => {
    expect(() => parseCsv('a,b\n1,"chưa đóng\n2,3\n', ',')).toThrow(CsvError);
    try {
      parseCsv('a,b\n1,"chưa đóng\n2,3\n', ',');
    } catch (e) {
      expect((e as CsvError).line).toBe(2);
      expect((e as CsvError).message).toContain('dòng 2');
    }
  });

  it('round-trips any table written the RFC 4180 way (property)', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'Đ', 'ữ', ',', ';', '"', '\n', ' ', '1') });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 }), fc.constantFrom<CsvDelimiter>(',', ';', '\t'), (table, d) => {
        const text = table.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(d)).join('\r\n') + '\r\n';
        expect(parseCsv(text, d)).toEqual(table);
      }),
    );
  });
});
