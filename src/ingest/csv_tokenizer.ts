/**
 * A push-based CSV tokenizer (RFC 4180 with papaparse's leniencies): text goes
 * in chunk by chunk, complete records come out with the 1-based physical line
 * where each starts. The record separator is the first line ending of the
 * text (LF, CRLF or CR; the others are data outside quotes). Quoted fields may
 * hold commas, doubled quotes and line breaks; blanks are allowed between a
 * closing quote and the next comma or line end; a quote inside an unquoted
 * field is data. Blank lines are skipped. An unterminated or malformed quoted
 * field is refused with the record's line, and so is a record longer than
 * MAX_RECORD_CHARS (an unclosed quote would otherwise read the rest of the
 * file into one field, in memory). Synchronous, so a reader can drive it from
 * a stream or from blocking reads alike.
 */

import { UserError } from "../domain/errors.ts";
import { countOf } from "../domain/plural.ts";

/** One CSV record. */
export interface CsvRow {
  /** Physical line where the record starts (header = 1). */
  line: number;
  cells: string[];
}

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;
const QUOTE_HINT =
  "Fix the quoting of this row (a field that contains commas, quotes or line breaks must be quoted, with inner quotes doubled).";

/** Line-ending styles: the record separator once known. */
type Newline = "\n" | "\r\n" | "\r";

/** Incomplete record at the end of the text: wait for more. */
const INCOMPLETE = -1;

/**
 * The longest record read (UTF-16 code units, ~bytes for ASCII): 16 Mi. A
 * FOCUS row is 0.5-5 KB (a big Tags JSON 10-50 KB), so no real row comes
 * near it; the limit is there so that an unclosed quote (the rest of the file
 * read as one field) is refused at once instead of holding a whole 600 MB
 * file as one string (1.2 GB and more). 16 Mi code units keep the tokenizer's
 * text under ~64 MB (the record, and its copy while concatenating).
 */
export const MAX_RECORD_CHARS = 16 << 20;

/** Options of a CsvTokenizer. */
export interface CsvTokenizerOptions {
  /** Longest record accepted (default MAX_RECORD_CHARS; tests lower it). */
  maxRecordChars?: number;
}

/** Tokenizes one file's text; push() chunks, then end(). */
export class CsvTokenizer {
  readonly fileName: string;
  #newline: Newline | null = null;
  /** Text not yet turned into records (starts at a record start). */
  #carry = "";
  /** Physical line where #carry starts. */
  #carryLine = 1;
  /** Do not re-scan #carry before it reaches this length (keeps huge records linear). */
  #retryAt = 0;
  readonly #maxRecordChars: number;

  constructor(fileName: string, options: CsvTokenizerOptions = {}) {
    this.fileName = fileName;
    this.#maxRecordChars = options.maxRecordChars ?? MAX_RECORD_CHARS;
  }

