/**
 * `validate` rules on small hand-made files: one conformant FOCUS 1.0 file,
 * then one broken thing at a time, asserting rule ids, counts and line numbers.
 */

import { deepEqual, equal } from "node:assert/strict";
import { fileFromBytes } from "../src/ingest/ingest_file.ts";
import { type FileValidation, type RuleViolation, validateFiles } from "../src/validate/mod.ts";

/** A conformant FOCUS 1.0 row (every mandatory and recommended column, Tags). */
const GOOD: Record<string, string> = {
  AvailabilityZone: "us-east-1a",
  BilledCost: "10.00",
  BillingAccountId: "acct-1",
  BillingAccountName: "Research Lab",
  BillingCurrency: "USD",
  BillingPeriodEnd: "2025-02-01T00:00:00Z",
  BillingPeriodStart: "2025-01-01T00:00:00Z",
  ChargeCategory: "Usage",
  ChargeClass: "",
  ChargeDescription: "VM hours",
  ChargeFrequency: "Usage-Based",
  ChargePeriodEnd: "2025-01-02T00:00:00Z",
  ChargePeriodStart: "2025-01-01T00:00:00Z",
  ContractedCost: "10.00",
  ContractedUnitPrice: "2",
  EffectiveCost: "10.00",
  InvoiceIssuerName: "Cloud Inc",
  ListCost: "12.50",
  ListUnitPrice: "2.5",
  PricingCategory: "Standard",
  PricingQuantity: "5",
  PricingUnit: "Hours",
  ProviderName: "Cloud Inc",
  PublisherName: "Cloud Inc",
  ServiceCategory: "Compute",
  ServiceName: "Virtual Machines",
  Tags: '{"pi_email": "a@example.edu", "project_id": "p1"}',
};

const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/** CSV text: the GOOD header (plus `extra` columns) and one row per override set. */
function csv(rows: Record<string, string>[], header = Object.keys(GOOD)): string {
  const lines = [header.join(",")];
  for (const r of rows) lines.push(header.map((h) => quote({ ...GOOD, ...r }[h] ?? "")).join(","));
  return lines.join("\n") + "\n";
}

async function check(text: string, maxExamples?: number): Promise<FileValidation> {
  const file = fileFromBytes("t.csv", new TextEncoder().encode(text));
  const report = await validateFiles([file], { maxExamples });
  return report.files[0];
}

const find = (vs: RuleViolation[], rule: string) => vs.find((v) => v.rule === rule);

Deno.test("validate: a complete FOCUS 1.0 file is conformant with no findings", async () => {
  const r = await check(csv([{}, { ChargeClass: "Correction", BilledCost: "-3.5E-1" }]));
  equal(r.focusVersion, "1.0");
  equal(r.rows, 2);
  deepEqual(r.errors, []);
  deepEqual(r.warnings, []);
  equal(r.conformant, true);
});

Deno.test("validate: ListCost != ListUnitPrice x PricingQuantity is an error with the line", async () => {
  const r = await check(
    csv([{}, { ListCost: "12.51" }, { ListCost: "12.500001" }, {
      ListCost: "99",
      ChargeClass: "Correction",
    }]),
  );
  deepEqual(r.errors, [{
    rule: "ListCost-C-009-C",
    column: "ListCost",
    message:
      "ListCost does not equal ListUnitPrice x PricingQuantity (tolerance 0.000001 or 1 ppm)",
    count: 1,
    examples: [{ line: 3, value: "12.51 != 2.5 x 5 = 12.5" }],
  }]);
  equal(r.conformant, false);
});

Deno.test("validate: nulls in BilledCost (empty, NULL, null) are errors", async () => {
  const r = await check(
    csv([{ BilledCost: "" }, {}, { BilledCost: "NULL" }, { BilledCost: "null" }]),
  );
  const v = find(r.errors, "BilledCost-C-003-M");
  equal(v?.count, 3);
  deepEqual(v?.examples, [
    { line: 2, value: "" },
    { line: 4, value: "NULL" },
    { line: 5, value: "null" },
  ]);
  equal(r.errors.length, 1);
});

Deno.test("validate: unknown enumeration values are errors, wrong case is a warning", async () => {
  const r = await check(
    csv([
      { ChargeCategory: "Usages" },
      { ChargeFrequency: "usage-based" },
      {
        ServiceCategory: "Database",
      },
      { ChargeClass: "Refund" },
      { PricingCategory: "On-Demand" },
    ]),
  );
  deepEqual(r.errors.map((e) => [e.rule, e.count, e.examples[0].line, e.examples[0].value]), [
    ["ChargeCategory-C-003-M", 1, 2, "Usages"],
    ["ServiceCategory-C-003-M", 1, 4, "Database"],
    ["oc-allowed-ChargeClass", 1, 5, "Refund"],
    ["PricingCategory-C-007-M", 1, 6, "On-Demand"],
  ]);
  deepEqual(r.warnings.map((w) => [w.rule, w.count, w.examples[0].line, w.message]), [
    [
      "ChargeFrequency-C-003-M",
      1,
      3,
      "allowed value in the wrong letter case (FOCUS spells it Usage-Based)",
    ],
  ]);
});

