/**
 * The statement money rule, shared with the journal export so that a PI's
 * statement and the journal agree to the cent.
 */

import { formatMicros, roundToCents } from "../domain/money.ts";

/** The two stored amounts of a charge (integer micro-units). */
export interface ChargeAmounts {
  billed_cost: number;
  list_cost: number;
}

/** The printed amounts of one charge line, in micro-units that are whole cents. */
export interface LineAmounts {
  /** roundToCents(billed_cost): what the PI pays for this line. */
  billed: number;
  /** roundToCents(list_cost): the list price of this line. */
  list: number;
  /** list - billed: the institutional discount/subsidy of this line. */
  discount: number;
}

/**
 * THE money rule of statements and journals. Each charge line is rounded to
 * cents once, half away from zero (`roundToCents`): billed = round(billed_cost),
 * list = round(list_cost), discount = list - billed. Every total (statement,
 * service, fund/org debit) is the plain sum of these rounded lines, never a
 * rounding of a raw sum, so the same charges always give the same cents.
 */
export function lineAmounts(charge: ChargeAmounts): LineAmounts {
  const billed = roundToCents(charge.billed_cost);
  const list = roundToCents(charge.list_cost);
  return { billed, list, discount: list - billed };
}

const formatters = new Map<string, Intl.NumberFormat>();

/**
 * Format cents-rounded micro-units in `currency` with Intl.NumberFormat
 * ("$1,234.50", "€12.00", "JPY 1,235" as the locale prints it). The value is
 * passed as an exact decimal string, never through a float sum. An unknown
 * currency code falls back to "CODE 1,234.50".
 */
export function formatMoney(micros: number, currency: string): string {
  let fmt = formatters.get(currency);
  if (!fmt) {
    try {
      fmt = new Intl.NumberFormat("en-US", {
        style: "currency",
        currency,
        minimumFractionDigits: 2,
        maximumFractionDigits: 2,
      });
    } catch {
      fmt = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
      const plain = fmt;
      fmt = {
        format: (v: string) => `${currency} ${plain.format(v as unknown as number)}`,
      } as unknown as Intl.NumberFormat;
    }
    formatters.set(currency, fmt);
  }
  // Intl.NumberFormat accepts exact decimal strings (ES2023 NumberFormat v3).
  return fmt.format(formatMicros(micros, 2) as unknown as number);
}
