/** A generated sample file: columns, rows and the way its exporter writes CSV. */

/** One row: column -> cell text, null (written as an empty cell) when absent. */
export type Row = Record<string, string | null>;

/** How an exporter writes its CSV. */
export interface CsvStyle {
  /** Start with a UTF-8 byte order mark. */
  bom: boolean;
  /** CRLF line endings instead of LF. */
  crlf: boolean;
  /** Quote every field, not only those that need it. */
  quoteAll: boolean;
}

/** A sample FOCUS file. */
export interface SampleFile {
  name: string;
  source: string;
  period: string;
  focusVersion: string;
  columns: string[];
  rows: Row[];
  style: CsvStyle;
}

/** The first day of `period` and of the month after it ("2026-09" -> 2026-09-01, 2026-10-01). */
export function monthBounds(period: string): { start: string; end: string } {
  const [y, m] = period.split("-").map(Number);
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
  return { start: `${period}-01`, end: `${next}-01` };
}

function quote(cell: string, all: boolean): string {
  if (all || /[",\r\n]/.test(cell) || cell !== cell.trim()) {
    return `"${cell.replaceAll('"', '""')}"`;
  }
  return cell;
}

/** The bytes of `file` as its exporter would write them. */
export function renderCsv(file: SampleFile): string {
  const nl = file.style.crlf ? "\r\n" : "\n";
  const lines = [file.columns.map((c) => quote(c, file.style.quoteAll)).join(",")];
  for (const row of file.rows) {
    for (const k of Object.keys(row)) {
      if (!file.columns.includes(k)) throw new Error(`${file.name}: unknown column ${k}`);
    }
    lines.push(file.columns.map((c) => quote(row[c] ?? "", file.style.quoteAll)).join(","));
  }
  return (file.style.bom ? "\uFEFF" : "") + lines.join(nl) + nl;
}
