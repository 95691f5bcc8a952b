/**
 * Charges capability (read side): PI summaries, charge detail, the charges
 * browser, projects and PIs, per-currency totals, and the DataScope that
 * limits a PI's reads to their own charges.
 */
export { type PiProjectSummary, type PiSummary, piSummaryJson, showPi } from "./pi_summary.ts";
export { type ChargeDetail, type ChargeView, getCharge, viewCharge } from "./charge_detail.ts";
export { type SplitAllocation, splitAllocationOf } from "./split_allocation.ts";
export {
  fileBaseName,
  PROVENANCE_FIELDS,
  seesProvenance,
  withoutProvenance,
} from "./charge_provenance.ts";
export { type ChargesCsv, chargesCsvExport, type CsvCell } from "./charges_csv.ts";
export {
  ATTRIBUTION_FIELDS,
  browseChargePage,
  type ChargePage,
  type ChargeQuery,
  DEFAULT_CHARGE_SORT,
  exportChargeRows,
  isChargeSort,
  listCharges,
  listSourceNames,
  sourceIdByName,
} from "./charge_browser.ts";
export {
  getGroupDetail,
  GROUP_SORT_KEYS,
  type GroupBy,
  type GroupDetail,
  type GroupListOptions,
  groupTotals,
  lastTwelveMonths,
  listGroups,
} from "./charge_groups.ts";
export { ALL_PIS, type DataScope, inScope, scopeOf } from "./data_scope.ts";
export { cachedFigures } from "./figures_cache.ts";
export {
  combineCurrencyTotals,
  type CurrencyTotal,
  type MoneyTotals,
  moneyTotalsJson,
  moneyTotalsText,
} from "./currency_totals.ts";
export type {
  ChargeBrowseRow,
  ChargeBrowseTotalsRow,
  ChargeExportRow,
  GroupStatementRow,
  GroupTotalsRow,
} from "../storage/mod.ts";
