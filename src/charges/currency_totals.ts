/**
 * Printing per-currency totals (the totals themselves: domain/currency_totals.ts).
 */

import { formatMicros } from "../domain/money.ts";
import type { MoneyTotals } from "../domain/currency_totals.ts";

export {
  combineCurrencyTotals,
  type CurrencyTotal,
  type MoneyTotals,
  moneyTotalsJson,
} from "../domain/currency_totals.ts";

/** Human text of a total: "1,234.56 USD" or "10.00 EUR + 5.00 USD" (rounded to cents). */
export function moneyTotalsText(
  t: MoneyTotals,
  which: "billedCost" | "listCost" = "billedCost",
): string {
  if (t.totals.length === 0) return "0.00";
  return t.totals.map((c) => `${centsText(c[which])} ${c.currency}`).join(" + ");
}

/** Micro-units as cents text with thousands separators ("1,234.56"), rounded half away from zero. */
export function centsText(micros: number): string {
  const [w, f] = formatMicros(micros, 2).split(".");
  const neg = w.startsWith("-");
  const digits = neg ? w.slice(1) : w;
  return `${neg ? "-" : ""}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${f}`;
}
