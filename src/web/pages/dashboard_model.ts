/** The figures of the dashboard for one period (and, for a PI, only their charges). */

import { previousPeriod } from "../../domain/period.ts";
import {
  costByService,
  costBySource,
  type CurrencyTotalRow,
  type Database,
  type LabelledCostRow,
  monthlyTrend,
  periodCounts,
  type PeriodCountsRow,
  periodTotalsByCurrency,
  type RecentImportRow,
  recentImports,
  type TopRow,
  topSpenders,
} from "../../storage/mod.ts";

/** Everything the dashboard shows. */
export interface DashboardModel {
  period: string;
  totals: CurrencyTotalRow[];
  counts: PeriodCountsRow;
  bySource: LabelledCostRow[];
  byService: LabelledCostRow[];
  /** The 12 months ending at `period`, oldest first. */
  months: string[];
  /** currency -> billed per month (aligned with `months`). */
  trend: Map<string, number[]>;
  topPis: TopRow[];
  topProjects: TopRow[];
  /** Empty for a PI (imports are not theirs to see). */
  imports: RecentImportRow[];
}

/** The 12 periods ending at `period`, oldest first. */
export function lastTwelveMonths(period: string): string[] {
  const months = [period];
  while (months.length < 12) months.unshift(previousPeriod(months[0]));
  return months;
}

/** Build the dashboard of `period`; `piEmail` limits every figure to one PI. */
export function dashboardModel(db: Database, period: string, piEmail?: string): DashboardModel {
  const months = lastTwelveMonths(period);
  const trend = new Map<string, number[]>();
  for (const p of monthlyTrend(db, months[0], period, piEmail)) {
    const row = trend.get(p.currency) ?? months.map(() => 0);
    row[months.indexOf(p.period)] = p.billed;
    trend.set(p.currency, row);
  }
  return {
    period,
    totals: periodTotalsByCurrency(db, period, piEmail),
    counts: periodCounts(db, period, piEmail),
    bySource: costBySource(db, period, piEmail),
    byService: costByService(db, period, 10, piEmail),
    months,
    trend,
    topPis: piEmail === undefined ? topSpenders(db, "pi", period, 10) : [],
    topProjects: topSpenders(db, "project", period, 10, piEmail),
    imports: piEmail === undefined ? recentImports(db, 8) : [],
  };
}
