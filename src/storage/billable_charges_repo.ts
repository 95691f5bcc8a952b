/**
 * The charges that are billed: of a period, approved or never flagged, not
 * rejected. Statements and journals read them through here, so both bill the
 * same set.
 */

import type { Database } from "./database.ts";
import { chargeValueSql } from "./charge_texts.ts";
import { PENDING_ORDER_INDEX, PENDING_REVIEW_INDEX } from "./review_repo.ts";
import { billableStatuses } from "./sql_rules.ts";

/** The columns statements and journals need of a charge. */
export interface BillableChargeRow {
  id: number;
  period: string;
  source_id: number;
  source_name: string;
  source_display_name: string;
  charge_period_start: string | null;
  billed_cost: number;
  list_cost: number;
  billing_currency: string;
  charge_category: string | null;
  charge_class: string | null;
  charge_description: string | null;
  service_name: string | null;
  service_category: string | null;
  resource_id: string | null;
  resource_name: string | null;
  pricing_quantity: string | null;
  pricing_unit: string | null;
  consumed_quantity: string | null;
  consumed_unit: string | null;
  pi_email: string | null;
  pi_name: string | null;
  project_id: string | null;
  fund_org: string | null;
  cost_center: string | null;
  reference_1: string | null;
  reference_2: string | null;
  account_code: string | null;
  review_status: string;
}

/** Filters for billable charges. */
export interface BillableFilter {
  period: string;
  piEmails?: string[];
  projectIds?: string[];
  /** Also include charges awaiting review (marked by review_status = 'pending'). */
  includePending?: boolean;
}

/**
 * Iterate billable charges of a period ordered by PI, project, currency,
 * service, date, id (a stable order for golden files). Streams rows.
 */
export function iterateBillableCharges(
  db: Database,
  f: BillableFilter,
): Iterable<BillableChargeRow> {
  const statuses = billableStatuses(f);
  const where = [`c.period = ?`, `c.review_status IN ${statuses}`];
  const params: string[] = [f.period];
  if (f.piEmails?.length) {
    where.push(`c.pi_email IN (${f.piEmails.map(() => "?").join(",")})`);
    params.push(...f.piEmails.map((e) => e.toLowerCase()));
  }
  if (f.projectIds?.length) {
    where.push(`c.project_id IN (${f.projectIds.map(() => "?").join(",")})`);
    params.push(...f.projectIds);
  }
  const text = (col: string) => `${chargeValueSql("c", col)} AS ${col}`;
  // ORDER BY names the result column charge_period_start (the text, resolved once a row)
  const sql =
    `SELECT c.id, c.period, c.source_id, s.name AS source_name, s.display_name AS source_display_name,
      ${text("charge_period_start")}, c.billed_cost, c.list_cost, c.billing_currency,
      ${text("charge_category")}, ${text("charge_class")}, ${text("charge_description")},
      c.service_name, ${text("service_category")}, c.resource_id, c.resource_name,
      c.pricing_quantity, ${text("pricing_unit")}, c.consumed_quantity, ${text("consumed_unit")},
      c.pi_email, c.pi_name, c.project_id, c.fund_org, c.cost_center, c.reference_1, c.reference_2,
      c.account_code, c.review_status
    FROM charges c JOIN sources s ON s.id = c.source_id
    WHERE ${where.join(" AND ")}
    ORDER BY c.pi_email, c.project_id, c.billing_currency, c.service_name, charge_period_start, c.id`;
  return db.prepare(sql).iterate(...params) as Iterable<BillableChargeRow>;
}

/** Count and billed sum of charges awaiting review in a period (optionally for some PIs). */
export function pendingReviewTotals(
  db: Database,
  period: string,
  piEmail?: string,
): { count: number; billed: number } {
  const pending = (index: string) =>
    `SELECT count(*) AS n, sum(billed_cost) AS b
     FROM charges INDEXED BY ${index} WHERE period = ? AND review_status = 'pending'`;
  const row = piEmail
    ? db.get<{ n: number; b: number | null }>(
      `${pending(PENDING_ORDER_INDEX)} AND pi_email = ?`,
      period,
      piEmail.toLowerCase(),
    )
    : db.get<{ n: number; b: number | null }>(pending(PENDING_REVIEW_INDEX), period);
  return { count: row?.n ?? 0, billed: row?.b ?? 0 };
}

/**
 * Billable charges of a period summed per (PI, project, source, fund/org,
 * account code tag, currency) as stored (not trimmed). The sums are exact
 * (micro-units): rounding happens once, in the journal service, per statement
 * (`domain/currency.ts`); no money is rounded in SQL.
 */