  /** Add text; returns the records it completes (possibly none). */
  push(text: string): CsvRow[] {
    const input = this.#carry.length ? this.#carry + text : text;
    if (this.#newline === null) {
      this.#newline = detectNewline(input);
      // a CR ending the text may be the start of a CRLF: wait for the next character
      if (this.#newline === "\r" && input.indexOf("\r") === input.length - 1) this.#newline = null;
      if (this.#newline === null) {
        if (input.length < 1 << 20) {
          this.#carry = input; // no line end yet: wait for more text
          this.#checkCarry();
          return [];
        }
        this.#newline = "\n";
      }
    }
    if (input.length < this.#retryAt) {
      this.#carry = input;
      this.#checkCarry();
      return [];
    }
    const rows = this.#records(input, false);
    this.#checkCarry();
    return rows;
  }

  /** Refuse an incomplete record past the record limit (typically an unclosed quote). */
  #checkCarry(): void {
    if (this.#carry.length <= this.#maxRecordChars) return;
    const limit = this.#maxRecordChars;
    const size = limit % (1 << 20) === 0
      ? `${limit >> 20} MB (${countOf(limit, "character")})`
      : countOf(limit, "character");
    const quoted = this.#carry.includes('"');
    throw new UserError(
      `a CSV record longer than ${size} starts here${
        quoted ? " (most likely a quoted field that is never closed)" : ""
      }.`,
      {
        location: { file: this.fileName, line: this.#carryLine },
        hint:
          `A FOCUS row is a few KB: close the quote that opens on this line (inner quotes doubled), or split the field; the file is not read further.`,
      },
    );
  }

  /** The file ended: returns the last records. */
  end(): CsvRow[] {
    const input = this.#carry;
    this.#carry = "";
    if (input.length === 0) return [];
    this.#newline ??= detectNewline(input) ?? "\n";
    return this.#records(input, true);
  }

  #records(s: string, final: boolean): CsvRow[] {
    const rows: CsvRow[] = [];
    const len = s.length;
    const nl = this.#newline!;
    /** Character that starts the separator, and the one counted as a line break. */
    const sepChar = nl === "\n" ? LF : CR;
    const crlf = nl === "\r\n";
    const breakChar = nl === "\r" ? "\r" : "\n";
    let pos = 0;
    let line = this.#carryLine;
    let start = 0;
    let nextComma = -1;
    let nextSep = -1;
    records: while (pos < len) {
      start = pos;
      const cells: string[] = [];
      let end = INCOMPLETE; // index after the record's separator, or INCOMPLETE
      fields: for (;;) {
        if (s.charCodeAt(pos) === QUOTE) {
          // quoted field
          let from = pos + 1;
          let q = from;
          let value = "";
          for (;;) {
            q = s.indexOf('"', q);
            if (q === -1) {
              if (!final) break records;
              throw this.#quoteError(line, true);
            }
            const next = q + 1;
            if (next === len) {
              if (!final) break records;
              cells.push(value + s.slice(from, q));
              end = len;
              break fields;
            }
            const c = s.charCodeAt(next);
            if (c === QUOTE) {
              value += s.slice(from, next);
              q = from = next + 1;
              continue;
            }
            value += s.slice(from, q);
            // blanks allowed between the closing quote and a comma or line end
            let j = next;
            let d = c;
            for (;;) {
              if (d === COMMA) {
                cells.push(value);
                pos = j + 1;
                continue fields;
              }
              if (d === sepChar) {
                if (!crlf) {
                  cells.push(value);
                  end = j + 1;
                  break fields;
                }
                if (j + 1 === len) {
                  if (!final) break records;
                } else if (s.charCodeAt(j + 1) === LF) {
                  cells.push(value);
                  end = j + 2;
                  break fields;
                }
              }
              if (!isBlank(d)) throw this.#quoteError(line, false);
              j++;
              if (j === len) {
                if (!final) break records;
                throw this.#quoteError(line, false);
              }
              d = s.charCodeAt(j);
            }
          }
        }
        // unquoted field: up to the next comma or separator
        if (nextComma < pos) nextComma = indexOrLen(s, ",", pos);
        if (nextSep < pos) nextSep = indexOrLen(s, nl, pos);
        if (nextComma < nextSep) {
          cells.push(s.slice(pos, nextComma));
          pos = nextComma + 1;
          continue fields;
        }
        if (nextSep < len) {
          cells.push(s.slice(pos, nextSep));
          end = nextSep + nl.length;
          break fields;
        }
        // reached the end of the text inside an unquoted field
        if (!final) break records;
        cells.push(s.slice(pos, len));
        end = len;
        break fields;
      }
      const rowLine = line;
      // physical lines: count the line breaks the record spans
      let b = s.indexOf(breakChar, start);
      while (b !== -1 && b < end) {
        line++;
        b = s.indexOf(breakChar, b + 1);
      }
      pos = start = end;
      if (cells.length === 1 && cells[0] === "") continue; // blank line
      rows.push({ line: rowLine, cells });
    }
    pos = start; // an incomplete record starts again from its beginning
    if (pos < len) {
      this.#carry = pos === 0 ? s : s.slice(pos);
      // an incomplete record is scanned again once the text has doubled
      this.#retryAt = this.#carry.length * 2;
    } else {
      this.#carry = "";
      this.#retryAt = 0;
    }
    this.#carryLine = line;
    return rows;
  }

  #quoteError(line: number, unterminated: boolean): UserError {
    return new UserError(
      unterminated
        ? "unterminated quoted field: the file ends inside quotes (not a complete CSV file)."
        : "malformed quotes: a quoted field is followed by text before the next comma.",
      { location: { file: this.fileName, line }, hint: QUOTE_HINT },
    );
  }
}

/** The first line ending of `text`, or null when it has none yet. */
export function detectNewline(text: string): Newline | null {
  const lf = text.indexOf("\n");
  const cr = text.indexOf("\r");
  if (lf === -1 && cr === -1) return null;
  if (lf === -1) return "\r";
  if (cr !== -1 && cr === lf - 1) return "\r\n";
  if (cr !== -1 && cr < lf) return "\r";
  return "\n";
}

function indexOrLen(s: string, what: string, from: number): number {
  const i = s.indexOf(what, from);
  return i === -1 ? s.length : i;
}

/** Characters String.prototype.trim removes (what may sit after a closing quote). */
function isBlank(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 160 || c === 5760 ||
    (c >= 8192 && c <= 8202) || c === 8232 || c === 8233 || c === 8239 || c === 8287 ||
    c === 12288 || c === 65279;
}