Deno.test("validate: Tags must be a JSON object of scalar values", async () => {
  const r = await check(
    csv([{ Tags: "{not json" }, { Tags: "[1,2]" }, { Tags: '{"a": {"b": 1}}' }, { Tags: "NULL" }]),
  );
  deepEqual(r.errors.map((e) => [e.rule, e.message, e.count, e.examples[0].line]), [
    ["Tags-C-001-M", "not valid JSON", 1, 2],
    ["Tags-C-001-M", "not a JSON object of key-value pairs", 1, 3],
    [
      "Tags-C-001-M",
      "a value is an object or array (values must be string, number, boolean or null)",
      1,
      4,
    ],
  ]);
});

Deno.test("validate: numbers, datetimes and currency codes in the wrong format", async () => {
  const r = await check(
    csv([
      { BilledCost: "$10,000.00 ", ChargePeriodStart: "5/1/25", BillingCurrency: "usd" },
      { ChargePeriodStart: "2025-01-01 00:00:00", ListUnitPrice: "-2.5", ListCost: "-12.5" },
    ]),
  );
  deepEqual(r.errors.map((e) => [e.rule, e.examples[0].line, e.examples[0].value]), [
    ["BilledCost-C-002-M", 2, "$10,000.00 "],
    ["BillingCurrency-C-003-M", 2, "usd"],
    ["ChargePeriodStart-C-002-M", 2, "5/1/25"],
    ["ListUnitPrice-C-008-M", 3, "-2.5"],
  ]);
  deepEqual(r.warnings.map((w) => [w.rule, w.column, w.examples[0].line]), [
    ["DateTimeFormat-A-004-M", "ChargePeriodStart", 3],
  ]);
});

Deno.test("validate: header rules (missing, misspelled, custom, duplicate, other version)", async () => {
  const header = Object.keys(GOOD).filter((h) => h !== "ServiceName" && h !== "ChargeFrequency");
  header.push("skuid", "Id", "x_Team", "Tags", "ChargeSubcategory");
  const r = await check(csv([{}], header));
  deepEqual(r.errors.map((e) => [e.rule, e.column]), [
    ["oc-column-id-case", "skuid"],
    ["oc-duplicate-column", "Tags"],
    ["CostAndUsage-D-041-M", "ServiceName"],
  ]);
  deepEqual(r.warnings.map((w) => [w.rule, w.column]), [
    ["ColumnHandling-A-010-M", "Id"],
    ["oc-column-not-in-version", "ChargeSubcategory"],
    ["CostAndUsage-D-027-O", "ChargeFrequency"],
  ]);
  equal(r.detectedVersion, "1.0");
});

Deno.test("validate: cross-column rules (Purchase, Tax, null pairs, row width)", async () => {
  const r = await check(
    csv([
      { ChargeCategory: "Purchase" },
      { ChargeCategory: "Tax", ListUnitPrice: "", ContractedUnitPrice: "", PricingCategory: "" },
      { PricingUnit: "" },
    ]) + "1,2,3\n",
  );
  deepEqual(r.errors.slice(0, 4).map((e) => [e.rule, e.count, e.examples[0].line]), [
    ["ChargeFrequency-C-004-C", 1, 2],
    ["PricingQuantity-C-004-C", 1, 3],
    ["PricingUnit-C-006-C", 1, 4],
    ["oc-row-width", 1, 5],
  ]);
  // the short row's missing cells count as nulls
  equal(find(r.errors, "BilledCost-C-002-M"), undefined);
  deepEqual(find(r.errors, "BillingCurrency-C-004-M")?.examples, [{ line: 5, value: null }]);
  equal(find(r.errors, "oc-row-width")?.examples[0].value, "3 fields (header: 27)");
});

Deno.test("validate: counts every violation but keeps only --max-examples examples", async () => {
  const rows = Array.from({ length: 40 }, () => ({ ChargeCategory: "Bogus" }));
  const r = await check(csv(rows), 2);
  const v = find(r.errors, "ChargeCategory-C-003-M");
  equal(v?.count, 40);
  deepEqual(v?.examples.map((e) => e.line), [2, 3]);
});

Deno.test("validate: unreadable and empty files are reported, not thrown", async () => {
  const gz = new Uint8Array([0x1f, 0x8b, 0x08, 0x00, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  const report = await validateFiles([
    fileFromBytes("bad.csv.gz", gz),
    fileFromBytes("empty.csv", new Uint8Array(0)),
    fileFromBytes("quotes.csv", new TextEncoder().encode('BilledCost\n"10\n')),
  ]);
  deepEqual(report.files.map((f) => [f.file, f.errors.at(-1)?.rule, f.rows, f.conformant]), [
    ["bad.csv.gz", "oc-file-unreadable", 0, false],
    ["empty.csv", "oc-empty-file", 0, false],
    ["quotes.csv", "oc-file-unreadable", 0, false],
  ]);
  const unterminated = find(report.files[2].errors, "oc-file-unreadable");
  equal(unterminated?.examples[0].line, 2);
  equal(unterminated?.message.startsWith("unterminated quoted field"), true);
  equal(
    find(report.files[0].errors, "oc-file-unreadable")?.message.startsWith(
      "the gzip data is damaged",
    ),
    true,
  );
  equal(report.conformant, false);
});
