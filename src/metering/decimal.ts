/**
 * Exact decimal arithmetic for metering: values are BigInt counts of a fixed
 * scale (10^-6 for quantities and money, as everywhere in the program).
 * Nothing here passes through a float.
 */

/** 10^6: quantities (core-hours, TiB-months) and money are kept in micro-units. */
export const MICRO_N = 1_000_000n;

const DECIMAL_RE = /^([+-])?(\d+)(?:\.(\d+))?$/;

/** True when `text` is a plain decimal number ("0.0200", "25", "-1.5"). */
export function isDecimalText(text: string): boolean {
  return DECIMAL_RE.test(text.trim());
}

/**
 * Parse a plain decimal into an integer count of 10^-places, rounding digits
 * beyond half away from zero. Null when it is not a plain decimal.
 */
export function parseScaled(text: string, places: number): bigint | null {
  const m = DECIMAL_RE.exec(text.trim());
  if (!m) return null;
  const [, sign, whole, frac = ""] = m;
  const kept = frac.slice(0, places).padEnd(places, "0");
  let value = BigInt(whole + kept);
  if (frac.length > places && frac.charCodeAt(places) >= 53) value += 1n;
  return sign === "-" ? -value : value;
}

/** Integer division rounded half away from zero (b > 0). */
export function divRound(a: bigint, b: bigint): bigint {
  if (b <= 0n) throw new Error("divRound needs a positive divisor");
  const neg = a < 0n;
  const abs = neg ? -a : a;
  const q = (abs * 2n + b) / (2n * b);
  return neg ? -q : q;
}

/** Text of a count of 10^-places ("1.500000"); trailing zeros trimmed to `minPlaces`. */
export function formatScaled(value: bigint, places = 6, minPlaces = 0): string {
  const neg = value < 0n;
  const digits = (neg ? -value : value).toString().padStart(places + 1, "0");
  const whole = digits.slice(0, digits.length - places);
  let frac = digits.slice(digits.length - places);
  while (frac.length > minPlaces && frac.endsWith("0")) frac = frac.slice(0, -1);
  return (neg ? "-" : "") + whole + (frac ? `.${frac}` : "");
}

/** Micro-units text with at least two decimals (money, like microsToDecimal). */
export function microText(value: bigint): string {
  return formatScaled(value, 6, 2);
}

/** Micro-units text with all six decimals trimmed of trailing zeros (quantities). */
export function quantityText(value: bigint): string {
  return formatScaled(value, 6, 0);
}

/** Normalised decimal text of a price as written ("0.0200" stays "0.0200"). */
export function cleanDecimal(text: string): string {
  return text.trim().replace(/^\+/, "");
}

/** Places after the point of a plain decimal ("0.0200" -> 4). */
export function decimalPlaces(text: string): number {
  const i = text.indexOf(".");
  return i < 0 ? 0 : text.length - i - 1;
}
