/**
 * Validate one FOCUS CSV file, streaming: the header decides the version and
 * the column plan, then every row is checked cell by cell and across columns.
 * Only counts and the first N examples per rule are kept.
 */

import { UserError } from "../domain/errors.ts";
import type { IngestFile } from "../ingest/ingest_file.ts";
import { readCsvRows } from "../ingest/read_csv_rows.ts";
import { checkCell } from "./cell_checks.ts";
import { detectDataset, notBillingDataMessage } from "../focus/detect_dataset.ts";
import {
  detectFocusVersion,
  type SelectableVersion,
  type ValidationDetection,
  type ValidationVersion,
} from "./focus_versions.ts";
import { type ColumnCheckPlan, planColumnChecks } from "./header_plan.ts";
import { checkRow } from "./row_checks.ts";
import { RuleTally, type RuleTally as Tally, type RuleViolation } from "./rule_tally.ts";

/** Options of a validation run. */
export interface ValidateOptions {
  /** Check against this FOCUS version instead of the one detected from the header. */
  version?: SelectableVersion;
  /** Examples kept per rule (default 5). */
  maxExamples?: number;
}

/** The conformance report of one file. */
export interface FileValidation {
  file: string;
  /**
   * The version checked against ("0.5" stands for the pre-1.0 column names);
   * null when none was asked and the header could not be read.
   */
  focusVersion: ValidationVersion | null;
  /** The version the header fits best. */
  detectedVersion: ValidationVersion | null;
  /** Why that version was detected. */
  detectionReason: string | null;
  /** Data rows read (the header not counted). */
  rows: number;
  /** Columns in the header. */
  columns: number;
  /** Failed MUST rules. */
  errors: RuleViolation[];
  /** Failed SHOULD rules and tolerated deviations. */
  warnings: RuleViolation[];
  /** True when no MUST rule failed and the file could be read. */
  conformant: boolean;
}

/** Default number of examples kept per rule. */
export const DEFAULT_MAX_EXAMPLES = 5;

/** Validate `file` against FOCUS; never throws for problems in the file itself. */
export async function validateFile(
  file: IngestFile,
  options: ValidateOptions = {},
): Promise<FileValidation> {
  const tally = new RuleTally(options.maxExamples ?? DEFAULT_MAX_EXAMPLES);
  let plan: ColumnCheckPlan | null = null;
  let detected: ValidationDetection | null = null;
  let width: number | null = null;
  let rows = 0;
  try {
    for await (const batch of readCsvRows(file)) {
      for (const row of batch) {
        if (width === null) {
          width = row.cells.length;
          detected = detectFocusVersion(row.cells);
          const notBilling = notBillingDataMessage(detectDataset(row.cells));
          if (notBilling) {
            // another dataset's columns are not checked against Cost and Usage rules
            tally.error(
              "oc-dataset",
              null,
              `${notBilling}; only Cost and Usage files are checked`,
              1,
              null,
            );
          } else plan = planColumnChecks(row.cells, options.version ?? detected.version, tally);
          continue;
        }
        rows++;
        if (plan) checkDataRow(plan, row.cells, row.line, tally);
      }
    }
    if (width === null) {
      tally.error("oc-empty-file", null, "the file is empty (no header row)", 1, null);
    }
  } catch (e) {
    reportUnreadable(e, tally);
  }
  const errors = tally.list("error");
  return {
    file: file.name,
    focusVersion: options.version ?? detected?.version ?? null,
    detectedVersion: detected?.version ?? null,
    detectionReason: detected?.reason ?? null,
    rows,
    columns: width ?? 0,
    errors,
    warnings: tally.list("warning"),
    conformant: errors.length === 0,
  };
}

function checkDataRow(plan: ColumnCheckPlan, cells: string[], line: number, tally: Tally): void {
  if (cells.length !== plan.width) {
    tally.error(
      "oc-row-width",
      null,
      "the row does not have as many fields as the header",
      line,
      `${cells.length} fields (header: ${plan.width})`,
    );
  }
  for (const planned of plan.columns) {
    checkCell(planned, cells[planned.index], line, plan.version, tally);
  }
  checkRow(plan, cells, line, tally);
}

/** Turn a read failure into the file's "cannot be read" error; rethrow bugs. */
function reportUnreadable(e: unknown, tally: Tally): void {
  const rule = "oc-file-unreadable";
  if (e instanceof UserError) {
    const hint = e.hint ? ` ${e.hint}` : "";
    tally.error(rule, e.location.column ?? null, `${e.message}${hint}`, e.location.line ?? 1, null);
    return;
  }
  if (e instanceof Deno.errors.NotFound) {
    tally.error(rule, null, "file not found", 1, null);
  } else if (e instanceof Deno.errors.PermissionDenied) {
    tally.error(rule, null, "permission denied", 1, null);
  } else if (e instanceof Deno.errors.IsADirectory) {
    tally.error(rule, null, "is a directory, not a file", 1, null);
  } else {
    throw e;
  }
}
