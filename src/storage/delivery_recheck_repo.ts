/**
 * What an unchanged redelivery needs to be recognised without re-reading it:
 * the source's latest delivery with its recheck record (imports.recheck,
 * migration 0009), and a checksum of the charges the source holds in some
 * periods.
 */

import type { Database } from "./database.ts";

/** The source's latest delivery and its recheck record (null when absent). */
export interface LatestDeliveryRow {
  id: number;
  mode: string;
  periods: string;
  files: string;
  focus_version: string | null;
  rows: number;
  flagged: number;
  /** The recheck record, JSON (null: the delivery cannot be rechecked). */
  recheck: string | null;
}

/** The latest delivery of `sourceId`, with its recheck record, or undefined. */
export function findLatestDelivery(db: Database, sourceId: number): LatestDeliveryRow | undefined {
  return db.get<LatestDeliveryRow>(
    `SELECT i.id, i.mode, i.periods, i.files, i.focus_version, i.rows, i.flagged, i.recheck
     FROM imports i WHERE i.source_id = ? ORDER BY i.id DESC LIMIT 1`,
    sourceId,
  );
}

/** Keep a delivery's recheck record (JSON; null when it cannot be rechecked). */
export function setImportRecheck(db: Database, importId: number, recheck: unknown): void {
  db.run(
    "UPDATE imports SET recheck = ? WHERE id = ?",
    recheck === undefined || recheck === null ? null : JSON.stringify(recheck),
    importId,
  );
}

/** Count and id sum of a source's charges in `periods`: any insert or delete changes them. */
export interface ChargeChecksum {
  count: number;
  idSum: number;
}

/** The checksum of the source's stored charges in `periods` (an index-only scan). */
export function sourceChargeChecksum(
  db: Database,
  sourceId: number,
  periods: string[],
): ChargeChecksum {
  const row = db.get<{ n: number; s: number }>(
    `SELECT count(*) AS n, total(id) AS s FROM charges
     WHERE source_id = ? AND period IN (SELECT value FROM json_each(?))`,
    sourceId,
    JSON.stringify(periods),
  );
  return { count: row?.n ?? 0, idSum: row?.s ?? 0 };
}
