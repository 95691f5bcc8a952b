/**
 * Keeping replaced charges restorable, and reverting a delivery. A replacing
 * delivery deletes the source's charges its files no longer hold; before the
 * delete they are archived in `replaced_charges` (one JSON object of every
 * charges column per row, so a column added by a later migration is carried
 * without a change here). Reverting the delivery deletes the charges it added
 * and puts the archived ones back, with their ids when free. The charge
 * rollups follow through the charges triggers (migration 0006).
 */

import type { Database } from "./database.ts";
import { INTERNED_COLUMNS, storedColumn, textIdSql } from "./charge_texts.ts";

/**
 * The charges columns by name, in table order (read from the schema: charge_values, every
 * column with its text, charge_texts.ts). The archive keeps texts, not charge_texts ids.
 */
function chargeColumns(db: Database): string[] {
  return db.all<{ name: string }>("SELECT name FROM pragma_table_info('charge_values')").map((
    r,
  ) => r.name);
}

/** `json_object('id', c.id, ...)` over every charges column of alias `c`. */
function chargeJsonSql(db: Database, alias: string): string {
  return `json_object(${chargeColumns(db).map((c) => `'${c}', ${alias}.${c}`).join(", ")})`;
}

/**
 * Archive the charges matching `where` (a condition on alias `charges`,
 * with `params`) as replaced by delivery `importId`. Call in the transaction,
 * right before the matching DELETE. Returns the rows archived.
 */
export function archiveReplacedCharges(
  db: Database,
  importId: number,
  where: string,
  params: (string | number)[],
): number {
  return db.run(
    `INSERT INTO replaced_charges (replaced_by, period, original_id, charge)
     SELECT ?, v.period, v.id, ${chargeJsonSql(db, "v")} FROM charge_values v
     WHERE v.id IN (SELECT id FROM charges WHERE ${where})`,
    importId,
    ...params,
  ).changes;
}

/** Charges a delivery added and still holds, with their billed cost per currency. */
export function deliveryChargeTotals(
  db: Database,
  importId: number,
): { count: number; byCurrency: { currency: string; charges: number; billed: number }[] } {
  const rows = db.all<{ currency: string; n: number; billed: number }>(
    `SELECT billing_currency AS currency, count(*) AS n, sum(billed_cost) AS billed
     FROM charges WHERE import_id = ? GROUP BY billing_currency ORDER BY billing_currency`,
    importId,
  );
  return {
    count: rows.reduce((n, r) => n + r.n, 0),
    byCurrency: rows.map((r) => ({ currency: r.currency, charges: r.n, billed: r.billed })),
  };
}

/** Archived charges a delivery replaced, with their billed cost per currency. */
export function replacedChargeTotals(
  db: Database,
  importId: number,
): { count: number; byCurrency: { currency: string; charges: number; billed: number }[] } {
  const rows = db.all<{ currency: string; n: number; billed: number }>(
    `SELECT json_extract(charge, '$.billing_currency') AS currency, count(*) AS n,
       sum(json_extract(charge, '$.billed_cost')) AS billed
     FROM replaced_charges WHERE replaced_by = ? GROUP BY 1 ORDER BY 1`,
    importId,
  );
  return {
    count: rows.reduce((n, r) => n + r.n, 0),
    byCurrency: rows.map((r) => ({ currency: r.currency, charges: r.n, billed: r.billed })),
  };
}

/** Delete the charges delivery `importId` added (call in the transaction). */
export function deleteDeliveryCharges(db: Database, importId: number): number {
  return db.run("DELETE FROM charges WHERE import_id = ?", importId).changes;
}

/**
 * Put back the charges delivery `importId` replaced, with their ids unless
 * another charge took one since (then a new id), and drop them from the
 * archive. Call after deleteDeliveryCharges, in the same transaction.
 */
