/**
 * Where a charge came from inside the billing office: the delivered file (a
 * path on the server), its line, the content fingerprint and occurrence that
 * identify the row across re-deliveries, and the import that recorded it.
 * Staff read all of it; a PI reads none of it (their scope is one PI): the
 * charge page and the CSV export a PI gets carry no file name, no path and
 * no fingerprint.
 */

import type { DataScope } from "./data_scope.ts";

/** The charges columns that describe provenance, not the charge. */
export const PROVENANCE_FIELDS: readonly string[] = [
  "fingerprint",
  "occurrence",
  "file_name",
  "line_no",
  "import_id",
];

/** True when a reader of `scope` may see provenance (staff, the CLI); false for a PI. */
export function seesProvenance(scope: DataScope): boolean {
  return scope.pi === undefined;
}

/** A copy of `row` without the provenance columns. */
export function withoutProvenance<T extends Record<string, unknown>>(row: T): T {
  const out: Record<string, unknown> = { ...row };
  for (const k of PROVENANCE_FIELDS) delete out[k];
  return out as T;
}

/** The file name without its directory ("/srv/in/aws_2025-01.csv" -> "aws_2025-01.csv"). */
export function fileBaseName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}
