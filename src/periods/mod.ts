/** Periods capability. */
export { assertPeriodsOpen } from "./period_rules.ts";
export {
  closePeriod,
  finalizePeriod,
  getPeriod,
  listPeriods,
  type PeriodChange,
  type PeriodSummary,
  periodSummaryJson,
  reopenPeriod,
  requirePeriod,
} from "./period_service.ts";
