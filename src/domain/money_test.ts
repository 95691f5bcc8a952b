import { equal } from "node:assert/strict";
import { discountPercentText, formatMicros, microsToDecimal, parseMicros } from "./money.ts";

Deno.test("parseMicros reads plain decimals exactly", () => {
  equal(parseMicros("19086.75"), 19_086_750_000);
  equal(parseMicros("0.00"), 0);
  equal(parseMicros("-12.5"), -12_500_000);
  equal(parseMicros(".5"), 500_000);
  equal(parseMicros("5."), 5_000_000);
  equal(parseMicros("+3"), 3_000_000);
  equal(parseMicros(" 42 "), 42_000_000);
  equal(parseMicros("0.1"), 100_000);
  equal(parseMicros("000123.000100"), 123_000_100);
});

Deno.test("parseMicros reads E-notation without floats", () => {
  equal(parseMicros("3.5E-7"), 0); // 0.35 micro rounds half away -> 0
  equal(parseMicros("3.5E-6"), 4); // 3.5 micro -> 4
  equal(parseMicros("1.2e3"), 1_200_000_000);
  equal(parseMicros("-2.5e-6"), -3);
  equal(parseMicros("1E-8"), 0);
  equal(parseMicros("0.0000015"), 2);
});

Deno.test("parseMicros rounds sub-micro digits half away from zero", () => {
  equal(parseMicros("0.1234565"), 123_457);
  equal(parseMicros("0.1234564999"), 123_456);
  equal(parseMicros("-0.0000005"), -1);
  equal(parseMicros("0.000000499"), 0);
});

Deno.test("parseMicros refuses what is not a finite decimal", () => {
  for (
    const bad of ["12..5", "abc", "", "-", ".", "NaN", "Infinity", "1e309", "1,000", "$5", "1e"]
  ) {
    equal(parseMicros(bad), null, bad);
  }
});

Deno.test("parseMicros treats -0 as zero", () => {
  equal(Object.is(parseMicros("-0"), 0), true);
  equal(Object.is(parseMicros("-0.0000001"), 0), true);
});

Deno.test("formatMicros and microsToDecimal are exact", () => {
  equal(formatMicros(19_086_750_000), "19086.750000");
  equal(formatMicros(-5), "-0.000005");
  equal(formatMicros(12_345_678, 2), "12.35");
  equal(formatMicros(-12_345_000, 2), "-12.35");
  equal(microsToDecimal(19_086_750_000), "19086.75");
  equal(microsToDecimal(350), "0.00035");
  equal(microsToDecimal(0), "0.00");
  equal(microsToDecimal(-1_000_000), "-1.00");
});

Deno.test("discountPercentText never rounds 99.95 up to 100", () => {
  equal(discountPercentText(100_000_000, 0), "100");
  equal(discountPercentText(100_000_000, 50_000), "99.9");
  equal(discountPercentText(200_000_000, 1_000_000), "99.5");
  equal(discountPercentText(22_455_000_000, 19_086_750_000), "15");
  equal(discountPercentText(0, 0), "0");
  equal(discountPercentText(100_000_000, 87_500_000), "12.5");
});
