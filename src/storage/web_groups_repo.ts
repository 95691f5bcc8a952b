/**
 * Read-only grouped queries of the web pages: projects and PIs with totals,
 * the per-month trend, services, members and statements of one project or PI. Billable: sql_rules.ts;
 * money is summed per currency (currencies are never added together). The
 * totals come from the charge rollups (rollups_repo.ts), not the charges.
 */

import type { Database, SqlValue } from "./database.ts";
import { BILLABLE_SQL as BILLABLE } from "./sql_rules.ts";

/** A project or a PI of a period, in one currency. */
export interface GroupTotalsRow {
  /** Project id or PI email ('' when the charges carry none). */
  key: string;
  /** For a project: its PI (the largest email when several); for a PI: the PI name. */
  other: string | null;
  currency: string;
  charges: number;
  pending: number;
  billed: number;
  list: number;
  /** For a PI: how many projects; for a project: how many fund/orgs. */
  spread: number;
}

/** Sort keys of the project and PI lists: ORDER BY text (billed: largest first). */
export const GROUP_SORTS: Record<string, string> = {
  billed: "billed DESC, key",
  "-billed": "billed ASC, key",
  key: "key, billed DESC",
  charges: "charges DESC, key",
  pending: "pending DESC, key",
};

/** Narrowing of the project and PI lists; every field optional. */
export interface GroupListFilter {
  /** Lower-cased PI email, exact (a PI reader's scope). */
  piEmail?: string;
  /** Case-insensitive substring of the PI email or name (the Projects page's PI filter). */
  pi?: string;
  /** Case-insensitive substring of the project, PI email, PI name or fund/org. */
  search?: string;
  /** A key of GROUP_SORTS (default billed). */
  sort?: string;
}

/**
 * Projects (by = "project") or PIs (by = "pi") of a period with totals,
 * largest billed first (or `f.sort`). The text filters read the rollup rows
 * (a LIKE over the small rollups table, never the charges).
 */
export function listGroupTotals(
  db: Database,
  by: "project" | "pi",
  period: string,
  f: GroupListFilter = {},
): GroupTotalsRow[] {
  const key = by === "pi" ? "pi_email" : "project_id";
  const other = by === "pi" ? "max(pi_name)" : "max(pi_email)";
  const spread = by === "pi" ? "count(DISTINCT project_id)" : "count(DISTINCT fund_org)";
  const params: SqlValue[] = [period];
  const w: string[] = [];
  if (f.piEmail !== undefined) (w.push("pi_email = ?"), params.push(f.piEmail.toLowerCase()));
  if (f.pi) {
    w.push("instr(lower(coalesce(pi_email, '') || ' ' || coalesce(pi_name, '')), ?) > 0");
    params.push(f.pi.toLowerCase());
  }
  if (f.search) {
    w.push(`instr(lower(coalesce(project_id, '') || ' ' || coalesce(pi_email, '') || ' ' ||
      coalesce(pi_name, '') || ' ' || coalesce(fund_org, '')), ?) > 0`);
    params.push(f.search.toLowerCase());
  }
  const order = GROUP_SORTS[f.sort ?? "billed"] ?? GROUP_SORTS.billed;
  return db.all<GroupTotalsRow>(
    `SELECT coalesce(${key}, '') AS key, ${other} AS other, billing_currency AS currency,
       sum(CASE WHEN ${BILLABLE} THEN charges ELSE 0 END) AS charges,
       sum(CASE WHEN review_status = 'pending' THEN charges ELSE 0 END) AS pending,
       coalesce(sum(CASE WHEN ${BILLABLE} THEN billed_cost END), 0) AS billed,
       coalesce(sum(CASE WHEN ${BILLABLE} THEN list_cost END), 0) AS list, ${spread} AS spread
     FROM charge_rollups WHERE period = ? ${w.map((x) => `AND ${x}`).join(" ")}
       AND review_status != 'rejected'
     GROUP BY ${key}, billing_currency ORDER BY ${order}`,
    ...params,
  );
}

/** Which charges a detail page covers: one project or one PI (and a PI scope). */
export interface GroupSelector {
  by: "project" | "pi";
  key: string;
  /** Limit to this PI (a PI session). */
  piEmail?: string;
}

function groupWhere(g: GroupSelector): { where: string; params: SqlValue[] } {
  const w: string[] = [];
  const p: SqlValue[] = [];
  if (g.by === "pi") (w.push("pi_email = ?"), p.push(g.key.toLowerCase()));
  else if (g.key === "") w.push("project_id IS NULL");
  else (w.push("project_id = ?"), p.push(g.key));
  if (g.piEmail !== undefined) (w.push("pi_email = ?"), p.push(g.piEmail.toLowerCase()));
  return { where: w.join(" AND "), params: p };
}

/** Billable cost per period and currency of a project or PI in [from, to]. */
export function groupMonthlyTrend(
  db: Database,
  g: GroupSelector,
  from: string,
  to: string,
): { period: string; currency: string; billed: number; charges: number }[] {
  const s = groupWhere(g);
  return db.all(
    `SELECT period, billing_currency AS currency, sum(billed_cost) AS billed,
       sum(charges) AS charges
     FROM charge_rollups WHERE ${s.where} AND period BETWEEN ? AND ? AND ${BILLABLE}
     GROUP BY period, billing_currency ORDER BY period`,
    ...s.params,
    from,
    to,
  );
}

/** Billable cost by service of a project or PI in a period, largest first. */
export function groupServices(
  db: Database,
  g: GroupSelector,
  period: string,
): { label: string; currency: string; billed: number; charges: number }[] {
  const s = groupWhere(g);
  return db.all(
    `SELECT coalesce(service_name, '(none)') AS label, billing_currency AS currency,
       sum(billed_cost) AS billed, sum(charges) AS charges
     FROM charge_rollups WHERE ${s.where} AND period = ? AND ${BILLABLE}
     GROUP BY service_name, billing_currency ORDER BY billed DESC LIMIT 25`,
    ...s.params,
    period,
  );
}

/** The other side of a group in a period: a project's PIs, or a PI's projects, with totals. */
export function groupMembers(
  db: Database,
  g: GroupSelector,
  period: string,
): { key: string; fund_org: string | null; currency: string; billed: number; charges: number }[] {
  const s = groupWhere(g);
  const key = g.by === "pi" ? "project_id" : "pi_email";
  return db.all(
    `SELECT coalesce(${key}, '') AS key, max(fund_org) AS fund_org, billing_currency AS currency,
       sum(billed_cost) AS billed, sum(charges) AS charges
     FROM charge_rollups WHERE ${s.where} AND period = ? AND ${BILLABLE}
     GROUP BY ${key}, billing_currency ORDER BY billed DESC`,
    ...s.params,
    period,
  );
}

/** A stored statement revision, as the project and PI pages list them. */
export interface GroupStatementRow {
  id: number;
  number: string;
  revision: number;
  period: string;
  pi_email: string;
  project_id: string | null;
  currency: string;
  billed_cost: number | null;
  totals: string;
  generated_at: string;
  sent_at: string | null;
}

/** The latest revision of each statement of a project or PI, newest period first. */
export function groupStatements(db: Database, g: GroupSelector): GroupStatementRow[] {
  const s = groupWhere(g);
  return db.all<GroupStatementRow>(
    `SELECT id, number, revision, period, pi_email, project_id, currency, billed_cost, totals,
       generated_at, sent_at FROM statements st
     WHERE ${s.where} AND revision = (SELECT max(revision) FROM statements t
       WHERE t.number = st.number)
     ORDER BY period DESC, number LIMIT 100`,
    ...s.params,
  );
}
