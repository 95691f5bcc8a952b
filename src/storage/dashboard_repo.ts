/**
 * Read-only aggregate queries of the web pages (dashboard, settings pattern
 * tester, database size). Billable: sql_rules.ts;
 * money is summed in SQL per currency (different currencies are never added).
 * Every query takes an optional PI email: a PI session sees only its charges.
 * The figures come from the charge rollups (rollups_repo.ts), not the charges:
 * a few thousand group rows per period instead of every charge.
 */

import type { Database, SqlValue } from "./database.ts";
import { BILLABLE_SQL as BILLABLE } from "./sql_rules.ts";

/** WHERE fragment and parameters for a period and an optional PI. */
function scope(period: string, piEmail?: string): { where: string; params: SqlValue[] } {
  return piEmail === undefined
    ? { where: "period = ?", params: [period] }
    : { where: "period = ? AND pi_email = ?", params: [period, piEmail.toLowerCase()] };
}

/** Billed and list totals of one currency. */
export interface CurrencyTotalRow {
  currency: string;
  billed: number;
  list: number;
  charges: number;
}

/** Counts of a period's billable charges. */
export interface PeriodCountsRow {
  charges: number;
  pis: number;
  projects: number;
  pending: number;
}

/** Billable totals of a period per currency. */
export function periodTotalsByCurrency(
  db: Database,
  period: string,
  piEmail?: string,
): CurrencyTotalRow[] {
  const s = scope(period, piEmail);
  return db.all<CurrencyTotalRow>(
    `SELECT billing_currency AS currency, sum(billed_cost) AS billed, sum(list_cost) AS list,
       sum(charges) AS charges FROM charge_rollups WHERE ${s.where} AND ${BILLABLE}
     GROUP BY billing_currency ORDER BY sum(billed_cost) DESC`,
    ...s.params,
  );
}

/** Billable charge, PI and project counts, and charges awaiting review, of a period. */
export function periodCounts(db: Database, period: string, piEmail?: string): PeriodCountsRow {
  const s = scope(period, piEmail);
  const row = db.get<PeriodCountsRow>(
    `SELECT sum(CASE WHEN ${BILLABLE} THEN charges ELSE 0 END) AS charges,
       count(DISTINCT CASE WHEN ${BILLABLE} THEN pi_email END) AS pis,
       count(DISTINCT CASE WHEN ${BILLABLE} THEN project_id END) AS projects,
       sum(CASE WHEN review_status = 'pending' THEN charges ELSE 0 END) AS pending
     FROM charge_rollups WHERE ${s.where}`,
    ...s.params,
  );
  return {
    charges: row?.charges ?? 0,
    pis: row?.pis ?? 0,
    projects: row?.projects ?? 0,
    pending: row?.pending ?? 0,
  };
}

/** A labelled billed amount in one currency. */
export interface LabelledCostRow {
  label: string;
  currency: string;
  billed: number;
  charges: number;
}

/** Billable cost of a period by source (display name). */
export function costBySource(db: Database, period: string, piEmail?: string): LabelledCostRow[] {
  const s = scope(period, piEmail);
  return db.all<LabelledCostRow>(
    `SELECT coalesce(nullif(src.display_name, ''), src.name) AS label, c.currency, c.billed, c.charges
     FROM (SELECT source_id, billing_currency AS currency, sum(billed_cost) AS billed,
             sum(charges) AS charges
           FROM charge_rollups WHERE ${s.where} AND ${BILLABLE} GROUP BY source_id, billing_currency) c
     JOIN sources src ON src.id = c.source_id ORDER BY c.billed DESC`,
    ...s.params,
  );
}

/** Billable cost of a period by service, largest first. */
export function costByService(
  db: Database,
  period: string,
  limit: number,
  piEmail?: string,
): LabelledCostRow[] {
  const s = scope(period, piEmail);
  return db.all<LabelledCostRow>(
    `SELECT coalesce(service_name, '(none)') AS label, billing_currency AS currency,
       sum(billed_cost) AS billed, sum(charges) AS charges
     FROM charge_rollups WHERE ${s.where} AND ${BILLABLE}
     GROUP BY service_name, billing_currency ORDER BY billed DESC LIMIT ?`,
    ...s.params,
    limit,
  );
}

/** Billed cost of a month in one currency. */
export interface TrendPointRow {
  period: string;
  currency: string;
  billed: number;
}

/** Billable cost per period and currency for periods in [from, to]. */
export function monthlyTrend(
  db: Database,
  from: string,
  to: string,
  piEmail?: string,
): TrendPointRow[] {
  const pi = piEmail === undefined ? "" : "AND pi_email = ?";
  const params: SqlValue[] = [from, to];
  if (piEmail !== undefined) params.push(piEmail.toLowerCase());
  return db.all<TrendPointRow>(
    `SELECT period, billing_currency AS currency, sum(billed_cost) AS billed FROM charge_rollups
     WHERE period BETWEEN ? AND ? ${pi} AND ${BILLABLE}
     GROUP BY period, billing_currency ORDER BY period`,
    ...params,
  );
}

/** Billable cost of a PI or a project. */
export interface TopRow {
  key: string;
  name: string | null;
  currency: string;
  billed: number;
  charges: number;
}

/** The PIs (by = "pi") or projects (by = "project") with the largest billed cost. */
export function topSpenders(
  db: Database,
  by: "pi" | "project",
  period: string,
  limit: number,
  piEmail?: string,
): TopRow[] {
  const s = scope(period, piEmail);
  const key = by === "pi" ? "pi_email" : "project_id";
  const name = by === "pi" ? "max(pi_name)" : "max(pi_email)";
  return db.all<TopRow>(
    `SELECT coalesce(${key}, '(none)') AS key, ${name} AS name, billing_currency AS currency,
       sum(billed_cost) AS billed, sum(charges) AS charges
     FROM charge_rollups WHERE ${s.where} AND ${BILLABLE}
     GROUP BY ${key}, billing_currency ORDER BY billed DESC LIMIT ?`,
    ...s.params,
    limit,
  );
}

/** The text fields flag patterns are matched against, for a pattern tester. */
export interface ChargeTextRow {
  id: number;
  service_name: string | null;
  resource_id: string | null;
  resource_name: string | null;
  fund_org: string | null;
  pi_email: string | null;
}

/** Up to `limit` charges of a period (by id) with the fields patterns are matched against. */
export function chargeTextSample(db: Database, period: string, limit: number): ChargeTextRow[] {
  return db.all<ChargeTextRow>(
    `SELECT id, service_name, resource_id, resource_name, fund_org, pi_email FROM charges
     WHERE period = ? ORDER BY id LIMIT ?`,
    period,
    limit,
  );
}

/** Distinct fund/org values of a period with their charge counts. */
export function distinctFundOrgs(
  db: Database,
  period: string,
): { fund_org: string | null; charges: number }[] {
  return db.all(
    `SELECT fund_org, sum(charges) AS charges FROM charge_rollups WHERE period = ?
     GROUP BY fund_org ORDER BY fund_org`,
    period,
  );
}

/** Size in bytes of the database (pages x page size). */
export function databaseSizeBytes(db: Database): number {
  const r = db.get<{ n: number; s: number }>(
    "SELECT (SELECT page_count FROM pragma_page_count()) AS n, (SELECT page_size FROM pragma_page_size()) AS s",
  );
  return (r?.n ?? 0) * (r?.s ?? 0);
}

/** Run a trivial query: throws when the database does not answer. */
export function pingDatabase(db: Database): void {
  db.get("SELECT 1 AS ok");
}
