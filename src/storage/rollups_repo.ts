/**
 * Charge rollups (table charge_rollups, migration 0006): per (period, source,
 * PI email, PI name, project, fund/org, service, currency, review status) the
 * charge count and the billed and list sums, in micro-units. Aggregate pages
 * read them instead of scanning the charges of a period (about 15,000 rows
 * instead of 1,000,000). SQLite triggers on charges keep them exact in the
 * same statement as every insert, delete or update of a charge (ingest,
 * review decisions, restores, test seeds, hand-written SQL alike), so no
 * writer has to remember them. The functions here check and repair them.
 */

import type { Database, SqlValue } from "./database.ts";

/** The grouping columns of a rollup, in table order. */
export const ROLLUP_KEY_COLUMNS = [
  "period",
  "source_id",
  "pi_email",
  "pi_name",
  "project_id",
  "fund_org",
  "service_name",
  "billing_currency",
  "review_status",
] as const;

const KEY = ROLLUP_KEY_COLUMNS.join(", ");

/** One rollup row (a group of charges). */
export interface ChargeRollupRow {
  period: string;
  source_id: number;
  pi_email: string | null;
  pi_name: string | null;
  project_id: string | null;
  fund_org: string | null;
  service_name: string | null;
  billing_currency: string;
  review_status: string;
  charges: number;
  billed_cost: number;
  list_cost: number;
}

/** Which rollups to check or rebuild: all, or some periods (and one source). */
export interface RollupScope {
  periods?: string[];
  sourceId?: number;
}

function scopeWhere(s: RollupScope): { where: string; params: SqlValue[] } {
  const w: string[] = [];
  const p: SqlValue[] = [];
  if (s.periods) {
    w.push("period IN (SELECT value FROM json_each(?))");
    p.push(JSON.stringify(s.periods));
  }
  if (s.sourceId !== undefined) (w.push("source_id = ?"), p.push(s.sourceId));
  return { where: w.length ? `WHERE ${w.join(" AND ")}` : "", params: p };
}

const FROM_CHARGES = (where: string) =>
  `SELECT ${KEY}, count(*) AS charges, sum(billed_cost) AS billed_cost,
     sum(list_cost) AS list_cost FROM charges ${where} GROUP BY ${KEY}`;

/** The stored rollups in scope, sorted by every key column. */
export function listChargeRollups(db: Database, scope: RollupScope = {}): ChargeRollupRow[] {
  const s = scopeWhere(scope);
  return db.all<ChargeRollupRow>(
    `SELECT ${KEY}, charges, billed_cost, list_cost FROM charge_rollups ${s.where}
     ORDER BY ${KEY}`,
    ...s.params,
  );
}

/** The rollups recomputed from the charges in scope (a full GROUP BY), sorted like listChargeRollups. */
export function computeChargeRollups(db: Database, scope: RollupScope = {}): ChargeRollupRow[] {
  const s = scopeWhere(scope);
  return db.all<ChargeRollupRow>(`${FROM_CHARGES(s.where)} ORDER BY ${KEY}`, ...s.params);
}

/**
 * Groups where the stored rollups and the charges disagree (missing on either
 * side or with other figures); empty when the rollups are exact. Scans the
 * charges in scope: for tests and checks, not for pages.
 */
export function chargeRollupDrift(db: Database, scope: RollupScope = {}): {
  stored: ChargeRollupRow[];
  computed: ChargeRollupRow[];
} {
  const s = scopeWhere(scope);
  const stored = `SELECT ${KEY}, charges, billed_cost, list_cost FROM charge_rollups ${s.where}`;
  const computed = FROM_CHARGES(s.where);
  return {
    stored: db.all<ChargeRollupRow>(
      `${stored} EXCEPT ${computed} ORDER BY ${KEY}`,
      ...s.params,
      ...s.params,
    ),
    computed: db.all<ChargeRollupRow>(
      `${computed} EXCEPT ${stored} ORDER BY ${KEY}`,
      ...s.params,
      ...s.params,
    ),
  };
}

/**
 * Recompute the rollups in scope from the charges (delete them, then one
 * INSERT ... SELECT ... GROUP BY). Never needed in normal operation (the
 * triggers keep them exact); a repair for a database edited with the
 * triggers dropped. Returns the number of rollup rows written. Runs in a
 * write transaction (joins the caller's).
 */
export function rebuildChargeRollups(db: Database, scope: RollupScope = {}): number {
  const s = scopeWhere(scope);
  return db.transaction(() => {
    deleteChargeRollups(db, scope);
    return db.run(
      `INSERT INTO charge_rollups (${KEY}, charges, billed_cost, list_cost)
       ${FROM_CHARGES(s.where)}`,
      ...s.params,
    ).changes;
  });
}

/** Delete the rollups in scope, before they are written anew (in the caller's transaction). */
export function deleteChargeRollups(db: Database, scope: RollupScope): void {
  const s = scopeWhere(scope);
  db.run(`DELETE FROM charge_rollups ${s.where}`, ...s.params);
}

/** Non-rejected charge count and sums of a source in one currency. */
export interface SourceRollupTotalsRow {
  source_id: number;
  billing_currency: string;
  charges: number;
  billed_cost: number;
  list_cost: number;
}

/**
 * Non-rejected charge count and sums per (source, currency), from the
 * rollups (what the sources list shows, without scanning the charges).
 */
export function sourceRollupTotals(db: Database): SourceRollupTotalsRow[] {
  return db.all<SourceRollupTotalsRow>(
    `SELECT source_id, billing_currency, sum(charges) AS charges, sum(billed_cost) AS billed_cost,
       sum(list_cost) AS list_cost FROM charge_rollups WHERE review_status != 'rejected'
     GROUP BY source_id, billing_currency ORDER BY source_id, billing_currency`,
  );
}
