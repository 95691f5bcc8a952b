/**
 * `validate` on the third-party fixtures: the FOCUS 1.0 sample export, the
 * FOCUS 1.2 specification's examples and the OpenChargeback 0.4 inputs, with
 * the exact counts and lines observed.
 */

import { deepEqual, equal } from "node:assert/strict";
import { fileFromPath } from "../../src/ingest/ingest_file.ts";
import { type FileValidation, validateFiles } from "../../src/validate/mod.ts";
import { FIXTURES, OC04 } from "./fixtures.ts";

async function validate(path: string, maxExamples = 2): Promise<FileValidation> {
  return (await validateFiles([fileFromPath(path)], { maxExamples })).files[0];
}

const summary = (vs: FileValidation["errors"]) =>
  vs.map((v) => [v.rule, v.column, v.count, v.examples.map((e) => e.line)]);

Deno.test("validate fixture: focus_sample.csv (FOCUS 1.0, 1000 rows)", async () => {
  const r = await validate(`${FIXTURES}focus-sample-data/focus_sample.csv`);
  equal(r.focusVersion, "1.0");
  equal(r.detectedVersion, "1.0");
  equal(r.rows, 1000);
  equal(r.columns, 44);
  deepEqual(summary(r.errors), [
    ["ResourceType-C-005-C", "ResourceType", 752, [2, 3]],
    ["ResourceType-C-004-C", "ResourceType", 36, [17, 35]],
    ["ContractedUnitPrice-C-011-C", "ContractedCost", 17, [77, 233]],
    ["RegionName-C-005-C", "RegionName", 2, [445, 593]],
    ["ContractedUnitPrice-C-009-C", "ContractedUnitPrice", 1, [458]],
    ["ContractedCost-C-003-M", "ContractedCost", 7, [927, 928]],
    ["RegionName-C-004-C", "RegionName", 7, [927, 928]],
    ["ListCost-C-009-C", "ListCost", 25, [948, 951]],
  ]);
  deepEqual(summary(r.warnings), [
    ["ColumnHandling-A-010-M", "Id", 1, [1]],
    ["DateTimeFormat-A-004-M", "BillingPeriodEnd", 1000, [2, 3]],
    ["DateTimeFormat-A-004-M", "BillingPeriodStart", 1000, [2, 3]],
    ["DateTimeFormat-A-004-M", "ChargePeriodEnd", 1000, [2, 3]],
    ["DateTimeFormat-A-004-M", "ChargePeriodStart", 1000, [2, 3]],
    ["ChargeFrequency-C-003-M", "ChargeFrequency", 7, [927, 928]],
  ]);
  deepEqual(r.warnings.at(-1)?.examples[0], { line: 927, value: "Usage-based" });
  deepEqual(r.errors.find((e) => e.rule === "ListCost-C-009-C")?.examples[0], {
    line: 948,
    value: "0.00001500000 != 0.05 x 0.00000003000 = 0.0000000015",
  });
  // negative costs are allowed: no BilledCost/ListCost/EffectiveCost finding
  equal(r.errors.some((e) => e.column === "BilledCost" || e.column === "EffectiveCost"), false);
  equal(r.conformant, false);
});

Deno.test("validate fixture: spec 1.2 simple agreements ($ money, 5/1/25 dates)", async () => {
  const dir = `${FIXTURES}focus-spec-1.2-examples/saas_examples/simple_agreements/`;
  const r = await validate(`${dir}simple_saas_agreements_c.csv`, 3);
  equal(r.focusVersion, "1.1"); // 1.1 columns, none introduced in 1.2
  equal(r.rows, 3);
  const money = ["BilledCost", "ContractedCost", "EffectiveCost", "ListCost"];
  for (const column of money) {
    const v = r.errors.find((e) => e.column === column);
    deepEqual(v?.examples, [
      { line: 2, value: "$10,100.00 " },
      { line: 3, value: "$13,000.00 " },
      { line: 4, value: "$12,700.00 " },
    ]);
  }
  const start = r.errors.find((e) => e.rule === "ChargePeriodStart-C-002-M");
  deepEqual(start?.examples, [
    { line: 2, value: "4/1/25" },
    { line: 3, value: "5/1/25" },
    { line: 4, value: "6/1/25" },
  ]);
  equal(r.errors.length, 11);
  equal(r.errors.reduce((n, e) => n + e.count, 0), 33);
  const checked = await validateFiles([fileFromPath(`${dir}simple_saas_agreements_c.csv`)], {
    version: "1.2",
  });
  equal(checked.files[0].focusVersion, "1.2");
  equal(checked.files[0].detectedVersion, "1.1");
});

