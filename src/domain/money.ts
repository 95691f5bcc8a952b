/**
 * Money is integer micro-units (1e-6 of the currency unit) held in a JS number
 * (exact up to 2^53 micro-units, about 9 billion currency units per value).
 * Parsed from decimal strings without passing through a float.
 *
 * Rounding: digits beyond the micro-unit are rounded half away from zero when
 * parsing. A shown amount is rounded once to its currency's minor unit (JPY 0,
 * USD 2, BHD 3 decimals) by `roundToMinor` in currency.ts (the one home of
 * that rule) and printed by money_format.ts; `formatMicros(v, places)` only
 * writes digits.
 */

const DECIMAL_RE = /^([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/**
 * Parse a decimal string (plain or E-notation, e.g. "3.5E-7", "-12.50", ".5")
 * into integer micro-units. Returns null when the text is not a finite decimal
 * number (e.g. "12..5", "abc", "NaN", "Infinity", "1e309" out of range).
 */
export function parseMicros(text: string): number | null {
  const m = DECIMAL_RE.exec(text.trim());
  if (!m) return null;
  const [, sign, intPart = "", fracPart = "", expRaw] = m;
  if (intPart === "" && fracPart === "") return null;
  const exp = expRaw === undefined ? 0 : Number(expRaw);
  if (!Number.isSafeInteger(exp) || Math.abs(exp) > 400) return null;
  let digits = intPart + fracPart;
  // number of digits left of the decimal point once scaled to micro-units
  let pointPos = intPart.length + exp + 6;
  const significant = digits.replace(/^0+/, "");
  if (significant === "") return 0;
  pointPos -= digits.length - significant.length;
  digits = significant;
  if (pointPos > 18) return null; // 1e12 currency units or more: out of range
  let whole: string;
  let rest: string;
  if (pointPos <= 0) {
    whole = "0";
    rest = "0".repeat(-pointPos) + digits;
  } else if (pointPos >= digits.length) {
    whole = digits + "0".repeat(pointPos - digits.length);
    rest = "";
  } else {
    whole = digits.slice(0, pointPos);
    rest = digits.slice(pointPos);
  }
  let value = Number(whole);
  if (rest.length > 0 && rest.charCodeAt(0) >= 53 /* '5' */) value += 1;
  if (!Number.isSafeInteger(value)) return null;
  return sign === "-" && value !== 0 ? -value : value;
}

/** Exact decimal string of micro-units with `places` decimals (6 = exact, 2 = cents). */
export function formatMicros(micros: number, places = 6): string {
  if (!Number.isSafeInteger(micros)) throw new Error(`not an integer amount: ${micros}`);
  const value = places === 6 ? micros : roundMicros(micros, places);
  const neg = value < 0;
  const abs = String(Math.abs(value)).padStart(7, "0");
  const whole = abs.slice(0, abs.length - 6);
  const frac = abs.slice(abs.length - 6, abs.length - 6 + places);
  return (neg ? "-" : "") + whole + (places > 0 ? "." + frac : "");
}

/**
 * Decimal string for JSON output: exact to the micro-unit, trailing zeros
 * trimmed down to two decimals ("19086.75", "0.00035").
 */
export function microsToDecimal(micros: number): string {
  const full = formatMicros(micros, 6);
  const [w, f] = full.split(".");
  let frac = f;
  while (frac.length > 2 && frac.endsWith("0")) frac = frac.slice(0, -1);
  return `${w}.${frac}`;
}

/** Round micro-units to a multiple of 10^(6-places), half away from zero. */
export function roundMicros(micros: number, places = 2): number {
  const step = 10 ** (6 - places);
  const abs = Math.abs(micros);
  const rounded = Math.floor((abs + step / 2) / step) * step;
  return micros < 0 ? -rounded : rounded;
}

/** Sum micro-unit amounts, refusing to leave the safe-integer range. */
export function sumMicros(values: Iterable<number>): number {
  let total = 0;
  for (const v of values) total += v;
  if (!Number.isSafeInteger(total)) throw new Error("money sum overflowed the exact range");
  return total;
}

/**
 * Discount percent of list (list - billed) / list, as text with one decimal
 * when not whole, truncated toward zero so 99.95 % never prints as 100 %.
 */
export function discountPercentText(listMicros: number, billedMicros: number): string {
  if (listMicros === 0) return "0";
  // tenths of a percent, truncated toward zero, in integer arithmetic
  const tenths = Math.trunc(((listMicros - billedMicros) * 1000) / listMicros);
  const whole = Math.trunc(tenths / 10);
  const frac = Math.abs(tenths % 10);
  if (frac === 0) return String(whole);
  return `${tenths < 0 && whole === 0 ? "-" : ""}${whole}.${frac}`;
}
