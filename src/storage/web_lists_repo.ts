/**
 * Read-only list queries of the web pages: the charges browser (filters,
 * server-side sort, LIMIT/OFFSET pages, counts, a streamed CSV of exactly the
 * filtered set) and the review queue page (paged, with counts per reason).
 * The PI scope is an equality so the charges indexes apply (pi_email is
 * stored lower-cased by ingest). Text filters (PI, project, fund/org,
 * service) match a case-insensitive substring: the matching values are found
 * in the small charge_rollups table and the charges are then read by value
 * (`col IN (...)`), so no filter scans the charges. Totals of filters on grouped columns only
 * (period, source, PI, project, fund/org, service, review status) come from
 * the charge rollups (rollups_repo.ts); a reason or search filter reads the
 * charges.
 */

import type { Database, SqlValue } from "./database.ts";
import { chargeValueSql } from "./charge_texts.ts";
import { flagReasonCondition, PENDING_ORDER_INDEX, PENDING_REVIEW_INDEX } from "./review_repo.ts";

/** Filters of the charges browser; all optional, combined with AND. */
export interface ChargeBrowseFilter {
  period?: string;
  sourceId?: number;
  /** Lower-cased PI email, exact (a PI reader's scope). */
  piEmail?: string;
  /** Text matches (textMatch): PI email, project, fund/org, service. */
  pi?: string;
  projectId?: string;
  fundOrg?: string;
  service?: string;
  /** A flag reason, matched exactly or as a prefix ("pattern" matches "pattern:gpu"). */
  reason?: string;
  status?: "none" | "pending" | "approved" | "rejected";
  /** Case-insensitive substring of service, resource, PI, project, fund/org or description. */
  search?: string;
}

/** Sort keys of the charges browser: column expression, default direction. */
export const CHARGE_SORTS: Record<string, string> = {
  id: "c.id",
  period: "c.period",
  cost: "c.billed_cost",
  list: "c.list_cost",
  pi: "c.pi_email",
  project: "c.project_id",
  service: "c.service_name",
  date: chargeValueSql("c", "charge_period_start"),
};

