/**
 * The first rows of a small CSV text as cells (RFC 4180: quoted values, doubled
 * quotes, line breaks inside quotes), for showing a written CSV as a table.
 * Reading deliveries uses the streaming tokenizer (src/ingest/csv_tokenizer.ts).
 */

/** Up to `maxRows` rows of `text`, split on `delimiter` (one character). */
export function readCsvRows(text: string, delimiter: string, maxRows: number): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  let i = 0;
  const endRow = () => {
    row.push(cell);
    rows.push(row);
    row = [];
    cell = "";
  };
  while (i < text.length && rows.length < maxRows) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"', i += 2);
      else if (ch === '"') (quoted = false, i++);
      else (cell += ch, i++);
      continue;
    }
    if (ch === '"' && cell === "") (quoted = true, i++);
    else if (ch === delimiter) (row.push(cell), cell = "", i++);
    else if (ch === "\r" && text[i + 1] === "\n") (endRow(), i += 2);
    else if (ch === "\n") (endRow(), i++);
    else (cell += ch, i++);
  }
  if (rows.length < maxRows && (cell !== "" || row.length > 0)) endRow();
  return rows;
}