export interface BillableGroupRow {
  pi_email: string | null;
  project_id: string | null;
  source_id: number;
  source_name: string;
  source_display_name: string;
  fund_org: string | null;
  account_code: string | null;
  billing_currency: string;
  /** Exact sum of the charges' billed costs (micro-units). */
  billed_exact: number;
  charges: number;
  pending: number;
}

/** Helper threads for the GROUP BY sort (measured: 2.7-4.0 s -> 1.4 s at 1,000,000 charges). */
const SORTER_THREADS = 2;

/** The journal's group key, in its ORDER BY order. */
const GROUP_KEY = "pi_email, project_id, source_id, fund_org, account_code, billing_currency";
/** The group key without the account code: the charge rollups' part of it. */
const ROLLUP_GROUP_KEY = "pi_email, project_id, source_id, fund_org, billing_currency";

/**
 * The billable charges of a period grouped for a GL journal: a few rows per
 * statement instead of one per charge (no statement-order sort of the
 * period). Rows come in (PI, project, source, fund/org, account, currency)
 * order.
 *
 * The sums come from the charge rollups (exact, kept by triggers), which have
 * every column of the key but the account code: only the period's charges
 * that carry an account code are grouped from the charges, and subtracted
 * from their rollup group, whose rest is the group without an account code.
 * One scan of the period (no sort of every charge: 1.6-1.9 s -> 0.45 s at
 * 1,000,000 charges) first checks the rollups' count, pending count and
 * billed sum per currency against the charges and counts the coded ones (a
 * second scan groups them when there are any). Should the rollups ever
 * disagree with the charges, the groups are summed from the charges alone.
 */
export function listBillableGroups(
  db: Database,
  f: { period: string; includePending?: boolean },
): BillableGroupRow[] {
  const range = periodIdRange(db, f.period);
  if (!range) return [];
  const statuses = billableStatuses(f);
  const coded = rollupsAgree(db, f.period, statuses, range);
  if (coded === null) return listBillableGroupsFromCharges(db, f);
  const rows = withSorterThreads(db, () =>
    db.all<BillableGroupRow & { bad: number }>(
      `WITH coded AS (
        SELECT ${GROUP_KEY}, sum(c.billed_cost) AS billed_exact, count(*) AS charges,
          sum(c.review_status = 'pending') AS pending
        FROM charges c NOT INDEXED
        WHERE c.id BETWEEN ? AND ? AND c.period = ? AND c.review_status IN ${statuses}
          AND c.account_code IS NOT NULL AND ${coded > 0 ? 1 : 0}
        GROUP BY ${GROUP_KEY}
      ), rolled AS (
        SELECT ${ROLLUP_GROUP_KEY}, sum(billed_cost) AS billed_exact, sum(charges) AS charges,
          sum(CASE WHEN review_status = 'pending' THEN charges ELSE 0 END) AS pending
        FROM charge_rollups WHERE period = ? AND review_status IN ${statuses}
        GROUP BY ${ROLLUP_GROUP_KEY}
      ), uncoded AS (
        SELECT r.pi_email, r.project_id, r.source_id, r.fund_org, NULL AS account_code,
          r.billing_currency,
          r.billed_exact - coalesce(sum(k.billed_exact), 0) AS billed_exact,
          r.charges - coalesce(sum(k.charges), 0) AS charges,
          r.pending - coalesce(sum(k.pending), 0) AS pending
        FROM rolled r LEFT JOIN coded k ON k.pi_email IS r.pi_email
          AND k.project_id IS r.project_id AND k.source_id = r.source_id
          AND k.fund_org IS r.fund_org AND k.billing_currency = r.billing_currency
        GROUP BY r.pi_email, r.project_id, r.source_id, r.fund_org, r.billing_currency
      ), g AS (
        SELECT *, 0 AS orphan FROM uncoded WHERE charges != 0 OR billed_exact != 0 OR pending != 0
        UNION ALL
        SELECT k.*, NOT EXISTS (SELECT 1 FROM rolled r WHERE r.pi_email IS k.pi_email
          AND r.project_id IS k.project_id AND r.source_id = k.source_id
          AND r.fund_org IS k.fund_org AND r.billing_currency = k.billing_currency) AS orphan
        FROM coded k
      )
      SELECT g.pi_email, g.project_id, g.source_id, g.fund_org, g.account_code,
        g.billing_currency, g.billed_exact, g.charges, g.pending,
        s.name AS source_name, s.display_name AS source_display_name,
        (g.orphan OR g.charges < 1 OR g.pending < 0 OR g.pending > g.charges) AS bad
      FROM g JOIN sources s ON s.id = g.source_id
      ORDER BY g.pi_email, g.project_id, g.source_id, g.fund_org, g.account_code,
        g.billing_currency`,
      range.lo,
      range.hi,
      f.period,
      f.period,
    ));
  // a rollup group smaller than its coded charges (or one without charges) means drift
  if (rows.some((r) => r.bad)) return listBillableGroupsFromCharges(db, f);
  return rows.map(({ bad: _bad, ...r }) => r);
}

