/**
 * Printing per-currency totals (the totals themselves: domain/currency_totals.ts).
 */

import type { MoneyTotals } from "../domain/currency_totals.ts";
import { formatMoneyCode } from "../domain/money_format.ts";

export {
  combineCurrencyTotals,
  type CurrencyTotal,
  type MoneyTotals,
  moneyTotalsJson,
} from "../domain/currency_totals.ts";

/** Human text of a total: "1,234.56 USD" or "10.00 EUR + 5.00 USD" (each rounded once to its minor unit). */
export function moneyTotalsText(
  t: MoneyTotals,
  which: "billedCost" | "listCost" = "billedCost",
): string {
  if (t.totals.length === 0) return "0.00";
  return t.totals.map((c) => formatMoneyCode(c[which], c.currency)).join(" + ");
}
