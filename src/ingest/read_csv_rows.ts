/**
 * Stream a CSV file as rows of cells with the 1-based physical line where each
 * row starts (the header is line 1). Quoted fields may hold commas, quotes and
 * newlines; LF, CRLF (and CR) line endings; blank lines are skipped. Malformed
 * quoting is refused with the line. Memory stays flat: text is parsed chunk by
 * chunk with papaparse's low-level parser.
 */

import Papa from "papaparse";
import { UserError } from "../domain/errors.ts";
import { countNewlines, decodeTextStream } from "./decode_text_stream.ts";
import type { IngestFile } from "./ingest_file.ts";

/** One CSV record. */
export interface CsvRow {
  /** Physical line where the record starts (header = 1). */
  line: number;
  cells: string[];
}

interface LowLevelParser {
  parse(input: string, baseIndex: number, ignoreLastRow: boolean): {
    meta: { cursor: number };
  };
}
type ParserCtor = new (config: Record<string, unknown>) => LowLevelParser;

interface StepResult {
  data: string[][];
  errors: { type: string; code: string; message: string }[];
  meta: { cursor: number };
}

/** Yield batches of rows (a batch per text chunk) of `file`. */
export async function* readCsvRows(file: IngestFile): AsyncGenerator<CsvRow[]> {
  const Parser = (Papa as unknown as { Parser: ParserCtor }).Parser;
  let carry = "";
  let carryLine = 1; // physical line where `carry` starts
  let newline: string | null = null;
  for await (const chunk of decodeTextStream(file.name, await file.open())) {
    const input = carry + chunk;
    if (newline === null) {
      newline = detectNewline(input);
      if (newline === null && input.length < 1 << 20) {
        carry = input; // no line end yet: wait for more text
        continue;
      }
      newline ??= "\n";
    }
    const { rows, consumed, endLine } = parseBlock(
      Parser,
      file.name,
      input,
      carryLine,
      newline,
      true,
    );
    carry = input.slice(consumed);
    carryLine = endLine;
    if (rows.length) yield rows;
  }
  if (carry.length > 0) {
    const { rows } = parseBlock(
      Parser,
      file.name,
      carry,
      carryLine,
      newline ?? detectNewline(carry) ?? "\n",
      false,
    );
    if (rows.length) yield rows;
  }
}

function parseBlock(
  Parser: ParserCtor,
  fileName: string,
  input: string,
  startLine: number,
  newline: string,
  ignoreLastRow: boolean,
): { rows: CsvRow[]; consumed: number; endLine: number } {
  const rows: CsvRow[] = [];
  let prev = 0;
  let line = startLine;
  const parser = new Parser({
    delimiter: ",",
    newline,
    step: (res: StepResult) => {
      const end = res.meta.cursor;
      const rowLine = line;
      if (res.errors.length > 0) {
        const err = res.errors[0];
        throw new UserError(describeCsvError(err.code), {
          location: { file: fileName, line: rowLine },
          hint:
            "Fix the quoting of this row (a field that contains commas, quotes or line breaks must be quoted, with inner quotes doubled).",
        });
      }
      line += countNewlines(input, prev, end);
      prev = end;
      const cells = res.data[0];
      if (cells.length === 1 && cells[0] === "") return; // blank line
      rows.push({ line: rowLine, cells });
    },
  });
  const result = parser.parse(input, 0, ignoreLastRow);
  return { rows, consumed: result.meta.cursor, endLine: line };
}

function describeCsvError(code: string): string {
  switch (code) {
    case "MissingQuotes":
      return "unterminated quoted field: the file ends inside quotes (not a complete CSV file).";
    case "InvalidQuotes":
      return "malformed quotes: a quoted field is followed by text before the next comma.";
    default:
      return `the CSV is malformed (${code}).`;
  }
}

function detectNewline(text: string): string | null {
  const lf = text.indexOf("\n");
  const cr = text.indexOf("\r");
  if (lf === -1 && cr === -1) return null;
  if (lf === -1) return "\r";
  if (cr !== -1 && cr === lf - 1) return "\r\n";
  if (cr !== -1 && cr < lf) return "\r";
  return "\n";
}
