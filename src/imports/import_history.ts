/**
 * Import history (read side): the recorded deliveries, newest first, and one
 * delivery with its files. Deliveries are staff information: a PI's pages do
 * not list them.
 */

import type { AppContext } from "../app_context.ts";
import { NotFoundError } from "../domain/errors.ts";
import {
  findImportDetail,
  type ImportDetailRow,
  type ImportFileRecord,
  listImportDetails,
  type NewImport,
} from "../storage/mod.ts";

/** A file of a delivery as recorded (older records may lack `bytes` and `columns`). */
export type RecordedFile =
  & Pick<ImportFileRecord, "name" | "sha256" | "rows" | "focusVersion">
  & Partial<Pick<ImportFileRecord, "bytes" | "columns">>;

/** A recorded delivery (counts, periods, who and when as recorded). Money in micro-units. */
export interface ImportRecord extends Omit<NewImport, "sourceId" | "files" | "status"> {
  id: number;
  source: { name: string; displayName: string };
  files: RecordedFile[];
  status: NewImport["status"] | "reverted";
  /** Set once reverted (`imports revert`): when, by whom, why. */
  reverted: { at: string; by: string; note: string } | null;
}

/** Deliveries touching `period` (or all), newest first, a page at a time. */
export function listImportHistory(
  ctx: AppContext,
  f: { period?: string; limit: number; offset?: number },
): ImportRecord[] {
  return listImportDetails(ctx.db, { period: f.period, limit: f.limit, offset: f.offset ?? 0 })
    .map(importRecord);
}

/** The delivery with this id, or NotFoundError. */
export function getImport(ctx: AppContext, id: number): ImportRecord {
  const row = findImportDetail(ctx.db, id);
  if (!row) throw new NotFoundError(`import ${id} does not exist.`);
  return importRecord(row);
}

function importRecord(r: ImportDetailRow): ImportRecord {
  return {
    id: r.id,
    source: { name: r.source_name, displayName: r.source_display_name },
    files: JSON.parse(r.files) as RecordedFile[],
    focusVersion: r.focus_version,
    mode: r.mode as NewImport["mode"],
    periods: JSON.parse(r.periods) as string[],
    rows: r.rows,
    added: r.added,
    removed: r.removed,
    unchanged: r.unchanged,
    flagged: r.flagged,
    billedCost: r.billed_cost,
    listCost: r.list_cost,
    status: r.status as ImportRecord["status"],
    importedBy: r.imported_by,
    importedAt: r.imported_at,
    reverted: r.reverted_at
      ? { at: r.reverted_at, by: r.reverted_by ?? "", note: r.revert_note ?? "" }
      : null,
  };
}
