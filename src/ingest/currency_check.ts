/**
 * The currency of a file's rows, checked once per distinct value: a
 * BillingCurrency (or pre-1.0 BilledCurrency) cell must be an ISO 4217 code
 * (any letter case; stored upper-cased), else the delivery is refused with the
 * line and column. FOCUS allows virtual currencies (credits, tokens) only in
 * PricingCurrency, never in BillingCurrency. Rows without a currency (no
 * column, or an empty cell) take the config currency and are counted, so the
 * delivery can say so.
 */

import { isNullCell } from "../domain/fingerprint.ts";
import { isIso4217 } from "../focus/currency_codes.ts";
import type { HeaderPlan } from "./focus_header.ts";
import type { RowErrorList } from "./row_errors.ts";

const HINT =
  "BillingCurrency must be a national currency's three-letter ISO 4217 code (USD, EUR, ...); " +
  "FOCUS allows virtual currencies (credits, tokens) only in PricingCurrency.";

/** Checks the currency cells of one file. */
export class CurrencyCheck {
  /** Rows that took the config currency (no column, or an empty cell). */
  defaulted = 0;
  readonly #index: number;
  readonly #column: string;
  readonly #file: string;
  /** The last cell seen and whether it was a code (most files hold one currency). */
  #last: string | null = null;
  #lastValid = true;

  constructor(plan: HeaderPlan, fileName: string) {
    this.#column = plan.currencyColumn ?? "";
    this.#index = plan.currencyColumn === null ? -1 : plan.names.indexOf(plan.currencyColumn);
    this.#file = fileName;
  }

  /** Check one data row's currency cell; a bad code is added to `errors`. */
  check(cells: string[], line: number, errors: RowErrorList): void {
    if (this.#index < 0) {
      this.defaulted++;
      return;
    }
    const cell = cells[this.#index];
    if (cell === this.#last) {
      if (!this.#lastValid) this.#refuse(cell, line, errors);
      return;
    }
    if (cell === undefined) return; // a short row: the row width error says it
    this.#last = cell;
    if (isNullCell(cell)) {
      this.#lastValid = true;
      this.defaulted++;
      this.#last = null; // count every empty cell
      return;
    }
    this.#lastValid = isIso4217(cell.trim().toUpperCase());
    if (!this.#lastValid) this.#refuse(cell, line, errors);
  }

  #refuse(cell: string, line: number, errors: RowErrorList): void {
    errors.add({
      file: this.#file,
      line,
      column: this.#column,
      what: `'${cell}' is not an ISO 4217 currency code.`,
      hint: HINT,
    });
  }
}
