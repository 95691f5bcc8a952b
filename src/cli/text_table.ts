/** CLI kit: plain-text tables for the commands' human output (fixed-width columns). */

/** A column: its header and whether values align right (numbers, money). */
export interface TextColumn {
  header: string;
  right?: boolean;
  /** Longest width; longer values are cut with "…". */
  max?: number;
}

/** Render rows under headers, two spaces between columns, no trailing spaces. */
export function formatTextTable(columns: TextColumn[], rows: string[][]): string {
  const cells = rows.map((r) => r.map((v, i) => clip(v, columns[i]?.max)));
  const widths = columns.map((c, i) =>
    Math.max(c.header.length, ...cells.map((r) => (r[i] ?? "").length))
  );
  const line = (values: string[]) =>
    values.map((v, i) => columns[i].right ? v.padStart(widths[i]) : v.padEnd(widths[i]))
      .join("  ").trimEnd();
  return [line(columns.map((c) => c.header)), ...cells.map(line)].join("\n");
}

function clip(value: string, max?: number): string {
  if (!max || value.length <= max) return value;
  return value.slice(0, max - 1) + "…";
}
