/**
 * Exact decimal arithmetic for the sample data (BigInt, no floats): unit price
 * x quantity, discounts, and printing costs the way each exporter writes them.
 */

import { formatMicros } from "../../src/domain/money.ts";

const SCALE = 12;

function toScaled(text: string): bigint {
  const neg = text.startsWith("-");
  const [w, f = ""] = text.replace(/^-/, "").split(".");
  if (f.length > SCALE) throw new Error(`too many decimals: ${text}`);
  const v = BigInt(w + f.padEnd(SCALE, "0"));
  return neg ? -v : v;
}

function divRound(n: bigint, d: bigint): bigint {
  const q = n / d;
  const r = n % d;
  if (2n * (r < 0n ? -r : r) >= d) return q + (n < 0n ? -1n : 1n);
  return q;
}

function scaledToText(v: bigint, minPlaces = 2): string {
  const neg = v < 0n;
  const s = (neg ? -v : v).toString().padStart(SCALE + 1, "0");
  let frac = s.slice(s.length - SCALE);
  while (frac.length > minPlaces && frac.endsWith("0")) frac = frac.slice(0, -1);
  return `${neg ? "-" : ""}${s.slice(0, s.length - SCALE)}.${frac}`;
}

/** price x quantity in micro-units, rounded half away from zero. */
export function costMicros(price: string, quantity: string): number {
  const p = toScaled(price) * toScaled(quantity); // 24 decimals
  return Number(divRound(p, 10n ** BigInt(2 * SCALE - 6)));
}

/** `micros` reduced by `percent` (integer), rounded half away from zero. */
export function discountMicros(micros: number, percent: number): number {
  return Number(divRound(BigInt(micros) * BigInt(100 - percent), 100n));
}

/** A unit price reduced by `percent`, exact (trailing zeros trimmed). */
export function discountPrice(price: string, percent: number): string {
  return scaledToText(divRound(toScaled(price) * BigInt(100 - percent), 100n));
}

/** A cost as text: exact micro-units, trailing zeros trimmed to `minPlaces`, then padded to `pad`. */
export function costText(micros: number, pad = 0): string {
  const full = formatMicros(micros, 6);
  let [w, f] = full.split(".");
  while (f.length > 2 && f.endsWith("0")) f = f.slice(0, -1);
  if (pad > f.length) f = f.padEnd(pad, "0");
  return `${w}.${f}`;
}

/** A quantity with `places` decimals from an integer count of 10^-places units. */
export function quantityText(units: number, places: number): string {
  if (places === 0) return String(units);
  const s = String(units).padStart(places + 1, "0");
  return `${s.slice(0, s.length - places)}.${s.slice(s.length - places)}`;
}
