/**
 * Read side of a period for the web: the period names (the global period
 * selector) and one period in detail (its imports and largest PIs). Staff
 * information: a PI's pages do not read the detail.
 */

import type { AppContext } from "../app_context.ts";
import { type ImportRecord, listImportHistory } from "../imports/mod.ts";
import { listKnownPeriods, type TopRow, topSpenders } from "../storage/mod.ts";
import { getPeriod, type PeriodSummary } from "./period_service.ts";

/** A period with its latest imports and its largest PIs. Money in micro-units. */
export interface PeriodDetail {
  summary: PeriodSummary;
  /** Up to 20 deliveries touching the period, newest first. */
  imports: ImportRecord[];
  /** Up to 10 PIs by billable cost (one row per PI and currency). */
  topPis: TopRow[];
}

/** Every period name, newest first. */
export function listPeriodNames(ctx: AppContext): string[] {
  return listKnownPeriods(ctx.db);
}

/** The period named by user input in detail; NotFoundError (listing the known ones) when absent. */
export function getPeriodDetail(ctx: AppContext, period: string): PeriodDetail {
  const summary = getPeriod(ctx, period);
  return {
    summary,
    imports: listImportHistory(ctx, { period: summary.period, limit: 20 }),
    topPis: topSpenders(ctx.db, "pi", summary.period, 10),
  };
}
