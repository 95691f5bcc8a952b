/** Row errors of a delivery: collected (up to a limit), then reported as one refusal. */

import { UserError } from "../domain/errors.ts";

/** One problem in a file. */
export interface RowError {
  file: string;
  line: number;
  column?: string;
  what: string;
  hint: string;
}

/** The most errors listed when a delivery is refused. */
export const MAX_ROW_ERRORS = 20;

/** Collects the first MAX_ROW_ERRORS errors of a delivery. */
export class RowErrorList {
  readonly items: RowError[] = [];
  /** True once the limit is reached (reading can stop). */
  full = false;

  /** Record an error (ignored past the limit). */
  add(e: RowError): void {
    if (this.items.length < MAX_ROW_ERRORS) this.items.push({ ...e, what: clipMessage(e.what) });
    if (this.items.length >= MAX_ROW_ERRORS) this.full = true;
  }

  get count(): number {
    return this.items.length;
  }

  /** The refusal: a UserError naming the first error, with all listed in `details`. */
  toUserError(): UserError {
    const first = this.items[0];
    const n = this.items.length;
    const more = n > 1
      ? ` (${this.full ? `${n} or more` : n} errors; nothing was stored)`
      : " (nothing was stored)";
    return new UserError(first.what + more, {
      location: { file: first.file, line: first.line, column: first.column },
      hint: first.hint,
      details: this.items.map(formatRowError),
    });
  }
}

/** "file:line: column X: what" */
export function formatRowError(e: RowError): string {
  return `${e.file}:${e.line}: ${e.column ? `column ${e.column}: ` : ""}${e.what}`;
}

/** A message quoting a huge cell (a 1 MB field) is cut in the middle so errors stay one line. */
function clipMessage(what: string): string {
  if (what.length <= 240) return what;
  return `${what.slice(0, 120)}…[${what.length - 180} characters]…${what.slice(-60)}`;
}
