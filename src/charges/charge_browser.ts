/**
 * The charges browser's read service: a filtered, sorted page of charges with
 * per-currency totals, and exactly the same filtered set as a stream for the
 * CSV export. The reader's DataScope always wins over a PI filter.
 */

import type { AppContext } from "../app_context.ts";
import { UserError } from "../domain/errors.ts";
import {
  browseCharges,
  browseChargeTotals,
  CHARGE_SORTS,
  type ChargeBrowseFilter,
  type ChargeBrowseRow,
  type ChargeBrowseTotalsRow,
  type ChargeExportRow,
  findSource,
  iterateBrowsedCharges,
  listSourceNames as storedSourceNames,
} from "../storage/mod.ts";
import { ALL_PIS, type DataScope } from "./data_scope.ts";
import { cachedFigures } from "./figures_cache.ts";

/** The default order: the most expensive first. */
export const DEFAULT_CHARGE_SORT = "-cost";

/** The attribution columns of a charge, in the order pages and exports show them. */
export const ATTRIBUTION_FIELDS: readonly string[] = [
  "pi_email",
  "pi_name",
  "project_id",
  "fund_org",
  "cost_center",
  "reference_1",
  "reference_2",
  "account_code",
];

/** What the charges browser asks for; every field optional, combined with AND. */
export interface ChargeQuery {
  period?: string;
  /** A source name (any case); UserError when there is none of that name. */
  source?: string;
  /**
   * PI email, project, fund/org, service: each a case-insensitive substring
   * ("chem" finds "CHEM-2024"), or the exact value after a leading "=".
   */
  piEmail?: string;
  projectId?: string;
  fundOrg?: string;
  service?: string;
  /** A flag reason, matched exactly or as a prefix ("pattern" matches "pattern:gpu"). */
  reason?: string;
  reviewStatus?: "none" | "pending" | "approved" | "rejected";
  /** Case-insensitive substring of service, resource, PI, project, fund/org or description. */
  search?: string;
}

/** One page of the browser and the count and totals of everything that matches. */
export interface ChargePage {
  rows: ChargeBrowseRow[];
  /** Per currency: count, billed and list sums of every matching charge. */
  totals: ChargeBrowseTotalsRow[];
  /** How many charges match in all. */
  total: number;
}

/** True when `sort` names a known sort key (optionally with a leading "-" for descending). */
export function isChargeSort(sort: string): boolean {
  return Object.hasOwn(CHARGE_SORTS, sort.replace(/^-/, ""));
}

/** The id of the source named `name`, or a UserError (with `hint` when given). */
export function sourceIdByName(ctx: AppContext, name: string, hint?: string): number {
  const s = findSource(ctx.db, name);
  if (!s) throw new UserError(`there is no source '${name}'.`, hint ? { hint } : {});
  return s.id;
}

function browseFilter(ctx: AppContext, q: ChargeQuery, scope: DataScope): ChargeBrowseFilter {
  return {
    period: q.period || undefined,
    sourceId: q.source
      ? sourceIdByName(ctx, q.source, "Pick one from the Source list.")
      : undefined,
    piEmail: scope.pi,
    pi: scope.pi ? undefined : q.piEmail || undefined,
    projectId: q.projectId || undefined,
    fundOrg: q.fundOrg || undefined,
    service: q.service || undefined,
    reason: q.reason || undefined,
    status: q.reviewStatus || undefined,
    search: q.search || undefined,
  };
}

/** The charges matching `q` within `scope`: one page in `sort` order, and the totals. */
export function browseChargePage(
  ctx: AppContext,
  q: ChargeQuery,
  scope: DataScope,
  page: { sort: string; limit: number; offset: number },
): ChargePage {
  const f = browseFilter(ctx, q, scope);
  const totals = cachedFigures(ctx, `charges ${JSON.stringify(f)}`, () => {
    return browseChargeTotals(ctx.db, f);
  });
  return {
    rows: browseCharges(ctx.db, f, page.sort, page.limit, page.offset),
    totals,
    total: totals.reduce((n, t) => n + t.charges, 0),
  };
}

/** Every charge matching `q` within `scope`, every column, in `sort` order, one at a time. */
export function exportChargeRows(
  ctx: AppContext,
  q: ChargeQuery,
  scope: DataScope,
  sort: string,
): IterableIterator<ChargeExportRow> {
  return iterateBrowsedCharges(ctx.db, browseFilter(ctx, q, scope), sort);
}

/** Every source name, sorted (the browser's filter choices). */
export function listSourceNames(ctx: AppContext): string[] {
  return storedSourceNames(ctx.db);
}

/** A page of everyone's charges matching `q` (most expensive first) and how many match. */
export function listCharges(
  ctx: AppContext,
  q: ChargeQuery & { limit?: number; offset?: number } = {},
): { rows: ChargeBrowseRow[]; total: number } {
  const { limit = 100, offset = 0, ...query } = q;
  const { rows, total } = browseChargePage(ctx, query, ALL_PIS, {
    sort: DEFAULT_CHARGE_SORT,
    limit,
    offset,
  });
  return { rows, total };
}
