import { deepEqual, equal } from "node:assert/strict";
import { defaultConfig } from "../config/mod.ts";
import { fingerprintPlan } from "../domain/fingerprint.ts";
import { NO_ATTRIBUTION_RULES } from "../domain/attribution_rules.ts";
import { chargeFinisher } from "./finish_charge.ts";
import { planHeader } from "./focus_header.ts";
import { parseChargeRow, type RowReader } from "./parse_charge_row.ts";
import { formatRowError, RowErrorList } from "./row_errors.ts";

function readerFor(header: string[], expectedPeriod: string | null = null): RowReader {
  const plan = planHeader(header);
  return {
    fileName: "t.csv",
    plan,
    defaultCurrency: "EUR",
    finisher: chargeFinisher(
      {
        tagMapping: defaultConfig().tag_mapping,
        rules: { flagPatterns: [], fundOrgPatterns: [] },
        expectedPeriod,
        attribution: NO_ATTRIBUTION_RULES,
      },
      fingerprintPlan(header),
      plan.names,
    ),
    dateCache: new Map(),
  };
}
const HEADER = ["BillingPeriodStart", "BilledCost", "ListCost", "PricingQuantity", "Tags", "x_a"];
const TAGS = '{"pi_email":"PI@Example.edu","project_id":"p","fund_org":"F-1"}';

Deno.test("row: costs default to BilledCost; nulls are empty, NULL or null", () => {
  const errors = new RowErrorList();
  const c = parseChargeRow(
    readerFor(HEADER),
    2,
    ["2025-03-01", "12.5", "NULL", "null", TAGS, ""],
    errors,
  )!;
  equal(errors.count, 0);
  equal(c.period, "2025-03");
  equal(c.billingPeriodStart, "2025-03-01T00:00:00Z");
  equal(c.billedCost, 12_500_000);
  equal(c.listCost, 12_500_000);
  equal(c.contractedCost, 12_500_000);
  equal(c.effectiveCost, 12_500_000);
  equal(c.pricingQuantity, null);
  equal(c.billingCurrency, "EUR");
  equal(c.extra, null);
  equal(c.piEmail, "pi@example.edu");
  equal(c.flags, null);
  equal(c.lineNo, 2);
});

Deno.test("row: datetimes in every ISO form; the period is the UTC month", () => {
  const forms: [string, string][] = [
    ["2025-03-01", "2025-03"],
    ["2025-03-01 00:00:00", "2025-03"],
    ["2025-03-01T00:00Z", "2025-03"],
    ["2025-03-01T00:00:00.000Z", "2025-03"],
    ["2025-03-01T00:00:00+01:00", "2025-02"],
  ];
  for (const [text, period] of forms) {
    const errors = new RowErrorList();
    const c = parseChargeRow(readerFor(HEADER), 2, [text, "1", "", "", "", ""], errors);
    equal(c?.period, period, text);
  }
});

Deno.test("row: bad numbers and dates are errors naming line and column", () => {
  const errors = new RowErrorList();
  const r = readerFor(HEADER);
  equal(parseChargeRow(r, 2, ["2025-13-45", "12..5", "abc", "1,5", "", ""], errors), null);
  equal(parseChargeRow(r, 3, ["garbage", "", "1", "", "", ""], errors), null);
  equal(parseChargeRow(r, 4, ["2025-01-01", "1"], errors), null);
  deepEqual(errors.items.map(formatRowError), [
    "t.csv:2: column BillingPeriodStart: '2025-13-45' is not a datetime.",
    "t.csv:2: column BilledCost: '12..5' is not a number.",
    "t.csv:2: column ListCost: 'abc' is not a number.",
    "t.csv:2: column PricingQuantity: '1,5' is not a number.",
    "t.csv:3: column BillingPeriodStart: 'garbage' is not a datetime.",
    "t.csv:3: column BilledCost: BilledCost is empty; it is required.",
    "t.csv:4: the row has 2 fields, the header has 6.",
  ]);
  const e = errors.toUserError();
  equal(
    e.oneLine().startsWith(
      "t.csv:2: column BillingPeriodStart: '2025-13-45' is not a datetime. (7 errors; nothing was stored)",
    ),
    true,
  );
  equal(e.details.length, 7);
});

Deno.test("row: other columns, and cost text finer than a micro-unit, are kept in extra", () => {
  const errors = new RowErrorList();
  const c = parseChargeRow(
    readerFor(HEADER),
    2,
    ["2025-01-01", "0.00000080000", "1.5E-7", "2", "", "keep me"],
    errors,
  )!;
  equal(c.billedCost, 1);
  equal(c.listCost, 0);
  deepEqual(JSON.parse(c.extra!), {
    BilledCost: "0.00000080000",
    ListCost: "1.5E-7",
    x_a: "keep me",
  });
});

Deno.test("row: invalid tags are kept and flagged, with every other reason", () => {
  const errors = new RowErrorList();
  const c = parseChargeRow(readerFor(HEADER, "2025-02"), 2, [
    "2025-01-01",
    "1",
    "",
    "",
    "pi=someone",
    "",
  ], errors)!;
  equal(c.tags, "pi=someone");
  deepEqual(JSON.parse(c.flags!), [
    "missing_pi_email",
    "missing_project_id",
    "missing_fund_org",
    "period_mismatch",
    "invalid_tags",
  ]);
});

Deno.test("row errors: the list stops at 20", () => {
  const errors = new RowErrorList();
  const r = readerFor(HEADER);
  for (let line = 2; line < 40; line++) parseChargeRow(r, line, ["x", "1", "", "", "", ""], errors);
  equal(errors.count, 20);
  equal(errors.full, true);
  equal(errors.toUserError().message.includes("(20 or more errors; nothing was stored)"), true);
});
