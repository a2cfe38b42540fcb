/**
 * A spreadsheet typed in legacy fonts (.VnTime for TCVN3, VNI-Times for VNI) reaches us as
 * Latin-1 lookalikes: "Lª V¨n" for "Lê Văn". One cell alone cannot always tell: TCVN3 "Tó"
 * (Tú), "Vò" (Vũ) and VNI "Thô" (Thơ), "Sôn" (Sơn) read as Vietnamese both ways. Issue 9
 * point 7: such cells stayed garbled while the rest of the sheet was converted. So the
 * encoding is decided per column from all of its cells, and per sheet for a column whose own
 * cells cannot decide; a cell the user should confirm is flagged.
 *
 * Per cell: its own clear evidence wins (a sheet may mix fonts cell by cell); a cell that reads
 * as well both ways follows its column, or the sheet. Flagged: cells decided by the sheet only,
 * and cells that still look like legacy text afterwards (a Unicode cell with legacy letters
 * inside, "NguyÔn Văn").
 */
import { legacyReadings, looksLikeLegacyText, repairLegacyText, type LegacyEncoding } from './legacy-encodings.ts';

type Reading = LegacyEncoding | 'unicode';

const FONT: Record<LegacyEncoding, string> = { tcvn3: 'TCVN3 (.VnTime)', vni: 'VNI' };

export interface LegacyFlag {
  /** 0-based indexes into the rows given. */
  row: number;
  col: number;
  message: string;
}

export interface LegacySheet<T> {
  rows: (T | string)[][];
  /** The reading each column's undecided cells followed: a legacy encoding or Unicode as it is. */
  columns: Reading[];
  flags: LegacyFlag[];
}

interface Votes {
  unicode: number;
  tcvn3: number;
  vni: number;
}

interface Evidence {
  /** The reading that scores best; 'tie' when Unicode and the better font score the same. */
  vote: Reading | 'tie';
  scores: Record<Reading, number>;
}

/** A cell's own evidence, or null when it has none (ASCII, or no reading looks Vietnamese). */
function evidenceOf(s: string): Evidence | null {
  if (!/[\u0080-\uffff]/.test(s)) return null;
  const r = legacyReadings(s);
  // A character beyond what an 8-bit read gives: this cell was typed in Unicode.
  if (!r) return { vote: 'unicode', scores: { unicode: 1, tcvn3: 0, vni: 0 } };
  const scores = { unicode: r.asIs, tcvn3: r.tcvn3, vni: r.vni };
  // Ties between the two fonts go to TCVN3, the commoner in office files.
  const font: LegacyEncoding = r.tcvn3 >= r.vni ? 'tcvn3' : 'vni';
  if (scores[font] > r.asIs) return { vote: font, scores };
  if (r.asIs > scores[font]) return { vote: 'unicode', scores };
  return r.asIs === 0 ? null : { vote: 'tie', scores };
}

/** The reading with strictly the most votes, or null when Unicode and the best font are level. */
function decide(v: Votes): Reading | null {
  const font: LegacyEncoding = v.tcvn3 >= v.vni ? 'tcvn3' : 'vni';
  if (v[font] > v.unicode) return font;
  if (v.unicode > v[font]) return 'unicode';
  return null;
}

export function repairLegacySheet<T>(rows: readonly (readonly (T | string)[])[]): LegacySheet<T> {
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  const evidence = rows.map((r) => Array.from(r, (c) => (typeof c === 'string' ? evidenceOf(c) : null)));
  const columnVotes: Votes[] = Array.from({ length: width }, () => ({ unicode: 0, tcvn3: 0, vni: 0 }));
  const sheetVotes: Votes = { unicode: 0, tcvn3: 0, vni: 0 };
  for (const r of evidence) {
    for (const [col, e] of r.entries()) {
      if (!e || e.vote === 'tie') continue;
      const votes = columnVotes[col];
      if (votes) votes[e.vote]++;
      sheetVotes[e.vote]++;
    }
  }
  const sheet = decide(sheetVotes) ?? 'unicode';
  const own = columnVotes.map(decide);
  const columns = own.map((d) => d ?? sheet);

  const flags: LegacyFlag[] = [];
  const out = rows.map((r, row) =>
    Array.from(r, (cell, col): T | string => {
      if (typeof cell !== 'string') return cell;
      const e = evidence[row]?.[col];
      let text = cell;
      if (e && e.vote !== 'unicode') {
        const reading = e.vote === 'tie' ? columns[col] : e.vote;
        // A tie follows its column's font if that reading is as good as the cell as it is.
        if (reading && reading !== 'unicode' && e.scores[reading] >= e.scores.unicode) {
          text = repairLegacyText(cell, reading);
          // Neither the cell nor its column could tell; the rest of the sheet did.
          if (e.vote === 'tie' && own[col] === null) {
            flags.push({ row, col, message: `"${cell}" đọc được hai cách; đã đọc theo phông ${FONT[reading]} như phần còn lại của bảng: "${text}". Kiểm tra lại.` });
          }
        }
      } else {
        const still = looksLikeLegacyText(cell);
        if (still) flags.push({ row, col, message: `Ô "${cell}" có thể còn chữ gõ bằng phông cũ ${FONT[still.from]}: có phải "${still.suggestion}"? Sửa ô nếu cần.` });
      }
      return text;
    }),
  );
  return { rows: out, columns, flags };
}