Deno.test("validate fixture: spec 1.2 examples with the misspelled SkuPriceid header", async () => {
  const dir = `${FIXTURES}focus-spec-1.2-examples/commitment_discount_flexibility/`;
  const r = await validate(
    `${dir}one_hundred_percent_utilization_with_commitment_discount_flexibility_with_1_resource.csv`,
  );
  equal(r.rows, 3); // CRLF, blank lines between rows
  deepEqual(r.errors[0], {
    rule: "oc-column-id-case",
    column: "SkuPriceid",
    message: "column ids are case-sensitive: this is not the FOCUS column SkuPriceId",
    count: 1,
    examples: [{ line: 1, value: "SkuPriceid" }],
  });
  // literal null is null: no format errors; x_ columns are fine; one real ListCost mismatch
  deepEqual(
    r.errors.filter((e) => !e.rule.startsWith("CostAndUsage-D-")).map((e) => e.rule),
    ["oc-column-id-case", "ListCost-C-009-C"],
  );
  deepEqual(r.errors.find((e) => e.rule === "ListCost-C-009-C")?.examples, [
    { line: 4, value: "3.00 != 3.00 x 0.333 = 0.999" },
  ]);
  equal(r.errors.filter((e) => e.rule.startsWith("CostAndUsage-D-")).length, 12);
});

Deno.test("validate fixture: spec 1.2 virtual currency (BOM, CRLF, PricingCurrency Token)", async () => {
  const r = await validate(
    `${FIXTURES}focus-spec-1.2-examples/saas_examples/virtual_currency_pricing_model_c.csv`,
  );
  equal(r.focusVersion, "1.2");
  equal(r.rows, 2);
  deepEqual(summary(r.errors), [
    ["CostAndUsage-D-040-M", "ServiceCategory", 1, [1]],
    ["BillingPeriodEnd-C-002-M", "BillingPeriodEnd", 2, [2, 3]],
    ["BillingPeriodStart-C-002-M", "BillingPeriodStart", 2, [2, 3]],
    ["ChargePeriodEnd-C-002-M", "ChargePeriodEnd", 2, [2, 3]],
    ["ChargePeriodStart-C-002-M", "ChargePeriodStart", 2, [2, 3]],
  ]);
});

Deno.test("validate fixture: 0.4 inputs miss mandatory FOCUS columns", async () => {
  const aws = await validate(`${OC04}aws_2025-01.csv`);
  equal(aws.focusVersion, "1.0");
  equal(aws.rows, 25);
  deepEqual(aws.errors.map((e) => e.column), [
    "BillingAccountId",
    "BillingAccountName",
    "BillingCurrency",
    "ChargeCategory",
    "ChargeClass",
    "ChargeDescription",
    "InvoiceIssuerName",
    "PricingQuantity",
    "PricingUnit",
    "ProviderName",
    "PublisherName",
    "ServiceCategory",
  ]);
  equal(aws.errors.every((e) => e.rule.startsWith("CostAndUsage-D-") && e.count === 1), true);
  // date-only values read fine but are not the FOCUS form
  deepEqual(aws.warnings.map((w) => [w.rule, w.count]), [
    ["CostAndUsage-D-003-C", 1],
    ["CostAndUsage-D-027-O", 1],
    ["DateTimeFormat-A-004-M", 25],
    ["DateTimeFormat-A-004-M", 25],
    ["DateTimeFormat-A-004-M", 25],
    ["DateTimeFormat-A-004-M", 25],
  ]);
  const files = ["openai-tokens_2026-01.csv", "qumulo_2025-01.csv", "hpc_2025-01.csv"];
  const report = await validateFiles(files.map((f) => fileFromPath(`${OC04}${f}`)));
  deepEqual(report.files.map((f) => [f.rows, f.errors.length]), [[6, 14], [4, 14], [9, 12]]);
  equal(report.conformant, false);
});
