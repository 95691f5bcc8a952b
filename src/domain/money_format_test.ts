import { equal } from "node:assert/strict";
import {
  amountDueText,
  formatAmount,
  formatExact,
  formatMoney,
  formatMoneyCode,
  minorDecimal,
} from "./money_format.ts";

const M = 1_000_000;

Deno.test("formatMoney: symbol style per currency, rounded once to its minor unit", () => {
  const v = 1_234_505_000; // 1,234.505
  equal(formatMoney(v, "USD"), "$1,234.51");
  equal(formatMoney(v, "EUR"), "€1,234.51");
  equal(formatMoney(v, "GBP"), "£1,234.51");
  equal(formatMoney(v, "JPY"), "¥1,235");
  equal(formatMoney(v, "BHD"), "BHD 1,234.505");
  equal(formatMoney(1_234_505_500, "BHD"), "BHD 1,234.506");
  equal(formatMoney(v, "CHF"), "CHF 1,234.51");
  equal(formatMoney(0, "USD"), "$0.00");
  equal(formatMoney(0, "JPY"), "¥0");
  equal(formatMoney(3_000, "USD"), "$0.00"); // 0.003 rounds to 0.00
  equal(formatMoney(1_000_000_000 * M, "USD"), "$1,000,000,000.00");
});

Deno.test("formatMoney: negatives put the minus first, never -0", () => {
  const v = -1_234_505_000;
  equal(formatMoney(v, "USD"), "-$1,234.51");
  equal(formatMoney(v, "EUR"), "-€1,234.51");
  equal(formatMoney(v, "GBP"), "-£1,234.51");
  equal(formatMoney(v, "JPY"), "-¥1,235");
  equal(formatMoney(v, "BHD"), "-BHD 1,234.505");
  equal(formatMoney(v, "CHF"), "-CHF 1,234.51");
  equal(formatMoney(-2 * M, "USD"), "-$2.00");
  equal(formatMoney(-4_000, "USD"), "$0.00");
  equal(formatMoney(-400_000, "JPY"), "¥0");
});

Deno.test("formatMoney: a code without a symbol, and a malformed one", () => {
  equal(formatMoney(12_500_000, "ZZZ"), "ZZZ 12.50");
  equal(formatMoney(12_500_000, "X1"), "X1 12.50");
});

Deno.test("plain, code and JSON styles use the same rounding and digits", () => {
  const cases: [number, string, string, string][] = [
    [1_234_505_000, "USD", "1,234.51", "1234.51"],
    [-1_234_505_000, "EUR", "-1,234.51", "-1234.51"],
    [1_234_505_000, "GBP", "1,234.51", "1234.51"],
    [1_234_505_000, "JPY", "1,235", "1235"],
    [-1_234_505_000, "JPY", "-1,235", "-1235"],
    [1_234_505_500, "BHD", "1,234.506", "1234.506"],
    [-1_234_505_500, "CHF", "-1,234.51", "-1234.51"],
    [4_999, "USD", "0.00", "0.00"],
  ];
  for (const [v, c, plain, json] of cases) {
    equal(formatAmount(v, c), plain, `${v} ${c}`);
    equal(formatMoneyCode(v, c), `${plain} ${c}`);
    equal(minorDecimal(v, c), json);
  }
});

Deno.test("formatExact keeps every micro-unit, trimmed to the minor unit", () => {
  equal(formatExact(344_847_103_392, "USD"), "344,847.103392");
  equal(formatExact(-3_392, "USD"), "-0.003392");
  equal(formatExact(344_847_100_000, "USD"), "344,847.10");
  equal(formatExact(12_000_000, "JPY"), "12");
  equal(formatExact(12_500_000, "JPY"), "12.5");
  equal(formatExact(1_000, "BHD"), "0.001");
});

Deno.test("amountDueText: a negative total is a credit, nothing due", () => {
  equal(amountDueText(-2 * M, "USD"), "Credit: $2.00 — nothing is due");
  equal(amountDueText(-1_234_505_000, "JPY"), "Credit: ¥1,235 — nothing is due");
  equal(amountDueText(12_500_000, "EUR"), "€12.50");
  equal(amountDueText(-4_000, "USD"), "$0.00");
});
