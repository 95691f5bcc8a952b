/** Billing periods and their status. */

import type { PeriodStatus } from "../domain/period.ts";
import type { Database } from "./database.ts";

/** A stored period. */
export interface PeriodRow {
  period: string;
  status: PeriodStatus;
  created_at: string;
  closed_at: string | null;
  finalized_at: string | null;
  notes: string | null;
}

/** The period, or undefined. */
export function findPeriod(db: Database, period: string): PeriodRow | undefined {
  return db.get<PeriodRow>("SELECT * FROM periods WHERE period = ?", period);
}

/** Create the period as open if it does not exist. Returns true when created. */
export function ensurePeriod(db: Database, period: string, at: string): boolean {
  return db.run(
    "INSERT INTO periods (period, status, created_at) VALUES (?, 'open', ?) ON CONFLICT DO NOTHING",
    period,
    at,
  ).changes > 0;
}

/** Set the status (and the matching timestamp/notes). */
export function updatePeriodStatus(
  db: Database,
  period: string,
  status: PeriodStatus,
  at: string,
  notes?: string,
): void {
  db.run(
    `UPDATE periods SET status = ?,
      closed_at = CASE WHEN ? = 'closed' THEN ? ELSE closed_at END,
      finalized_at = CASE WHEN ? = 'finalized' THEN ? ELSE finalized_at END,
      notes = coalesce(?, notes)
     WHERE period = ?`,
    status,
    status,
    at,
    status,
    at,
    notes ?? null,
    period,
  );
}

/** A period with counts and sums over its non-rejected charges. */
export interface PeriodSummaryRow extends PeriodRow {
  charges: number;
  flagged: number;
  billed_cost: number;
  list_cost: number;
}

/**
 * All periods, newest first, with totals (from the charge rollups, see rollups_repo.ts);
 * `only` limits it to one period (read through the rollups' period index: a page about one
 * month does not add up the other months).
 */
export function listPeriodsWithTotals(db: Database, only?: string): PeriodSummaryRow[] {
  const one = only !== undefined;
  return db.all<PeriodSummaryRow>(
    `
    SELECT p.*, coalesce(c.n, 0) AS charges, coalesce(c.flagged, 0) AS flagged,
      coalesce(c.billed, 0) AS billed_cost, coalesce(c.list, 0) AS list_cost
    FROM periods p LEFT JOIN (
      SELECT period, sum(charges) AS n,
        sum(CASE WHEN review_status = 'pending' THEN charges ELSE 0 END) AS flagged,
        sum(billed_cost) AS billed, sum(list_cost) AS list
      FROM charge_rollups WHERE review_status != 'rejected' ${one ? "AND period = ?" : ""}
      GROUP BY period
    ) c ON c.period = p.period
    ${one ? "WHERE p.period = ?" : ""}
    ORDER BY p.period DESC`,
    ...(one ? [only, only] : []),
  );
}

/** The names of all periods, newest first. */
export function listKnownPeriods(db: Database): string[] {
  return db.all<{ period: string }>("SELECT period FROM periods ORDER BY period DESC")
    .map((r) => r.period);
}

/** Exact sums of a period's charges in one currency: billable ones, and pending ones apart. */
export interface PeriodCurrencyTotalsRow {
  period: string;
  billing_currency: string;
  /** Billable (not flagged, or approved) charges: what statements bill. */
  billed_cost: number;
  list_cost: number;
  /** Charges awaiting review (not billed until approved). */
  pending_billed_cost: number;
}

/** Exact charge sums per (period, currency), for periods that have charges (rollups); `only`: one period. */
export function listPeriodCurrencyTotals(db: Database, only?: string): PeriodCurrencyTotalsRow[] {
  const one = only !== undefined;
  return db.all<PeriodCurrencyTotalsRow>(
    `
    SELECT period, billing_currency,
      coalesce(sum(CASE WHEN review_status IN ('none', 'approved') THEN billed_cost END), 0) AS billed_cost,
      coalesce(sum(CASE WHEN review_status IN ('none', 'approved') THEN list_cost END), 0) AS list_cost,
      coalesce(sum(CASE WHEN review_status = 'pending' THEN billed_cost END), 0) AS pending_billed_cost
    FROM charge_rollups WHERE review_status != 'rejected' ${one ? "AND period = ?" : ""}
    GROUP BY period, billing_currency ORDER BY period DESC, billing_currency`,
    ...(one ? [only] : []),
  );
}
