import { deepEqual, equal, ok, throws } from "node:assert/strict";
import { allocateByParts, allocateByWeights } from "./allocate.ts";
import { minorStep, roundToMinor } from "./currency.ts";
import { seededRng } from "../../scripts/sample_data/prng.ts";

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

Deno.test("allocateByParts: sub-cent lines add up to the rounded total", () => {
  // three hourly lines of 0.0879921530 (stored 87_992 micro-units each)
  const parts = [87_992, 87_992, 87_992];
  const total = roundToMinor(sum(parts), "USD"); // 0.263976 -> 0.26
  equal(total, 260_000);
  deepEqual(allocateByParts(total, parts, "USD"), [90_000, 90_000, 80_000]);
  // per-line rounding would have said 0.27
});

Deno.test("allocateByParts: ties go to the first line; whole lines keep their value", () => {
  deepEqual(allocateByParts(10_000, [3_334, 3_333, 3_333], "USD"), [10_000, 0, 0]);
  deepEqual(allocateByParts(10_000, [3_333, 3_333, 3_334], "USD"), [0, 0, 10_000]);
  deepEqual(allocateByParts(10_000, [5_000, 5_000], "USD"), [10_000, 0]);
  deepEqual(allocateByParts(1_230_000, [1_000_000, 230_000], "USD"), [1_000_000, 230_000]);
  deepEqual(allocateByParts(0, [], "USD"), []);
  deepEqual(allocateByParts(0, [0, 0], "USD"), [0, 0]);
});

Deno.test("allocateByParts: negatives and credits", () => {
  // -0.005 + -0.005 = -0.01
  deepEqual(allocateByParts(-10_000, [-5_000, -5_000], "USD"), [0, -10_000]);
  // 2.004 - 4.002 = -1.998 -> -2.00
  const parts = [2_004_000, -4_002_000];
  const got = allocateByParts(roundToMinor(sum(parts), "USD"), parts, "USD");
  deepEqual(got, [2_000_000, -4_000_000]);
});

Deno.test("allocateByParts: JPY and BHD minor units", () => {
  // 1.4 + 1.4 + 0.4 = 3.2 -> 3: floors 1 + 1 + 0, one yen to the first of three equal remainders
  deepEqual(allocateByParts(3_000_000, [1_400_000, 1_400_000, 400_000], "JPY"), [
    2_000_000,
    1_000_000,
    0,
  ]);
  deepEqual(allocateByParts(2_000, [700, 700, 600], "BHD"), [1_000, 1_000, 0]);
});

Deno.test("allocateByParts refuses a total it cannot spread", () => {
  throws(() => allocateByParts(5_000, [5_000], "USD"), RangeError); // not whole cents
  throws(() => allocateByParts(30_000, [0], "USD"), RangeError); // 3 cents over one line
  throws(() => allocateByParts(-10_000, [0], "USD"), RangeError);
});

Deno.test("allocateByWeights: percent splits", () => {
  deepEqual(allocateByWeights(100_000_000, [3333, 3333, 3334], "USD"), [
    33_330_000,
    33_330_000,
    33_340_000,
  ]);
  deepEqual(allocateByWeights(100_000_000, [1, 1, 1], "USD"), [
    33_340_000,
    33_330_000,
    33_330_000,
  ]);
  deepEqual(allocateByWeights(10_000, [1, 1, 1], "USD"), [10_000, 0, 0]);
  deepEqual(allocateByWeights(-100_000_000, [1, 1, 1], "USD"), [
    -33_330_000,
    -33_330_000,
    -33_340_000,
  ]);
  deepEqual(allocateByWeights(7_000_000, [60, 40], "JPY"), [4_000_000, 3_000_000]);
  deepEqual(allocateByWeights(5_000_000, [50, 0, 50], "USD"), [2_500_000, 0, 2_500_000]);
  deepEqual(allocateByWeights(0, [0, 0], "USD"), [0, 0]);
  throws(() => allocateByWeights(10_000, [0, 0], "USD"), RangeError);
  throws(() => allocateByWeights(10_000, [-1, 2], "USD"), RangeError);
  throws(() => allocateByWeights(10_000, [0.5, 2], "USD"), RangeError);
});

Deno.test("allocate: random lines add up and stay within one minor unit", () => {
  const rng = seededRng(16);
  for (let round = 0; round < 2000; round++) {
    const currency = rng.pick(["USD", "JPY", "BHD", "EUR"]);
    const step = minorStep(currency);
    const n = rng.int(1, 30);
    const parts = Array.from(
      { length: n },
      () => rng.chance(0.3) ? -rng.int(0, 3 * step) : rng.int(0, rng.chance(0.5) ? step : 1e9),
    );
    const total = roundToMinor(sum(parts), currency);
    const got = allocateByParts(total, parts, currency);
    equal(sum(got), total);
    got.forEach((g, i) => {
      equal(g % step, 0);
      ok(Math.abs(g - parts[i]) < step, `${currency} ${parts[i]} -> ${g}`);
    });
    const weights = Array.from({ length: n }, () => rng.int(0, 10_000));
    if (sum(weights) === 0) continue;
    const wTotal = roundToMinor(rng.int(-1e9, 1e9), currency);
    const split = allocateByWeights(wTotal, weights, currency);
    equal(sum(split), wTotal);
    split.forEach((g, i) => {
      const exact = (wTotal * weights[i]) / sum(weights); // float only to check the bound
      ok(Math.abs(g - exact) < step + 1e-6, `${wTotal} w${weights[i]} -> ${g}`);
    });
  }
});