export function restoreReplacedCharges(db: Database, importId: number): number {
  const cols = chargeColumns(db);
  const interned = cols.filter((c) => INTERNED_COLUMNS.has(c));
  db.run(
    `INSERT OR IGNORE INTO charge_texts (value) SELECT v FROM (${
      interned.map((c) =>
        `SELECT json_extract(charge, '$.${c}') AS v FROM replaced_charges WHERE replaced_by = ?1`
      ).join(" UNION ")
    }) WHERE v IS NOT NULL ORDER BY v`,
    importId,
  );
  const values = cols.map((c) =>
    c === "id"
      ? `CASE WHEN EXISTS (SELECT 1 FROM charges x WHERE x.id = r.original_id) THEN NULL
          ELSE r.original_id END`
      : INTERNED_COLUMNS.has(c)
      ? textIdSql(`json_extract(r.charge, '$.${c}')`)
      : `json_extract(r.charge, '$.${c}')`
  );
  const restored = db.run(
    `INSERT INTO charges (${cols.map(storedColumn).join(", ")})
     SELECT ${values.join(", ")} FROM replaced_charges r WHERE r.replaced_by = ?
     ORDER BY r.original_id`,
    importId,
  ).changes;
  db.run("DELETE FROM replaced_charges WHERE replaced_by = ?", importId);
  return restored;
}

/** Mark a delivery record reverted. */
export function markImportReverted(
  db: Database,
  importId: number,
  at: string,
  by: string,
  note: string,
): void {
  db.run(
    `UPDATE imports SET status = 'reverted', reverted_at = ?, reverted_by = ?, revert_note = ?
     WHERE id = ?`,
    at,
    by,
    note,
    importId,
  );
}

/**
 * Later deliveries of the same source, not reverted, that changed charges in
 * any of `periods` (a revert must undo the newest first).
 */
export function laterDeliveriesTouching(
  db: Database,
  importId: number,
  sourceId: number,
  periods: string[],
): number[] {
  return db.all<{ id: number }>(
    `SELECT i.id FROM imports i WHERE i.source_id = ? AND i.id > ? AND i.status = 'imported'
       AND EXISTS (SELECT 1 FROM json_each(i.periods) j
         WHERE j.value IN (SELECT value FROM json_each(?)))
     ORDER BY i.id`,
    sourceId,
    importId,
    JSON.stringify(periods),
  ).map((r) => r.id);
}

/** Mark every statement of `periods` not yet stale as stale; returns how many. */
export function markStatementsStale(db: Database, periods: string[], at: string): number {
  return db.run(
    `UPDATE statements SET stale_at = ?
     WHERE stale_at IS NULL AND period IN (SELECT value FROM json_each(?))`,
    at,
    JSON.stringify(periods),
  ).changes;
}

/** The import record's source id and periods, or undefined. */
export function findImportForRevert(
  db: Database,
  importId: number,
): { source_id: number; periods: string; status: string; mode: string } | undefined {
  return db.get(
    "SELECT source_id, periods, status, mode FROM imports WHERE id = ?",
    importId,
  );
}

/** A source's stored charges in one period. */
export function countSourcePeriodCharges(db: Database, sourceId: number, period: string): number {
  return db.get<{ n: number }>(
    "SELECT count(*) AS n FROM charges WHERE source_id = ? AND period = ?",
    sourceId,
    period,
  )!.n;
}

/**
 * Delete a source's charges of one period for delivery `importId` (an empty
 * delivery with --replace-empty), archived so reverting it brings them back.
 */
export function clearSourcePeriod(
  db: Database,
  sourceId: number,
  period: string,
  importId: number,
): number {
  const where = "source_id = ? AND period = ?";
  const archived = archiveReplacedCharges(db, importId, where, [sourceId, period]);
  const deleted = db.run(`DELETE FROM charges WHERE ${where}`, sourceId, period).changes;
  if (archived !== deleted) throw new Error(`archived ${archived} of ${deleted} cleared`);
  return deleted;
}