/**
 * The number of the period's billable charges with an account code, when the
 * rollups hold the same count, pending count and billed sum per currency as
 * the charges (one scan of the period's id range); null when they disagree.
 */
function rollupsAgree(
  db: Database,
  period: string,
  statuses: string,
  range: { lo: number; hi: number },
): number | null {
  const rolled = db.all<{ currency: string; n: number; b: number; p: number }>(
    `SELECT billing_currency AS currency, sum(charges) AS n, sum(billed_cost) AS b,
       sum(CASE WHEN review_status = 'pending' THEN charges ELSE 0 END) AS p
     FROM charge_rollups WHERE period = ? AND review_status IN ${statuses}
     GROUP BY billing_currency`,
    period,
  );
  const perCurrency = rolled.map((_, i) =>
    `, coalesce(sum(CASE WHEN c.billing_currency = ?${i + 1} THEN c.billed_cost END), 0) AS b${i},
     sum(c.billing_currency = ?${i + 1}) AS n${i}`
  );
  const k = rolled.length;
  const scan = db.get<Record<string, number | null>>(
    `SELECT count(*) AS n, coalesce(sum(c.review_status = 'pending'), 0) AS p,
       coalesce(sum(c.account_code IS NOT NULL), 0) AS coded${perCurrency.join("")}
     FROM charges c NOT INDEXED
     WHERE c.id BETWEEN ?${k + 1} AND ?${k + 2} AND c.period = ?${k + 3}
       AND c.review_status IN ${statuses}`,
    ...rolled.map((r) => r.currency),
    range.lo,
    range.hi,
    period,
  );
  if (!scan) return null;
  const total = (key: "n" | "p") => rolled.reduce((sum, r) => sum + r[key], 0);
  const agree = scan.n === total("n") && scan.p === total("p") &&
    rolled.every((r, i) => scan[`b${i}`] === r.b && scan[`n${i}`] === r.n);
  return agree ? scan.coded : null;
}

/**
 * The same groups as listBillableGroups summed from the charges alone (the
 * period's charges sorted by the GROUP BY): the reference the rollup build is
 * tested against, and its fallback.
 */
export function listBillableGroupsFromCharges(
  db: Database,
  f: { period: string; includePending?: boolean },
): BillableGroupRow[] {
  const range = periodIdRange(db, f.period);
  if (!range) return [];
  const statuses = billableStatuses(f);
  return withSorterThreads(db, () =>
    db.all<BillableGroupRow>(
      `SELECT g.*, s.name AS source_name, s.display_name AS source_display_name
      FROM (
        SELECT ${GROUP_KEY}, sum(c.billed_cost) AS billed_exact, count(*) AS charges,
          sum(c.review_status = 'pending') AS pending
        FROM charges c NOT INDEXED
        WHERE c.id BETWEEN ? AND ? AND c.period = ? AND c.review_status IN ${statuses}
        GROUP BY ${GROUP_KEY}
      ) g JOIN sources s ON s.id = g.source_id
      ORDER BY g.pi_email, g.project_id, g.source_id, g.fund_org, g.account_code,
        g.billing_currency`,
      range.lo,
      range.hi,
      f.period,
    ));
}

/**
 * The id range of a period's charges. They lie in one range when its files
 * were imported together: scanning that range in table order beats a million
 * lookups through the period index, and never reads more than the whole table.
 */
function periodIdRange(db: Database, period: string): { lo: number; hi: number } | null {
  const range = db.get<{ lo: number | null; hi: number | null }>(
    "SELECT min(id) AS lo, max(id) AS hi FROM charges WHERE period = ?",
    period,
  );
  return range?.lo == null || range.hi == null ? null : { lo: range.lo, hi: range.hi };
}

/** Run `fn` with SQLite's sorter allowed helper threads (a GROUP BY of many charges). */
function withSorterThreads<T>(db: Database, fn: () => T): T {
  const threads = db.get<{ threads: number }>("PRAGMA threads")?.threads ?? 0;
  db.sql.exec(`PRAGMA threads = ${SORTER_THREADS}`);
  try {
    return fn();
  } finally {
    db.sql.exec(`PRAGMA threads = ${Math.trunc(threads)}`);
  }
}
