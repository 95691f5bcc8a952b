/** Charges capability (read side): PI summaries, charge detail and the charge list. */
export { type PiProjectSummary, type PiSummary, piSummaryJson, showPi } from "./pi_summary.ts";
export { type ChargeDetail, type ChargeQuery, getCharge, listCharges } from "./charge_detail.ts";
export {
  centsText,
  combineCurrencyTotals,
  type CurrencyTotal,
  type MoneyTotals,
  moneyTotalsJson,
  moneyTotalsText,
} from "./currency_totals.ts";
export { formatTextTable, type TextColumn } from "./text_table.ts";
