/**
 * What an unchanged redelivery needs to be recognised without re-reading it:
 * the source's latest delivery with the recheck record its audit entry
 * carries, and a checksum of the charges the source holds in some periods.
 */

import type { Database } from "./database.ts";

/** The source's latest delivery and the `recheck` object of its audit entry (null when absent). */
export interface LatestDeliveryRow {
  id: number;
  mode: string;
  periods: string;
  files: string;
  focus_version: string | null;
  rows: number;
  flagged: number;
  /** The audit entry's details JSON (null when the entry is missing). */
  details: string | null;
}

/** The latest delivery of `sourceId`, with its audit details, or undefined. */
export function findLatestDelivery(db: Database, sourceId: number): LatestDeliveryRow | undefined {
  return db.get<LatestDeliveryRow>(
    `SELECT i.id, i.mode, i.periods, i.files, i.focus_version, i.rows, i.flagged,
       (SELECT a.details FROM audit_log a WHERE a.action = 'import' AND a.entity = 'import'
          AND a.entity_id = CAST(i.id AS TEXT) ORDER BY a.id DESC LIMIT 1) AS details
     FROM imports i WHERE i.source_id = ? ORDER BY i.id DESC LIMIT 1`,
    sourceId,
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
