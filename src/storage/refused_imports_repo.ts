/** Refused deliveries (table refused_imports, migration 0009): what was tried and why. */

import type { Database } from "./database.ts";

/** One refused delivery to record. */
export interface RefusedImportEntry {
  at: string;
  actor: string;
  source: string;
  files: string[];
  mode: string;
  error: string;
  details: string[];
}

/** A stored refused delivery. */
export interface RefusedImportRow {
  id: number;
  at: string;
  actor: string;
  source: string;
  /** JSON array of file names. */
  files: string;
  mode: string;
  error: string;
  /** JSON array of row errors. */
  details: string;
}

/** Record a refused delivery. */
export function insertRefusedImport(db: Database, e: RefusedImportEntry): void {
  db.run(
    `INSERT INTO refused_imports (at, actor, source, files, mode, error, details)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
    e.at,
    e.actor,
    e.source,
    JSON.stringify(e.files),
    e.mode,
    e.error,
    JSON.stringify(e.details),
  );
}

/** The latest refused deliveries, newest first. */
export function listRefusedImportRows(db: Database, limit: number): RefusedImportRow[] {
  return db.all<RefusedImportRow>(
    "SELECT * FROM refused_imports ORDER BY id DESC LIMIT ?",
    limit,
  );
}
