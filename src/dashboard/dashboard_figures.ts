/** The figures of the dashboard for one period, limited to the reader's DataScope. */

import type { AppContext } from "../app_context.ts";
import { cachedFigures, type DataScope, lastTwelveMonths } from "../charges/mod.ts";
import { type ImportRecord, listImportHistory } from "../imports/mod.ts";
import {
  costByService,
  costBySource,
  type CurrencyTotalRow,
  type LabelledCostRow,
  monthlyTrend,
  periodCounts,
  type PeriodCountsRow,
  periodTotalsByCurrency,
  type TopRow,
  topSpenders,
} from "../storage/mod.ts";

/** Everything the dashboard shows. Money in micro-units. */
export interface DashboardFigures {
  period: string;
  totals: CurrencyTotalRow[];
  counts: PeriodCountsRow;
  bySource: LabelledCostRow[];
  byService: LabelledCostRow[];
  /** The 12 months ending at `period`, oldest first. */
  months: string[];
  /** currency -> billed per month (aligned with `months`). */
  trend: Map<string, number[]>;
  /** Empty for a PI. */
  topPis: TopRow[];
  topProjects: TopRow[];
  /** Empty for a PI (imports are not theirs to see). */
  imports: ImportRecord[];
}

/** The dashboard of `period` within `scope` (cached until charge data changes). */
export function dashboardFigures(
  ctx: AppContext,
  period: string,
  scope: DataScope,
): DashboardFigures {
  return cachedFigures(ctx, `dashboard ${period} ${scope.pi ?? ""}`, () => {
    return computeFigures(ctx, period, scope.pi);
  });
}

function computeFigures(ctx: AppContext, period: string, pi?: string): DashboardFigures {
  const db = ctx.db;
  const months = lastTwelveMonths(period);
  const trend = new Map<string, number[]>();
  for (const p of monthlyTrend(db, months[0], period, pi)) {
    const row = trend.get(p.currency) ?? months.map(() => 0);
    row[months.indexOf(p.period)] = p.billed;
    trend.set(p.currency, row);
  }
  return {
    period,
    totals: periodTotalsByCurrency(db, period, pi),
    counts: periodCounts(db, period, pi),
    bySource: costBySource(db, period, pi),
    byService: costByService(db, period, 10, pi),
    months,
    trend,
    topPis: pi === undefined ? topSpenders(db, "pi", period, 10) : [],
    topProjects: topSpenders(db, "project", period, 10, pi),
    imports: pi === undefined ? listImportHistory(ctx, { limit: 8 }) : [],
  };
}
