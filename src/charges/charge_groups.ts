/**
 * Projects and PIs (the /projects and /pis pages): totals per project or PI
 * of a period, and one project's or PI's trend, services, members (a
 * project's PIs, a PI's projects) and statements. Every read is limited to
 * the reader's DataScope.
 */

import type { AppContext } from "../app_context.ts";
import { NotFoundError } from "../domain/errors.ts";
import { previousPeriod } from "../domain/period.ts";
import {
  GROUP_SORTS,
  groupMembers,
  groupMonthlyTrend,
  type GroupSelector,
  groupServices,
  type GroupStatementRow,
  groupStatements,
  type GroupTotalsRow,
  listGroupTotals,
} from "../storage/mod.ts";
import type { DataScope } from "./data_scope.ts";

/** What a group is keyed by. */
export type GroupBy = "project" | "pi";

/** One project or PI in detail. Money in micro-units. */
export interface GroupDetail {
  /** The project id or lower-cased PI email ('' for charges without one). */
  key: string;
  /** The 12 periods ending at the period asked for, oldest first (none without a period). */
  months: string[];
  /** Billable cost per period and currency within `months`. */
  trend: { period: string; currency: string; billed: number; charges: number }[];
  /** Billable cost by service in the period, largest first. */
  services: { label: string; currency: string; billed: number; charges: number }[];
  /** A project's PIs or a PI's projects in the period, with totals. */
  members: {
    key: string;
    fund_org: string | null;
    currency: string;
    billed: number;
    charges: number;
  }[];
  /** The latest revision of each statement, newest period first. */
  statements: GroupStatementRow[];
}

/** The 12 periods ending at `period`, oldest first. */
export function lastTwelveMonths(period: string): string[] {
  const months = [period];
  while (months.length < 12) months.unshift(previousPeriod(months[0]));
  return months;
}

/** How the project and PI lists are narrowed and ordered. */
export interface GroupListOptions {
  /** Case-insensitive substring of the project, PI email or name, or fund/org. */
  search?: string;
  /** Case-insensitive substring of the PI email or name (ignored for a PI reader). */
  pi?: string;
  /** billed (largest first, the default), -billed, key, charges or pending. */
  sort?: string;
}

/** The sort keys of listGroups. */
export const GROUP_SORT_KEYS: readonly string[] = Object.keys(GROUP_SORTS);

/** The projects or PIs of `period` with their totals, largest billed first (or `o.sort`). */
export function listGroups(
  ctx: AppContext,
  by: GroupBy,
  period: string,
  scope: DataScope,
  o: GroupListOptions = {},
): GroupTotalsRow[] {
  return listGroupTotals(ctx.db, by, period, {
    piEmail: scope.pi,
    pi: scope.pi ? undefined : o.pi || undefined,
    search: o.search || undefined,
    sort: o.sort,
  });
}

/** Per-currency sums of list rows (the totals row): charges, awaiting review, billed, list. */
export function groupTotals(rows: GroupTotalsRow[]): GroupTotalsRow[] {
  const out = new Map<string, GroupTotalsRow>();
  for (const r of rows) {
    const t = out.get(r.currency) ??
      {
        key: "",
        other: null,
        currency: r.currency,
        charges: 0,
        pending: 0,
        billed: 0,
        list: 0,
        spread: 0,
      };
    t.charges += r.charges;
    t.pending += r.pending;
    t.billed += r.billed;
    t.list += r.list;
    t.spread += 1;
    out.set(r.currency, t);
  }
  return [...out.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}

/**
 * The project or PI named `name` as in its URL ("(none)": charges without
 * one) for `period` ('' when no period exists). NotFoundError when it has
 * neither charges in the 12 months nor statements within `scope`.
 */
export function getGroupDetail(
  ctx: AppContext,
  by: GroupBy,
  name: string,
  period: string,
  scope: DataScope,
): GroupDetail {
  const key = name === "(none)" ? "" : by === "pi" ? name.toLowerCase() : name;
  const g: GroupSelector = { by, key, piEmail: scope.pi };
  const months = period ? lastTwelveMonths(period) : [];
  const trend = period ? groupMonthlyTrend(ctx.db, g, months[0], period) : [];
  const statements = groupStatements(ctx.db, g);
  if (trend.length === 0 && statements.length === 0) {
    throw new NotFoundError(`no charges for ${by === "pi" ? "PI" : "project"} ${name}.`);
  }
  return {
    key,
    months,
    trend,
    services: groupServices(ctx.db, g, period),
    members: groupMembers(ctx.db, g, period),
    statements,
  };
}
