/**
 * Largest-remainder allocation of a rounded total over its lines, so that the
 * lines printed under a total add up to it exactly.
 *
 * The rule (one of the money rules of `money_format.ts`):
 * 1. Each line's exact amount is rounded DOWN (toward -infinity) to the minor
 *    unit; what is left of the total is handed out one minor unit at a time.
 * 2. The units go to the lines with the largest remainders (exact - floor).
 * 3. Ties (equal remainders) go to the line that comes FIRST in the input
 *    order, so callers pass lines in their printed order (e.g. sorted by key)
 *    and the result is deterministic.
 * Every line ends within one minor unit of its exact value (strictly within,
 * when the total is the rounded sum of the parts), and a line whose exact
 * value is a whole number of minor units keeps it unless more than one unit
 * per line must be handed out.
 *
 * All amounts are integer micro-units (as everywhere in the program); the
 * results are whole minor units of `currency` expressed in micro-units
 * (USD: multiples of 10,000; JPY: of 1,000,000). Arithmetic is BigInt inside,
 * so weights times totals never lose precision.
 *
 * @example Lines under a statement total (exact micro-unit parts):
 * ```ts
 * import { allocateByParts } from "./allocate.ts";
 * import { roundToMinor } from "./currency.ts";
 * const parts = [3_334, 3_333, 3_333]; // 0.003334 + 0.003333 + 0.003333 USD
 * const total = roundToMinor(10_000, "USD"); // 0.01
 * allocateByParts(total, parts, "USD"); // [10_000, 0, 0]: 0.01 + 0.00 + 0.00
 * ```
 *
 * @example A fund split by percent:
 * ```ts
 * import { allocateByWeights } from "./allocate.ts";
 * allocateByWeights(100_000_000, [3333, 3333, 3334], "USD"); // 100.00 by 33.33/33.33/33.34 %
 * // -> [33_330_000, 33_330_000, 33_340_000]
 * allocateByWeights(10_000, [1, 1, 1], "USD"); // 0.01 in thirds -> [10_000, 0, 0] (tie: first)
 * ```
 */

import { minorStep } from "./currency.ts";

/**
 * Allocate `total` (micro-units, a whole number of minor units of `currency`)
 * over lines whose exact amounts are `parts` (micro-units, any sign). Meant for
 * `total = roundToMinor(sum(parts))`; any total within half a minor unit per
 * line of the parts' sum works. Returns one amount per part (same order), each
 * a whole number of minor units, adding up exactly to `total`.
 *
 * @throws RangeError when `total` is not whole minor units, or is further from
 *   the parts' sum than the lines can absorb at one minor unit each.
 */
export function allocateByParts(
  total: number,
  parts: readonly number[],
  currency: string,
): number[] {
  for (const p of parts) {
    if (!Number.isSafeInteger(p)) throw new RangeError(`not an integer amount: ${p}`);
  }
  return allocate(total, parts.map((p) => BigInt(p)), 1n, currency);
}

/**
 * Allocate `total` (micro-units, whole minor units of `currency`) in
 * proportion to `weights` (non-negative integers, e.g. percents or basis
 * points; they need not add up to 100). Line i's exact share is
 * total * weights[i] / sum(weights). Returns amounts in whole minor units that
 * add up exactly to `total`; a line of weight 0 gets 0.
 *
 * @throws RangeError on a negative or non-integer weight, or when all weights
 *   are 0 and the total is not.
 */
export function allocateByWeights(
  total: number,
  weights: readonly number[],
  currency: string,
): number[] {
  let sum = 0n;
  for (const w of weights) {
    if (!Number.isSafeInteger(w) || w < 0) {
      throw new RangeError(`a weight must be a non-negative integer: ${w}`);
    }
    sum += BigInt(w);
  }
  if (sum === 0n) {
    if (total === 0) return weights.map(() => 0);
    throw new RangeError("cannot allocate a non-zero total over weights that are all 0");
  }
  const t = BigInt(total);
  return allocate(total, weights.map((w) => t * BigInt(w)), sum, currency);
}

/** Core: exact line i = numerators[i] / denominator micro-units (denominator > 0). */
function allocate(
  total: number,
  numerators: readonly bigint[],
  denominator: bigint,
  currency: string,
): number[] {
  const step = minorStep(currency);
  if (!Number.isSafeInteger(total) || total % step !== 0) {
    throw new RangeError(`total ${total} is not a whole number of ${currency} minor units`);
  }
  const unit = BigInt(step) * denominator; // one minor unit, in numerator terms
  const floors: bigint[] = [];
  const remainders: bigint[] = [];
  let floorSum = 0n;
  for (const n of numerators) {
    let q = n / unit; // BigInt division truncates toward zero
    let r = n % unit;
    if (r < 0n) (q -= 1n, r += unit); // floor toward -infinity, remainder in [0, unit)
    floors.push(q);
    remainders.push(r);
    floorSum += q;
  }
  const extra = BigInt(total / step) - floorSum; // minor units left to hand out
  if (extra < 0n || extra > BigInt(numerators.length)) {
    throw new RangeError(
      `total ${total} is too far from the sum of its ${numerators.length} lines to allocate`,
    );
  }
  const order = remainders.map((_, i) => i).sort((a, b) =>
    remainders[a] === remainders[b] ? a - b : remainders[a] > remainders[b] ? -1 : 1
  );
  for (let k = 0; k < Number(extra); k++) floors[order[k]] += 1n;
  return floors.map((q) => Number(q) * step);
}
