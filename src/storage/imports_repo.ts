/** Deliveries (imports): one row per `ingest` run or web upload that was applied. */

import type { Database } from "./database.ts";

/** One file of a delivery as recorded. */
export interface ImportFileRecord {
  name: string;
  sha256: string;
  bytes: number;
  rows: number;
  focusVersion: string | null;
  /** The header as written (so even all-null columns are known). */
  columns: string[];
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
  status: "imported" | "unchanged";
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

/** A stored delivery with its source name. */
export interface ImportRow {
  id: number;
  source_id: number;
  source_name: string;
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
}

/** Deliveries, newest first (optionally of one source). */
export function listImports(
  db: Database,
  f: { sourceId?: number; limit?: number; offset?: number } = {},
): ImportRow[] {
  const where = f.sourceId !== undefined ? "WHERE i.source_id = ?" : "";
  const params = f.sourceId !== undefined ? [f.sourceId] : [];
  return db.all<ImportRow>(
    `SELECT i.*, s.name AS source_name FROM imports i JOIN sources s ON s.id = i.source_id
     ${where} ORDER BY i.id DESC LIMIT ? OFFSET ?`,
    ...params,
    f.limit ?? 50,
    f.offset ?? 0,
  );
}
