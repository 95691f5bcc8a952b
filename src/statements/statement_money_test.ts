import { equal } from "node:assert/strict";
import { parseMicros } from "../domain/money.ts";
import { formatMoney, lineAmounts } from "./statement_money.ts";

const m = (t: string) => parseMicros(t)!;

Deno.test("lineAmounts: rounds each line to cents half away from zero, discount = list - billed", () => {
  equal(
    JSON.stringify(lineAmounts({ billed_cost: m("0.005"), list_cost: m("1.004999") })),
    JSON.stringify({ billed: m("0.01"), list: m("1.00"), discount: m("0.99") }),
  );
  equal(lineAmounts({ billed_cost: m("-0.005"), list_cost: m("-0.005") }).billed, m("-0.01"));
  equal(lineAmounts({ billed_cost: m("1062.5"), list_cost: m("1250") }).discount, m("187.50"));
  // three lines of 0.333333 bill 0.99 in total (sum of printed lines), not round(0.999999) = 1.00
  const lines = [1, 2, 3].map(() => lineAmounts({ billed_cost: m("0.333333"), list_cost: 0 }));
  equal(lines.reduce((s, l) => s + l.billed, 0), m("0.99"));
});

Deno.test("formatMoney: uses the charge currency, never a fixed $", () => {
  equal(formatMoney(m("1234.5"), "USD"), "$1,234.50");
  equal(formatMoney(m("-50"), "USD"), "-$50.00");
  equal(formatMoney(m("199"), "EUR"), "€199.00");
  equal(formatMoney(m("12"), "GBP"), "£12.00");
  equal(formatMoney(m("9007199254.74"), "USD"), "$9,007,199,254.74");
  equal(formatMoney(m("5"), "Token"), "Token 5.00");
});
