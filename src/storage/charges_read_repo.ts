/**
 * Read-side charge queries: a PI's per-project totals (show), one charge with
 * every column (web charge detail), and a filtered, paged charge list (web
 * charges browser).
 */

import type { Database, SqlValue } from "./database.ts";

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
      sum(review_status IN ('none', 'approved')) AS charges,
      sum(review_status = 'pending') AS flagged,
      coalesce(sum(CASE WHEN review_status IN ('none', 'approved') THEN billed_cost END), 0) AS billed_cost,
      coalesce(sum(CASE WHEN review_status IN ('none', 'approved') THEN list_cost END), 0) AS list_cost
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
     FROM charges c JOIN sources s ON s.id = c.source_id WHERE c.id = ?`,
    id,
  );
}

/** Filters for the charges browser; all optional, combined with AND. */
export interface ChargeListFilter {
  period?: string;
  sourceId?: number;
  /** Compared lower-cased. */
  piEmail?: string;
  projectId?: string;
  fundOrg?: string;
  reviewStatus?: "none" | "pending" | "approved" | "rejected";
  /** Substring of service name, resource id or resource name (case-insensitive). */
  search?: string;
  limit?: number;
  offset?: number;
}

/** The columns the charges browser lists. */
export interface ChargeListRow {
  id: number;
  period: string;
  source_name: string;
  charge_period_start: string | null;
  pi_email: string | null;
  project_id: string | null;
  fund_org: string | null;
  service_name: string | null;
  resource_id: string | null;
  resource_name: string | null;
  billed_cost: number;
  list_cost: number;
  billing_currency: string;
  review_status: string;
  flags: string | null;
}

function chargeListWhere(f: ChargeListFilter): { where: string; params: SqlValue[] } {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (f.period) (where.push("c.period = ?"), params.push(f.period));
  if (f.sourceId !== undefined) (where.push("c.source_id = ?"), params.push(f.sourceId));
  if (f.piEmail) (where.push("lower(c.pi_email) = ?"), params.push(f.piEmail.toLowerCase()));
  if (f.projectId) (where.push("c.project_id = ?"), params.push(f.projectId));
  if (f.fundOrg) (where.push("c.fund_org = ?"), params.push(f.fundOrg));
  if (f.reviewStatus) (where.push("c.review_status = ?"), params.push(f.reviewStatus));
  if (f.search) {
    where.push(`(instr(lower(coalesce(c.service_name, '')), ?) > 0
      OR instr(lower(coalesce(c.resource_id, '')), ?) > 0
      OR instr(lower(coalesce(c.resource_name, '')), ?) > 0)`);
    const s = f.search.toLowerCase();
    params.push(s, s, s);
  }
  return { where: where.length ? `WHERE ${where.join(" AND ")}` : "", params };
}

/** One page of charges matching the filter, ordered by period (newest first), PI, project, id. */
export function listChargeRows(db: Database, f: ChargeListFilter = {}): ChargeListRow[] {
  const { where, params } = chargeListWhere(f);
  return db.all<ChargeListRow>(
    `SELECT c.id, c.period, s.name AS source_name, c.charge_period_start, c.pi_email, c.project_id,
      c.fund_org, c.service_name, c.resource_id, c.resource_name, c.billed_cost, c.list_cost,
      c.billing_currency, c.review_status, c.flags
    FROM charges c JOIN sources s ON s.id = c.source_id ${where}
    ORDER BY c.period DESC, c.pi_email, c.project_id, c.id LIMIT ? OFFSET ?`,
    ...params,
    f.limit ?? 100,
    f.offset ?? 0,
  );
}

/** How many charges match the filter (ignoring limit/offset). */
export function countChargeRows(db: Database, f: ChargeListFilter = {}): number {
  const { where, params } = chargeListWhere(f);
  return db.get<{ n: number }>(`SELECT count(*) AS n FROM charges c ${where}`, ...params)?.n ?? 0;
}
