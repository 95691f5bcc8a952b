/**
 * THE money formatter: every amount printed or exported (PDF, web, email, CLI
 * text, journals, `--json`) goes through this module, so one amount reads the
 * same everywhere.
 *
 * The rule:
 * - An amount is integer micro-units. A shown amount is rounded ONCE to its
 *   currency's minor unit (ISO 4217: JPY 0, USD 2, BHD 3 decimals), half away
 *   from zero (`roundToMinor`), and printed with exactly that many decimals.
 * - Symbol style, for people (PDF, web, email): the en-US currency pattern of
 *   `Intl.NumberFormat` for the symbol and its position: "$1,234.51",
 *   "€1,234.51", "£1,234.51", "¥1,235", "BHD 1,234.506", "CHF 1,234.50"; a code
 *   without a symbol prints "CODE 1,234.50" with a plain space. Negatives put
 *   the minus sign first: "-$2.00", "-¥1,235", "-BHD 1.000".
 * - Code style, for CLI text: "1,234.51 USD", "-1,235 JPY".
 * - Plain, for tables whose currency is given once in a header: "1,234.51".
 * - JSON: a decimal string without grouping in the minor unit ("1234.51",
 *   "1235" for JPY, "1.234" for BHD) where an amount is shown; exact sums are
 *   `microsToDecimal` ("344847.103392").
 * The digits are built from the integer, never from a float; Intl only gives
 * the symbol and where it goes.
 */

import { minorUnits, roundToMinor } from "./currency.ts";
import { formatMicros } from "./money.ts";

interface Affixes {
  prefix: string;
  suffix: string;
}

const AFFIXES = new Map<string, Affixes>();

function affixes(currency: string): Affixes {
  let a = AFFIXES.get(currency);
  if (a) return a;
  try {
    const parts = new Intl.NumberFormat("en-US", { style: "currency", currency })
      .formatToParts(0);
    const at = parts.findIndex((p) => p.type === "integer");
    const text = (ps: Intl.NumberFormatPart[]) =>
      ps.filter((p) => p.type === "currency" || p.type === "literal")
        .map((p) => p.value).join("").replace(/\s/g, " ");
    const after = parts.slice(at + 1).filter((p) => p.type !== "decimal" && p.type !== "fraction");
    a = { prefix: text(parts.slice(0, at)), suffix: text(after) };
  } catch {
    // not a well-formed currency code: print the code as given
    a = { prefix: `${currency} `, suffix: "" };
  }
  AFFIXES.set(currency, a);
  return a;
}

/** Digits of a rounded amount in the minor unit, without sign or grouping: "1234.51", "1235". */
function minorDigits(
  micros: number,
  currency: string,
): { neg: boolean; whole: string; frac: string } {
  const places = minorUnits(currency);
  const rounded = roundToMinor(micros, currency);
  const text = formatMicros(Math.abs(rounded), places);
  const [whole, frac = ""] = text.split(".");
  return { neg: rounded < 0, whole, frac };
}

function group(whole: string): string {
  return whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** Symbol style, rounded to the minor unit: "$1,234.51", "-€2.00", "¥1,235", "BHD 1,234.506". */
export function formatMoney(micros: number, currency: string): string {
  const { neg, whole, frac } = minorDigits(micros, currency);
  const { prefix, suffix } = affixes(currency);
  return `${neg ? "-" : ""}${prefix}${group(whole)}${frac ? "." + frac : ""}${suffix}`;
}

/** Plain amount, rounded to the minor unit, grouped: "1,234.51", "-1,235" (JPY), "1.234" (BHD). */
export function formatAmount(micros: number, currency: string): string {
  const { neg, whole, frac } = minorDigits(micros, currency);
  return `${neg ? "-" : ""}${group(whole)}${frac ? "." + frac : ""}`;
}

/** Code style for CLI text: "1,234.51 USD", "-1,235 JPY". */
export function formatMoneyCode(micros: number, currency: string): string {
  return `${formatAmount(micros, currency)} ${currency}`;
}

/** JSON decimal string of a shown amount, in the minor unit: "1234.51", "-1235" (JPY), "1.234" (BHD). */
export function minorDecimal(micros: number, currency: string): string {
  const { neg, whole, frac } = minorDigits(micros, currency);
  return `${neg ? "-" : ""}${whole}${frac ? "." + frac : ""}`;
}

/**
 * An exact amount (every micro-unit) grouped, for rounding explanations:
 * "344,847.103392", "-0.003392"; trailing zeros are trimmed down to the
 * currency's minor unit ("344,847.10", JPY "12").
 */
export function formatExact(micros: number, currency: string): string {
  if (!Number.isSafeInteger(micros)) throw new RangeError(`not an integer amount: ${micros}`);
  const places = minorUnits(currency);
  const [whole, f = ""] = formatMicros(Math.abs(micros), 6).split(".");
  let frac = f;
  while (frac.length > places && frac.endsWith("0")) frac = frac.slice(0, -1);
  return `${micros < 0 ? "-" : ""}${group(whole)}${frac ? "." + frac : ""}`;
}

/** Several currencies' amounts, never added: "$10.00 + €5.00" (in the order given). */
export function formatMoneyList(amounts: Iterable<{ micros: number; currency: string }>): string {
  return [...amounts].map((a) => formatMoney(a.micros, a.currency)).join(" + ");
}

/**
 * An amount due as a statement states it: "$12.50", or for a negative total
 * "Credit: $2.00 — nothing is due" (never "Amount due -$2.00").
 */
export function amountDueText(micros: number, currency: string): string {
  const rounded = roundToMinor(micros, currency);
  return rounded < 0
    ? `Credit: ${formatMoney(-rounded, currency)} — nothing is due`
    : formatMoney(rounded, currency);
}
