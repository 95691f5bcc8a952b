/**
 * FOCUS conformance checking without importing: the service behind
 * `openchargeback validate` (and any web upload check). No database, no
 * AppContext: files in, report out.
 */

import type { IngestFile } from "../ingest/ingest_file.ts";
import { type FileValidation, validateFile, type ValidateOptions } from "./validate_file.ts";

export {
  DEFAULT_MAX_EXAMPLES,
  type FileValidation,
  validateFile,
  type ValidateOptions,
} from "./validate_file.ts";
export type { RuleViolation, ViolationExample } from "./rule_tally.ts";
export {
  detectFocusVersion,
  SELECTABLE_VERSIONS,
  type SelectableVersion,
  type ValidationVersion,
} from "./focus_versions.ts";
export { formatValidationReport } from "./report_text.ts";

/** The conformance report of several files. */
export interface ValidationReport {
  files: FileValidation[];
  /** True when every file is conformant. */
  conformant: boolean;
}

/**
 * Validate each file in turn (streaming, memory flat). A file that cannot be
 * read is reported as non-conformant with an `oc-file-unreadable` error; the
 * other files are still checked.
 */
export async function validateFiles(
  files: IngestFile[],
  options: ValidateOptions = {},
): Promise<ValidationReport> {
  const results: FileValidation[] = [];
  for (const file of files) results.push(await validateFile(file, options));
  return { files: results, conformant: results.every((f) => f.conformant) };
}
