/**
 * Stream a CSV file as rows of cells with the 1-based physical line where each
 * row starts (the header is line 1). Quoted fields may hold commas, quotes and
 * newlines; LF, CRLF (and CR) line endings; blank lines are skipped. Malformed
 * quoting is refused with the line. Memory stays flat: text is tokenized chunk
 * by chunk (csv_tokenizer.ts).
 */

import { type CsvRow, CsvTokenizer } from "./csv_tokenizer.ts";
import { decodeTextStream } from "./decode_text_stream.ts";
import type { IngestFile } from "./ingest_file.ts";

export type { CsvRow } from "./csv_tokenizer.ts";

/** Yield batches of rows (a batch per text chunk) of `file`. */
export async function* readCsvRows(file: IngestFile): AsyncGenerator<CsvRow[]> {
  const tokenizer = new CsvTokenizer(file.name);
  for await (const chunk of decodeTextStream(file.name, await file.open())) {
    const rows = tokenizer.push(chunk);
    if (rows.length) yield rows;
  }
  const rows = tokenizer.end();
  if (rows.length) yield rows;
}
