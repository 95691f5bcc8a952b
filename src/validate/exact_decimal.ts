/**
 * Exact decimal numbers for conformance checks: FOCUS NumericFormat parsing and
 * BigInt arithmetic, so `ListUnitPrice x PricingQuantity` is compared with
 * `ListCost` without float rounding (FOCUS files carry values near 1e-8 with
 * 15 decimals, below the micro-unit that money is stored in).
 */

/** value = units / 10^scale, scale >= 0. */
export interface ExactDecimal {
  units: bigint;
  scale: number;
}

/**
 * FOCUS NumericFormat: an optional "-" (never "+"), digits with at most one
 * ".", optional E notation whose exponent carries a sign only when negative.
 * No spaces, currency symbols, thousands separators or fractions.
 */
const NUMERIC_FORMAT_RE = /^(-)?(\d*)(?:\.(\d*))?(?:[eE](-?\d+))?$/;

/** Largest exponent accepted; beyond it the text is not a usable number. */
const MAX_EXPONENT = 400;

/**
 * Parse text in FOCUS NumericFormat into an exact decimal, or null when the
 * text is not in that format (e.g. "$10,000.00 ", "+5", "1/2", "1E+3", "").
 */
export function parseExactDecimal(text: string): ExactDecimal | null {
  const m = NUMERIC_FORMAT_RE.exec(text);
  if (!m) return null;
  const [, sign, intPart = "", fracPart = "", expRaw] = m;
  if (intPart === "" && fracPart === "") return null;
  const exp = expRaw === undefined ? 0 : Number(expRaw);
  if (Math.abs(exp) > MAX_EXPONENT) return null;
  let units = BigInt(intPart + fracPart);
  let scale = fracPart.length - exp;
  if (scale < 0) {
    units *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { units: sign ? -units : units, scale };
}

/** a x b, exact. */
export function multiplyDecimals(a: ExactDecimal, b: ExactDecimal): ExactDecimal {
  return { units: a.units * b.units, scale: a.scale + b.scale };
}

/** Units of `d` at a larger or equal `scale`. */
function unitsAt(d: ExactDecimal, scale: number): bigint {
  return d.units * 10n ** BigInt(scale - d.scale);
}

function abs(n: bigint): bigint {
  return n < 0n ? -n : n;
}

/**
 * Whether `actual` matches `expected` within the validator's tolerance: the
 * difference is at most one micro-unit (0.000001, the precision OpenChargeback
 * stores money in) or at most one part per million of `actual` (for large
 * amounts). Both sides are compared exactly, without floats.
 */
export function matchesWithinTolerance(expected: ExactDecimal, actual: ExactDecimal): boolean {
  const scale = Math.max(expected.scale, actual.scale, 6);
  const diff = abs(unitsAt(expected, scale) - unitsAt(actual, scale));
  const million = 1_000_000n;
  if (diff * million <= 10n ** BigInt(scale)) return true; // <= 1e-6 absolute
  return diff * million <= abs(unitsAt(actual, scale)); // <= 1e-6 relative
}

/** Whether `d` is below zero. */
export function isNegative(d: ExactDecimal): boolean {
  return d.units < 0n;
}

/** Plain decimal text of `d` with trailing zeros trimmed ("0.000000005915", "12", "-3.5"). */
export function exactDecimalToString(d: ExactDecimal): string {
  const neg = d.units < 0n;
  const digits = abs(d.units).toString().padStart(d.scale + 1, "0");
  const whole = digits.slice(0, digits.length - d.scale);
  const frac = digits.slice(digits.length - d.scale).replace(/0+$/, "");
  return `${neg ? "-" : ""}${whole}${frac ? "." + frac : ""}`;
}
