/**
 * The statement money rule, shared with the journal export so that a PI's
 * statement and the journal agree to the cent.
 */

import { roundToCents } from "../domain/money.ts";

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

export { formatMoney } from "../domain/intl_money.ts";
