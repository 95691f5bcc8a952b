/**
 * Read-side charge queries: a PI's per-project totals (show) and one charge
 * with every column (web charge detail). The filtered charge list is
 * web_lists_repo.ts.
 */

import type { Database } from "./database.ts";
import { BILLABLE_SQL } from "./sql_rules.ts";

/** Totals of one PI's charges for one (project, fund/org, currency). */
export interface PiProjectTotalsRow {
  project_id: string | null;
  fund_org: string | null;
  billing_currency: string;
  /** Billable charges (review_status 'none' or 'approved'). */
  charges: number;
  /** Charges awaiting review. */
  flagged: number;
  /** Sums over the billable charges only. */
  billed_cost: number;
  list_cost: number;
}

/**
 * A PI's charges in a period grouped by project, fund/org and currency
 * (rejected charges left out; groups with only pending charges included).
 */
export function listPiProjectTotals(
  db: Database,
  period: string,
  piEmail: string,
): PiProjectTotalsRow[] {
  return db.all<PiProjectTotalsRow>(
    `SELECT project_id, fund_org, billing_currency,
      sum(${BILLABLE_SQL}) AS charges,
      sum(review_status = 'pending') AS flagged,
      coalesce(sum(CASE WHEN ${BILLABLE_SQL} THEN billed_cost END), 0) AS billed_cost,
      coalesce(sum(CASE WHEN ${BILLABLE_SQL} THEN list_cost END), 0) AS list_cost
    FROM charges
    WHERE period = ? AND lower(pi_email) = ? AND review_status != 'rejected'
    GROUP BY project_id, fund_org, billing_currency
    ORDER BY project_id, fund_org, billing_currency`,
    period,
    piEmail.toLowerCase(),
  );
}

/** How many charges (any review status) a PI has in a period. */
export function countPiCharges(db: Database, period: string, piEmail: string): number {
  return db.get<{ n: number }>(
    "SELECT count(*) AS n FROM charges WHERE period = ? AND lower(pi_email) = ?",
    period,
    piEmail.toLowerCase(),
  )?.n ?? 0;
}

/** The distinct PI emails (lower-cased) of a period, sorted. */
export function listPiEmails(db: Database, period: string): string[] {
  return db.all<{ pi: string }>(
    `SELECT DISTINCT lower(pi_email) AS pi FROM charges
     WHERE period = ? AND pi_email IS NOT NULL ORDER BY pi`,
    period,
  ).map((r) => r.pi);
}

/** Every column of a charge plus its source's name and display name. */
export type ChargeDetailRow = Record<string, unknown> & {
  id: number;
  period: string;
  source_name: string;
  source_display_name: string;
  tags: string | null;
  extra: string | null;
  flags: string | null;
  review_status: string;
  billed_cost: number;
  list_cost: number;
  billing_currency: string;
};

/** One charge with every column, or undefined. */
export function findChargeDetailRow(db: Database, id: number): ChargeDetailRow | undefined {
  return db.get<ChargeDetailRow>(
    `SELECT c.*, s.name AS source_name, s.display_name AS source_display_name
     FROM charge_values c JOIN sources s ON s.id = c.source_id WHERE c.id = ?`,
    id,
  );
}
