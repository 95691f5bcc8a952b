/** Sources: AWS, Azure, HPC... matched case-insensitively by a canonical key. */

import type { Database } from "./database.ts";

/** A stored source. */
export interface SourceRow {
  id: number;
  name: string;
  display_name: string;
  created_at: string;
}

/** The canonical key of a source name: trimmed and lower-cased ("AWS " -> "aws"). */
export function sourceKey(name: string): string {
  return name.trim().toLowerCase();
}

/** The source with this name (any case), or undefined. */
export function findSource(db: Database, name: string): SourceRow | undefined {
  return db.get<SourceRow>("SELECT * FROM sources WHERE name = ?", sourceKey(name));
}

/** Insert a source; the caller has checked it does not exist. */
export function insertSource(
  db: Database,
  name: string,
  displayName: string,
  at: string,
): SourceRow {
  const { lastInsertRowid } = db.run(
    "INSERT INTO sources (name, display_name, created_at) VALUES (?, ?, ?)",
    sourceKey(name),
    displayName,
    at,
  );
  return { id: lastInsertRowid, name: sourceKey(name), display_name: displayName, created_at: at };
}

/** A source with its last import and totals of its non-rejected charges. */
export interface SourceSummaryRow extends SourceRow {
  last_import: string | null;
  charges: number;
  billed_cost: number;
}

/** All sources with totals (read from the charge rollups, exact and cheap at any size). */
export function listSourcesWithTotals(db: Database): SourceSummaryRow[] {
  return db.all<SourceSummaryRow>(`
    SELECT s.*, (SELECT max(imported_at) FROM imports i WHERE i.source_id = s.id) AS last_import,
      coalesce(c.n, 0) AS charges, coalesce(c.billed, 0) AS billed_cost
    FROM sources s LEFT JOIN (
      SELECT source_id, sum(charges) AS n, sum(billed_cost) AS billed FROM charge_rollups
      WHERE review_status != 'rejected' GROUP BY source_id
    ) c ON c.source_id = s.id
    ORDER BY s.name`);
}

/** Sums of a source's non-rejected charges in one currency. */
export interface SourceCurrencyTotalsRow {
  source_id: number;
  billing_currency: string;
  billed_cost: number;
  list_cost: number;
}

/** Non-rejected charge sums per (source, currency), for sources that have charges. */
export function listSourceCurrencyTotals(db: Database): SourceCurrencyTotalsRow[] {
  return db.all<SourceCurrencyTotalsRow>(`
    SELECT source_id, billing_currency, sum(billed_cost) AS billed_cost, sum(list_cost) AS list_cost
    FROM charge_rollups WHERE review_status != 'rejected'
    GROUP BY source_id, billing_currency ORDER BY source_id, billing_currency`);
}
