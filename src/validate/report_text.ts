/** The human-readable form of a validation report (what `validate` prints without --json). */

import type { RuleViolation } from "./rule_tally.ts";
import type { FileValidation } from "./validate_file.ts";
import { countOf as plural } from "../domain/plural.ts";

/** Plain-text report: per file a summary line, then each failed rule with its examples. */
export function formatValidationReport(report: { files: FileValidation[] }): string {
  const out: string[] = [];
  for (const f of report.files) {
    const version = f.detectedVersion === null
      ? f.focusVersion === null
        ? "FOCUS version unknown (the header could not be read)"
        : `FOCUS ${f.focusVersion} (as asked; the header could not be read)`
      : f.detectedVersion === f.focusVersion
      ? `FOCUS ${f.focusVersion} (detected: ${f.detectionReason})`
      : `FOCUS ${f.focusVersion} (as asked; the header fits ${f.detectedVersion})`;
    out.push(`${f.file}: ${version}`);
    const verdict = f.conformant ? "conformant" : "NOT conformant";
    out.push(
      `  ${f.rows} rows, ${f.columns} columns: ${verdict}, ${plural(f.errors.length, "error")} (${
        plural(total(f.errors), "violation")
      }), ${plural(f.warnings.length, "warning")} (${plural(total(f.warnings), "violation")})`,
    );
    for (const v of f.errors) out.push(...describe("error", v));
    for (const v of f.warnings) out.push(...describe("warning", v));
  }
  return out.join("\n");
}

function describe(kind: string, v: RuleViolation): string[] {
  const where = v.column ? `${v.column}: ` : "";
  const lines = [`  ${kind} ${v.rule} ${where}${v.message} (${plural(v.count, "time")})`];
  const examples = v.examples.map((e) =>
    e.value === null ? `line ${e.line}` : `line ${e.line} ${JSON.stringify(e.value)}`
  );
  if (examples.length) {
    const more = v.count > v.examples.length ? ", ..." : "";
    lines.push(`      ${examples.join(", ")}${more}`);
  }
  return lines;
}

function total(vs: RuleViolation[]): number {
  return vs.reduce((n, v) => n + v.count, 0);
}
