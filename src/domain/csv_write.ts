/**
 * The one CSV writer of the program (journals, exports).
 *
 * - RFC 4180: a value is wrapped in double quotes when it contains the
 *   delimiter, a double quote, CR or LF (or starts/ends with a space); quotes
 *   inside are doubled. Other values are written bare.
 * - Delimiter and line ending are configurable (`journal.delimiter`,
 *   `journal.line_ending`). Every row, the last included, ends with the line
 *   ending, so a header is always on its own line.
 * - Spreadsheet-formula neutralisation: a text cell starting with `=`, `+`,
 *   `-`, `@`, TAB or CR is prefixed with a single quote (`'=1+2`), so a
 *   spreadsheet shows it as text instead of running it. Numbers are never
 *   altered: JS numbers, and text that is exactly a plain decimal number
 *   (`-12.50`, `0`, `3.5`: what formatMicros prints for money), are written as
 *   they are, so negative amounts stay numbers. A cell like `-1+2` or `-x` is
 *   text and is neutralised.
 */

/** A value of one cell: text, a number, or nothing (written empty). */
export type CsvCell = string | number | null | undefined;

/** Options of the writer. */
export interface CsvOptions {
  /** One character, not a quote, CR or LF (default ","). */
  delimiter?: string;
  /** "lf" (default) or "crlf". */
  lineEnding?: "lf" | "crlf";
  /** Prefix formula-looking text cells with a single quote (default true). */
  neutraliseFormulas?: boolean;
}

const PLAIN_NUMBER_RE = /^-?\d+(?:\.\d+)?$/;
const FORMULA_START_RE = /^[=+\-@\t\r]/;

/** Check a delimiter, throwing a plain Error on a bug-level misuse. */
function checkDelimiter(delimiter: string): string {
  if (
    [...delimiter].length !== 1 || delimiter === '"' || delimiter === "\r" || delimiter === "\n"
  ) {
    throw new Error(`unusable CSV delimiter ${JSON.stringify(delimiter)}`);
  }
  return delimiter;
}

/** True when `delimiter` can be used by the writer (one character, not `"`, CR or LF). */
export function isUsableDelimiter(delimiter: string): boolean {
  try {
    checkDelimiter(delimiter);
    return true;
  } catch {
    return false;
  }
}

/** The line-ending text of an option value. */
export function lineEndingText(lineEnding: "lf" | "crlf" = "lf"): string {
  return lineEnding === "crlf" ? "\r\n" : "\n";
}

/** Text of a cell after formula neutralisation (numbers and plain decimals untouched). */
export function neutraliseFormula(text: string): string {
  if (PLAIN_NUMBER_RE.test(text)) return text;
  return FORMULA_START_RE.test(text) ? `'${text}` : text;
}

/** One cell, neutralised and quoted as needed. */
export function csvCell(value: CsvCell, options: CsvOptions = {}): string {
  if (value === null || value === undefined) return "";
  const delimiter = checkDelimiter(options.delimiter ?? ",");
  let text: string;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
    text = String(value);
  } else {
    text = options.neutraliseFormulas === false ? value : neutraliseFormula(value);
  }
  const needsQuotes = text.includes(delimiter) || text.includes('"') || text.includes("\n") ||
    text.includes("\r") || text.startsWith(" ") || text.endsWith(" ");
  return needsQuotes ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One row without its line ending. */
export function csvRow(cells: readonly CsvCell[], options: CsvOptions = {}): string {
  const delimiter = checkDelimiter(options.delimiter ?? ",");
  return cells.map((c) => csvCell(c, { ...options, delimiter })).join(delimiter);
}

/** Whole CSV text: every row (header first, if given) followed by the line ending. */
export function toCsv(rows: Iterable<readonly CsvCell[]>, options: CsvOptions = {}): string {
  const eol = lineEndingText(options.lineEnding);
  const parts: string[] = [];
  for (const row of rows) parts.push(csvRow(row, options) + eol);
  return parts.join("");
}
