/**
 * Errors a user can cause (bad input, a refused rule). The CLI prints them on one
 * line and exits 1; the web shows them in the page. Anything else is a bug.
 */

import type { Problem } from "./problem_list.ts";

/** Where in the user's input an error was found. */
export interface ErrorLocation {
  file?: string;
  line?: number;
  /** A column name of a CSV file ("column BilledCost"). */
  column?: string;
  /** A character position on the line, 1-based (YAML files: "config.yaml:3:5"). */
  col?: number;
  key?: string;
}

/** A problem the user can fix: what went wrong, where, and what to do. */
export class UserError extends Error {
  readonly location: ErrorLocation;
  readonly hint?: string;
  /**
   * The hint as the web says it (naming the page and the button, not CLI
   * flags); `hint` when not given.
   */
  readonly webHint?: string;
  /** Extra lines (e.g. the first 20 row errors of a refused file). */
  readonly details: string[];
  /** The problems of a refusal by kind (details are their texts), so a long list is summarised. */
  readonly problems?: readonly Problem[];

  constructor(
    message: string,
    options: ErrorOptions = {},
  ) {
    super(message);
    this.name = "UserError";
    this.location = options.location ?? {};
    this.hint = options.hint;
    this.webHint = options.webHint;
    this.problems = options.problems;
    this.details = options.details ?? options.problems?.map((p) => p.text) ?? [];
  }

  /** One line: "file:line: column X: message. hint" */
  oneLine(): string {
    const where = formatLocation(this.location);
    const hint = this.hint ? ` ${this.hint}` : "";
    return `${where}${this.message}${hint}`;
  }

  /** The one line the web shows: as oneLine(), with the web's hint when there is one. */
  webLine(): string {
    const hint = this.webHint ?? this.hint;
    return `${formatLocation(this.location)}${this.message}${hint ? ` ${hint}` : ""}`;
  }
}

/** What a UserError carries besides its message. */
export interface ErrorOptions {
  location?: ErrorLocation;
  hint?: string;
  /** The hint for the web, when the CLI's names flags or commands. */
  webHint?: string;
  details?: string[];
  /** The problems of a refusal by kind (details are their texts). */
  problems?: readonly Problem[];
}

/** A rule refused the action (period locked, review pending, ...). */
export class RuleError extends UserError {
  constructor(message: string, options: Omit<ErrorOptions, "location"> = {}) {
    super(message, options);
    this.name = "RuleError";
  }
}

/** A thing the user named does not exist. */
export class NotFoundError extends UserError {
  constructor(message: string, options: { hint?: string; webHint?: string } = {}) {
    super(message, options);
    this.name = "NotFoundError";
  }
}

/**
 * The database stayed locked by another writer for the whole busy timeout
 * (SQLite's SQLITE_BUSY): nothing was changed; running the command again
 * later works.
 */
export class DatabaseBusyError extends UserError {
  constructor() {
    super(
      "the database is busy: another openchargeback command or the web server kept it locked " +
        "for the whole busy timeout (database.busy_timeout_ms); nothing was changed.",
      {
        hint: "Run it again once the other command has finished (a large import can take a " +
          "minute), or raise database.busy_timeout_ms.",
      },
    );
    this.name = "DatabaseBusyError";
  }
}

/** "file:line[:col]: column C: key K: " prefix, empty when nothing is known. */
export function formatLocation(loc: ErrorLocation): string {
  const parts: string[] = [];
  const at = loc.line === undefined
    ? ""
    : loc.col === undefined
    ? `${loc.line}`
    : `${loc.line}:${loc.col}`;
  if (loc.file) parts.push(at ? `${loc.file}:${at}` : loc.file);
  else if (at) parts.push(`line ${at}`);
  if (loc.column) parts.push(`column ${loc.column}`);
  if (loc.key) parts.push(`key ${loc.key}`);
  return parts.length ? parts.join(": ") + ": " : "";
}
