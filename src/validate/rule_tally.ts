/**
 * Violations counted per rule with the first N examples, so a file of any size
 * is validated in flat memory.
 */

/** One example of a violation: where (1-based line, header = 1) and the offending value. */
export interface ViolationExample {
  line: number;
  value: string | null;
}

/** A rule that failed on a file: how often and where first. */
export interface RuleViolation {
  rule: string;
  /** The column concerned (the header name as written), null for file-level rules. */
  column: string | null;
  message: string;
  count: number;
  examples: ViolationExample[];
}

/** MUST rules fail the file (errors); SHOULD rules and tolerated deviations warn. */
export type Severity = "error" | "warning";

/** Longest example value kept (longer values are cut with "..."). */
const MAX_VALUE_CHARS = 200;

/** Counts violations per (severity, rule, column, message). */
export class RuleTally {
  readonly #maxExamples: number;
  readonly #entries = new Map<string, RuleViolation & { severity: Severity }>();

  constructor(maxExamples: number) {
    this.#maxExamples = maxExamples;
  }

  /** Count one violation at `line` with `value`. */
  add(
    severity: Severity,
    rule: string,
    column: string | null,
    message: string,
    line: number,
    value: string | null,
  ): void {
    const key = `${severity}\u0000${rule}\u0000${column ?? ""}\u0000${message}`;
    let entry = this.#entries.get(key);
    if (!entry) {
      entry = { severity, rule, column, message, count: 0, examples: [] };
      this.#entries.set(key, entry);
    }
    entry.count++;
    if (entry.examples.length < this.#maxExamples) {
      const shown = value !== null && value.length > MAX_VALUE_CHARS
        ? value.slice(0, MAX_VALUE_CHARS) + "..."
        : value;
      entry.examples.push({ line, value: shown });
    }
  }

  /** Shorthand for add("error", ...). */
  error(rule: string, column: string | null, message: string, line: number, value: string | null) {
    this.add("error", rule, column, message, line, value);
  }

  /** Shorthand for add("warning", ...). */
  warn(rule: string, column: string | null, message: string, line: number, value: string | null) {
    this.add("warning", rule, column, message, line, value);
  }

  /** The violations of one severity, in the order they were first seen. */
  list(severity: Severity): RuleViolation[] {
    return [...this.#entries.values()]
      .filter((e) => e.severity === severity)
      .map(({ rule, column, message, count, examples }) => ({
        rule,
        column,
        message,
        count,
        examples,
      }));
  }
}
