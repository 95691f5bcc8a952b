import { deepEqual, equal } from "node:assert/strict";
import {
  exactDecimalToString,
  isNegative,
  matchesWithinTolerance,
  multiplyDecimals,
  parseExactDecimal,
} from "./exact_decimal.ts";

const d = (text: string) => {
  const v = parseExactDecimal(text);
  if (!v) throw new Error(`not a number: ${text}`);
  return v;
};

Deno.test("parseExactDecimal: accepts FOCUS NumericFormat exactly", () => {
  deepEqual(parseExactDecimal("12.50"), { units: 1250n, scale: 2 });
  deepEqual(parseExactDecimal("-0.00000080000"), { units: -80000n, scale: 11 });
  deepEqual(parseExactDecimal("3.5E-7"), { units: 35n, scale: 8 });
  deepEqual(parseExactDecimal("1e3"), { units: 1000n, scale: 0 });
  deepEqual(parseExactDecimal(".5"), { units: 5n, scale: 1 });
  deepEqual(parseExactDecimal("7"), { units: 7n, scale: 0 });
});

Deno.test("parseExactDecimal: refuses what NumericFormat forbids", () => {
  for (
    const bad of [
      "$10,000.00 ",
      "$20.00 ",
      "10,000",
      "+5",
      "1E+3",
      " 12",
      "12 ",
      "1/2",
      "",
      ".",
      "-",
      "12..5",
      "NaN",
      "Infinity",
      "1e999",
      "5 USD",
    ]
  ) {
    equal(parseExactDecimal(bad), null, bad);
  }
});

Deno.test("multiplyDecimals and exactDecimalToString are exact far below the micro-unit", () => {
  equal(exactDecimalToString(multiplyDecimals(d("0.0845"), d("0.00000007000"))), "0.000000005915");
  equal(exactDecimalToString(multiplyDecimals(d("-2.5"), d("4"))), "-10");
  equal(exactDecimalToString(d("1e3")), "1000");
  equal(exactDecimalToString(d("0.10")), "0.1");
  equal(isNegative(d("-0.0001")), true);
  equal(isNegative(d("0")), false);
});

Deno.test("matchesWithinTolerance: 0.000001 absolute or 1 ppm relative", () => {
  // AWS rounds ListCost to 10 decimals: 0.008 x 0.00200749 = 0.00001605992
  equal(
    matchesWithinTolerance(multiplyDecimals(d("0.008"), d("0.00200749")), d("0.0000160599")),
    true,
  );
  // exactly one micro-unit off passes, just over fails
  equal(matchesWithinTolerance(d("0.010001"), d("0.01")), true);
  equal(matchesWithinTolerance(d("0.0100011"), d("0.01")), false);
  // ... and 1 ppm of 10 is 0.00001
  equal(matchesWithinTolerance(d("10.00001"), d("10")), true);
  equal(matchesWithinTolerance(d("10.0000101"), d("10")), false);
  // large amounts: 1 ppm of 5,000,000 is 5
  equal(matchesWithinTolerance(d("5000005"), d("5000000")), true);
  equal(matchesWithinTolerance(d("5000006"), d("5000000")), false);
  // a factor 10,000 off on a tiny amount (Microsoft rows of focus_sample.csv)
  equal(matchesWithinTolerance(d("0.000000005915"), d("0.00005915")), false);
  equal(matchesWithinTolerance(d("12"), d("12.00")), true);
});
