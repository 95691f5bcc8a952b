import { equal, throws } from "node:assert/strict";
import { isWholeMinor, minorStep, minorUnits, roundToMinor } from "./currency.ts";

Deno.test("minor units follow ISO 4217", () => {
  equal(minorUnits("JPY"), 0);
  equal(minorUnits("KRW"), 0);
  for (const c of ["USD", "EUR", "GBP", "CHF", "CAD"]) equal(minorUnits(c), 2);
  for (const c of ["BHD", "KWD", "OMR", "JOD", "TND", "IQD"]) equal(minorUnits(c), 3);
  equal(minorUnits("CLF"), 4);
  equal(minorUnits("usd"), 2);
  equal(minorUnits("jpy"), 0);
  equal(minorUnits("ZZZ"), 2); // unknown code: 2 decimals
  equal(minorStep("JPY"), 1_000_000);
  equal(minorStep("USD"), 10_000);
  equal(minorStep("BHD"), 1_000);
});

Deno.test("roundToMinor rounds half away from zero to the minor unit", () => {
  equal(roundToMinor(1_234_505_000, "USD"), 1_234_510_000);
  equal(roundToMinor(1_234_504_999, "USD"), 1_234_500_000);
  equal(roundToMinor(-1_234_505_000, "USD"), -1_234_510_000);
  equal(roundToMinor(-1_234_504_999, "USD"), -1_234_500_000);
  equal(roundToMinor(5_000, "USD"), 10_000); // 0.005 -> 0.01
  equal(roundToMinor(4_000, "USD"), 0); // 0.004 -> 0.00
  equal(roundToMinor(-4_000, "USD"), 0); // never -0
  equal(Object.is(roundToMinor(-4_000, "USD"), -0), false);
  equal(roundToMinor(1_234_505_000, "JPY"), 1_235_000_000);
  equal(roundToMinor(1_234_499_999, "JPY"), 1_234_000_000);
  equal(roundToMinor(-500_000, "JPY"), -1_000_000);
  equal(roundToMinor(1_234_505_500, "BHD"), 1_234_506_000);
  equal(roundToMinor(1_234_505_499, "BHD"), 1_234_505_000);
  equal(roundToMinor(0, "EUR"), 0);
  // large values stay exact (9 billion units)
  equal(roundToMinor(9_007_199_254_740_000 - 5_000, "USD"), 9_007_199_254_740_000);
  throws(() => roundToMinor(0.5, "USD"), RangeError);
});

Deno.test("isWholeMinor", () => {
  equal(isWholeMinor(1_230_000, "USD"), true);
  equal(isWholeMinor(1_235_000, "USD"), false);
  equal(isWholeMinor(2_000_000, "JPY"), true);
  equal(isWholeMinor(2_010_000, "JPY"), false);
  equal(isWholeMinor(1_001_000, "BHD"), true);
});
