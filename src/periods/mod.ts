/** Periods capability: the period lifecycle, the lock rule, and the read side of periods. */
export { assertPeriodsOpen, periodLockNotice, periodStatus } from "./period_rules.ts";
export {
  type CloseOptions,
  closePeriod,
  createPeriod,
  finalizePeriod,
  getPeriod,
  listPeriods,
  type PeriodChange,
  type PeriodStatementTotals,
  type PeriodSummary,
  periodSummaryJson,
  reopenPeriod,
  requirePeriod,
  requirePeriodStatus,
  statementRoundingText,
} from "./period_service.ts";
export { getPeriodDetail, listPeriodNames, type PeriodDetail } from "./period_detail.ts";