/** A row of the charges browser. */
export interface ChargeBrowseRow {
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

/** More matching values than this are read by a subquery instead of a list of parameters. */
const MAX_LISTED_VALUES = 500;

/**
 * `c.col` matching `text`: a case-insensitive substring, or exactly the rest
 * after a leading "=" ("=genomics" is the project genomics only). The values
 * that match are looked up in charge_rollups (within `period` when given)
 * first, and the charges are then read by equality: one matching value lets
 * an index give the page's order (the charges of one PI by cost read 50
 * index entries, not every charge of the PI sorted: 20 ms -> 0.1 ms at 1,700
 * charges); none matching reads no charge.
 */
export function textMatch(
  db: Database,
  col: "pi_email" | "project_id" | "fund_org" | "service_name",
  text: string,
  period?: string,
): { sql: string; params: SqlValue[] } {
  if (text.startsWith("=")) {
    const exact = text.slice(1).trim();
    return { sql: `c.${col} = ?`, params: [col === "pi_email" ? exact.toLowerCase() : exact] };
  }
  // distinct values first (the rollup index covers them), then lower() once per value
  const inPeriod = period ? "WHERE r.period = ?" : "";
  const matching = `SELECT v FROM (SELECT DISTINCT r.${col} AS v FROM charge_rollups r ${inPeriod})
      WHERE instr(lower(v), ?) > 0`;
  const params = [...(period ? [period] : []), text.toLowerCase()];
  const values = db.all<{ v: string }>(`${matching} LIMIT ${MAX_LISTED_VALUES + 1}`, ...params)
    .map((r) => r.v);
  if (values.length === 0) return { sql: "0", params: [] };
  if (values.length === 1) return { sql: `c.${col} = ?`, params: values };
  if (values.length <= MAX_LISTED_VALUES) {
    return { sql: `c.${col} IN (${values.map(() => "?").join(", ")})`, params: values };
  }
  return { sql: `c.${col} IN (${matching})`, params };
}

function browseWhere(db: Database, f: ChargeBrowseFilter): { where: string; params: SqlValue[] } {
  const w: string[] = [];
  const p: SqlValue[] = [];
  const match = (col: Parameters<typeof textMatch>[1], text: string | undefined) => {
    if (!text) return;
    const m = textMatch(db, col, text, f.period);
    (w.push(m.sql), p.push(...m.params));
  };
  if (f.period) (w.push("c.period = ?"), p.push(f.period));
  if (f.piEmail) (w.push("c.pi_email = ?"), p.push(f.piEmail.toLowerCase()));
  match("pi_email", f.pi);
  match("project_id", f.projectId);
  if (f.sourceId !== undefined) (w.push("c.source_id = ?"), p.push(f.sourceId));
  match("fund_org", f.fundOrg);
  match("service_name", f.service);
  if (f.status) (w.push("c.review_status = ?"), p.push(f.status));
  if (f.reason) {
    const reason = flagReasonCondition("c", f.reason);
    w.push(reason.sql);
    p.push(...reason.params);
  }
  if (f.search) {
    const cols = [
      "service_name",
      "resource_id",
      "resource_name",
      "pi_email",
      "project_id",
      "fund_org",
      "charge_description",
    ];
    w.push(
      `(${
        cols.map((col) => `instr(lower(coalesce(${chargeValueSql("c", col)}, '')), ?) > 0`)
          .join(" OR ")
      })`,
    );
    for (let i = 0; i < cols.length; i++) p.push(f.search.toLowerCase());
  }
  return { where: w.length ? `WHERE ${w.join(" AND ")}` : "", params: p };
}

/** ORDER BY text for a sort key ("cost", or "-cost" for descending); unknown keys sort by id. */
function chargeOrderBy(sort: string): string {
  const desc = sort.startsWith("-");
  const col = CHARGE_SORTS[desc ? sort.slice(1) : sort] ?? "c.id";
  const dir = desc ? "DESC" : "ASC";
  return col === "c.id" ? `c.id ${dir}` : `${col} ${dir}, c.id ${dir}`;
}

const BROWSE_COLUMNS = `c.id, c.period, s.name AS source_name,
  ${chargeValueSql("c", "charge_period_start")} AS charge_period_start, c.pi_email,
  c.project_id, c.fund_org, c.service_name, c.resource_id, c.resource_name, c.billed_cost,
  c.list_cost, c.billing_currency, c.review_status, c.flags`;

/** One page of charges matching the filter in the given order. */
export function browseCharges(
  db: Database,
  f: ChargeBrowseFilter,
  sort: string,
  limit: number,
  offset: number,
): ChargeBrowseRow[] {
  const { where, params } = browseWhere(db, f);
  return pageOfCharges(db, where, params, chargeOrderBy(sort), limit, offset);
}

function pageOfCharges(
  db: Database,
  where: string,
  params: SqlValue[],
  orderBy: string,
  limit: number,
  offset: number,
  from = "charges c",
): ChargeBrowseRow[] {
  return db.all<ChargeBrowseRow>(
    `SELECT ${BROWSE_COLUMNS} FROM ${from} JOIN sources s ON s.id = c.source_id ${where}
     ORDER BY ${orderBy} LIMIT ? OFFSET ?`,
    ...params,
    limit,
    offset,
  );
}

/** Count and billed totals (per currency) of the charges matching the filter. */
export interface ChargeBrowseTotalsRow {
  currency: string;
  /** Every matching charge, whatever its review status. */
  charges: number;
  /** Exact sums (micro-units); for the charges browser, of the billable charges only. */
  billed: number;
  list: number;
  /** Charges awaiting review and their exact billed sum (shown apart; 0 for the review queue's own totals). */
  pendingCharges: number;
  pendingBilled: number;
}

/**
 * Per-currency count and sums over `c` matching `where`: from the rollups
 * when `rollups` (the filter names grouped columns only), else the charges.
 */
function totalsByCurrency(
  db: Database,
  rollups: boolean,
  where: string,
  params: SqlValue[],
  charges = "charges c",
  billableOnly = false,
): ChargeBrowseTotalsRow[] {
  const count = rollups ? "c.charges" : "1";
  // the billed figure of a set of charges never counts rejected ones; pending ones are given apart
  const billable = billableOnly ? "c.review_status IN ('none', 'approved')" : "1";
  return db.all<ChargeBrowseTotalsRow>(
    `SELECT c.billing_currency AS currency, sum(${count}) AS charges,
       coalesce(sum(CASE WHEN ${billable} THEN c.billed_cost END), 0) AS billed,
       coalesce(sum(CASE WHEN ${billable} THEN c.list_cost END), 0) AS list,
       ${
      billableOnly
        ? `coalesce(sum(CASE WHEN c.review_status = 'pending' THEN ${count} END), 0)`
        : "0"
    } AS pendingCharges,
       ${
      billableOnly
        ? "coalesce(sum(CASE WHEN c.review_status = 'pending' THEN c.billed_cost END), 0)"
        : "0"
    } AS pendingBilled
     FROM ${rollups ? "charge_rollups c" : charges} ${where}
     GROUP BY c.billing_currency ORDER BY c.billing_currency`,
    ...params,
  );
}

/**
 * Per-currency totals of the charges matching the filter: the count of all of
 * them; billed and list sums of the billable ones (rejected and pending left
 * out); the pending ones counted and summed apart.
 */
export function browseChargeTotals(db: Database, f: ChargeBrowseFilter): ChargeBrowseTotalsRow[] {
  const { where, params } = browseWhere(db, f);
  return totalsByCurrency(db, !f.reason && !f.search, where, params, "charges c", true);
}

/** Every column of a charge plus its source name, for the CSV export. */
export type ChargeExportRow = Record<string, unknown> & { source_name: string };

/** Every charge matching the filter, in order, one row at a time (CSV export, streamed). */
export function iterateBrowsedCharges(
  db: Database,
  f: ChargeBrowseFilter,
  sort: string,
): IterableIterator<ChargeExportRow> {
  const { where, params } = browseWhere(db, f);
  // an uncached statement: a cached one would be reset by a concurrent request using it
  return db.sql.prepare(
    `SELECT s.name AS source_name, v.* FROM charges c JOIN charge_values v ON v.id = c.id
       JOIN sources s ON s.id = c.source_id ${where}
     ORDER BY ${chargeOrderBy(sort)}`,
  ).iterate(...params) as IterableIterator<ChargeExportRow>;
}

/** Every source name (filter choices; no charge is read). */
export function listSourceNames(db: Database): string[] {
  return db.all<{ name: string }>("SELECT name FROM sources ORDER BY name").map((r) => r.name);
}

/** Filters of the review queue page. */
export interface ReviewPageFilter {
  period?: string;
  sourceId?: number;
  /** A text match of the PI email (textMatch). */
  piEmail?: string;
  reason?: string;
}

/** The pending charges through their partial indexes (why: PENDING_REVIEW_INDEX in review_repo.ts). */
const PENDING_IN_ORDER = `charges c INDEXED BY ${PENDING_ORDER_INDEX}`;
const PENDING_CHARGES = `charges c INDEXED BY ${PENDING_REVIEW_INDEX}`;

function pendingWhere(db: Database, f: ReviewPageFilter): { where: string; params: SqlValue[] } {
  const w = ["c.review_status = 'pending'"];
  const p: SqlValue[] = [];
  if (f.period) (w.push("c.period = ?"), p.push(f.period));
  if (f.sourceId !== undefined) (w.push("c.source_id = ?"), p.push(f.sourceId));
  if (f.piEmail) {
    const m = textMatch(db, "pi_email", f.piEmail, f.period);
    (w.push(m.sql), p.push(...m.params));
  }
  if (f.reason) {
    const reason = flagReasonCondition("c", f.reason);
    w.push(reason.sql);
    p.push(...reason.params);
  }
  return { where: `WHERE ${w.join(" AND ")}`, params: p };
}

/** One page of the charges awaiting review, by period, PI, project, id. */
export function reviewQueuePage(
  db: Database,
  f: ReviewPageFilter,
  limit: number,
  offset: number,
): ChargeBrowseRow[] {
  const { where, params } = pendingWhere(db, f);
  const order = "c.period, c.pi_email, c.project_id, c.id";
  return pageOfCharges(db, where, params, order, limit, offset, PENDING_IN_ORDER);
}

/** Per-currency count and billed sum of the pending charges matching the filter. */
export function reviewQueueTotals(db: Database, f: ReviewPageFilter): ChargeBrowseTotalsRow[] {
  const { where, params } = pendingWhere(db, f);
  return totalsByCurrency(db, !f.reason, where, params, PENDING_CHARGES);
}

/** Pending charges per flag reason (a charge counts once per reason it carries). */
export function reviewReasonCounts(
  db: Database,
  f: Omit<ReviewPageFilter, "reason">,
): { reason: string; charges: number }[] {
  const { where, params } = pendingWhere(db, f);
  return db.all<{ reason: string; charges: number }>(
    `SELECT j.value AS reason, count(*) AS charges
     FROM ${PENDING_CHARGES}, json_each(CASE WHEN json_valid(c.flags) THEN c.flags ELSE '[]' END) j
     ${where} GROUP BY j.value ORDER BY charges DESC, reason`,
    ...params,
  );
}

/**
 * A value that changes whenever charge figures can have changed: the last
 * import (every ingest, CLI or web, records one; replaced charges go with it)
 * and the last review decision. Two index lookups, for caching aggregates.
 */
export function chargeDataVersion(db: Database): string {
  const r = db.get<{ i: number | null; d: number | null }>(
    "SELECT (SELECT max(id) FROM imports) AS i, (SELECT max(id) FROM review_decisions) AS d",
  );
  return `${r?.i ?? 0}:${r?.d ?? 0}`;
}
