/**
 * Money in several currencies is never added together. A set of amounts is
 * summarised per currency; the single total exists only when there is at most
 * one currency. (Printing them is charges/currency_totals.ts.)
 */

import { microsToDecimal, sumMicros } from "./money.ts";

/** Billed and list sums (micro-units) in one currency. */
export interface CurrencyTotal {
  currency: string;
  billedCost: number;
  listCost: number;
}

/** Sums of amounts that may be in several currencies. */
export interface MoneyTotals {
  /** The one currency, or null when there are none or several. */
  currency: string | null;
  /** The sum when there is at most one currency (0 for none), else null. */
  billedCost: number | null;
  listCost: number | null;
  /** One entry per currency, sorted by currency code. */
  totals: CurrencyTotal[];
}

/** Combine per-currency parts (several parts may share a currency). */
export function combineCurrencyTotals(
  parts: Iterable<{ currency: string; billedCost: number; listCost: number }>,
): MoneyTotals {
  const by = new Map<string, CurrencyTotal>();
  for (const p of parts) {
    const t = by.get(p.currency) ?? { currency: p.currency, billedCost: 0, listCost: 0 };
    t.billedCost = sumMicros([t.billedCost, p.billedCost]);
    t.listCost = sumMicros([t.listCost, p.listCost]);
    by.set(p.currency, t);
  }
  const totals = [...by.values()].sort((a, b) => a.currency.localeCompare(b.currency));
  if (totals.length > 1) return { currency: null, billedCost: null, listCost: null, totals };
  const one = totals[0];
  return {
    currency: one?.currency ?? null,
    billedCost: one?.billedCost ?? 0,
    listCost: one?.listCost ?? 0,
    totals,
  };
}

/** The JSON form: money as decimal strings (null stays null). */
export function moneyTotalsJson(t: MoneyTotals) {
  return {
    billedCost: t.billedCost === null ? null : microsToDecimal(t.billedCost),
    listCost: t.listCost === null ? null : microsToDecimal(t.listCost),
    currency: t.currency,
    totals: t.totals.map((c) => ({
      currency: c.currency,
      billedCost: microsToDecimal(c.billedCost),
      listCost: microsToDecimal(c.listCost),
    })),
  };
}
