/** Deliveries (imports): one row per `ingest` run or web upload that was applied. */

import type { Database, SqlValue } from "./database.ts";

/** One file of a delivery as recorded. */
export interface ImportFileRecord {
  name: string;
  sha256: string;
  bytes: number;
  rows: number;
  focusVersion: string | null;
  /** The header as written (so even all-null columns are known). */
  columns: string[];
  /** Rows that took the config currency (no BillingCurrency column or an empty cell); absent = 0. */
  currencyDefaulted?: number;
}

/** A delivery to record. */
export interface NewImport {
  sourceId: number;
  files: ImportFileRecord[];
  focusVersion: string | null;
  mode: "replace" | "append";
  periods: string[];
  rows: number;
  added: number;
  removed: number;
  unchanged: number;
  flagged: number;
  billedCost: number;
  listCost: number;
  status: "imported" | "unchanged" | "empty";
  importedBy: string;
  importedAt: string;
}

/** Insert a delivery record; returns its id. */
export function insertImport(db: Database, i: NewImport): number {
  return db.run(
    `INSERT INTO imports (source_id, files, focus_version, mode, periods, rows, added, removed,
       unchanged, flagged, billed_cost, list_cost, status, imported_by, imported_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    i.sourceId,
    JSON.stringify(i.files),
    i.focusVersion,
    i.mode,
    JSON.stringify(i.periods),
    i.rows,
    i.added,
    i.removed,
    i.unchanged,
    i.flagged,
    i.billedCost,
    i.listCost,
    i.status,
    i.importedBy,
    i.importedAt,
  ).lastInsertRowid;
}

/** What a delivery record learns only once its rows are written. */
export type ImportOutcome = Pick<
  NewImport,
  | "files"
  | "focusVersion"
  | "periods"
  | "rows"
  | "added"
  | "removed"
  | "unchanged"
  | "flagged"
  | "billedCost"
  | "listCost"
  | "status"
>;

/**
 * Complete a delivery record inserted before its rows (a first import writes
 * its charges while reading, and they reference the record).
 */
export function updateImportOutcome(db: Database, id: number, o: ImportOutcome): void {
  db.run(
    `UPDATE imports SET files = ?, focus_version = ?, periods = ?, rows = ?, added = ?,
       removed = ?, unchanged = ?, flagged = ?, billed_cost = ?, list_cost = ?, status = ?
     WHERE id = ?`,
    JSON.stringify(o.files),
    o.focusVersion,
    JSON.stringify(o.periods),
    o.rows,
    o.added,
    o.removed,
    o.unchanged,
    o.flagged,
    o.billedCost,
    o.listCost,
    o.status,
    id,
  );
}

/** A stored delivery with its source name and display name. */
export interface ImportDetailRow {
  id: number;
  source_name: string;
  source_display_name: string;
  files: string;
  focus_version: string | null;
  mode: string;
  periods: string;
  rows: number;
  added: number;
  removed: number;
  unchanged: number;
  flagged: number;
  billed_cost: number;
  list_cost: number;
  status: string;
  imported_by: string;
  imported_at: string;
  reverted_at: string | null;
  reverted_by: string | null;
  revert_note: string | null;
}

const IMPORT_SELECT = `SELECT i.*, s.name AS source_name, s.display_name AS source_display_name
  FROM imports i JOIN sources s ON s.id = i.source_id`;

/** One delivery, or undefined. */
export function findImportDetail(db: Database, id: number): ImportDetailRow | undefined {
  return db.get<ImportDetailRow>(`${IMPORT_SELECT} WHERE i.id = ?`, id);
}

/** Deliveries touching a period (or all), newest first. */
export function listImportDetails(
  db: Database,
  f: { period?: string; limit: number; offset: number },
): ImportDetailRow[] {
  const where = f.period
    ? "WHERE EXISTS (SELECT 1 FROM json_each(i.periods) j WHERE j.value = ?)"
    : "";
  const params: SqlValue[] = f.period ? [f.period] : [];
  return db.all<ImportDetailRow>(
    `${IMPORT_SELECT} ${where} ORDER BY i.id DESC LIMIT ? OFFSET ?`,
    ...params,
    f.limit,
    f.offset,
  );
}
