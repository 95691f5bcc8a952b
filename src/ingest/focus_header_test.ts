import { deepEqual, equal } from "node:assert/strict";
import { detectFocusVersion, fieldColumn, planHeader } from "./focus_header.ts";

const lower = (h: string) => h.split(",").map((s) => s.trim().toLowerCase());

Deno.test("header: names match case-insensitively after trimming; others go to extra", () => {
  const plan = planHeader([" billingperiodstart ", "BILLEDCOST", "SkuPriceid", "x_Custom", "Id"]);
  deepEqual(plan.problems, []);
  equal(fieldColumn(plan, "BillingPeriodStart"), 0);
  equal(fieldColumn(plan, "BilledCost"), 1);
  equal(fieldColumn(plan, "SkuPriceId"), 2);
  equal(fieldColumn(plan, "ListCost"), -1);
  deepEqual(plan.extraIndex, [3, 4]);
  deepEqual(plan.names, ["billingperiodstart", "BILLEDCOST", "SkuPriceid", "x_Custom", "Id"]);
});

Deno.test("header: 0.5-era names fill their 1.x fields; an exact 1.x name wins", () => {
  const plan = planHeader([
    "BillingPeriodStart",
    "BilledCost",
    "AmortizedCost",
    "ChargeType",
    "Provider",
    "Publisher",
    "InvoiceIssuer",
    "ResourceID",
    "UsageQuantity",
    "UsageUnit",
    "Region",
  ]);
  equal(fieldColumn(plan, "EffectiveCost"), 2);
  equal(fieldColumn(plan, "ChargeCategory"), 3);
  equal(fieldColumn(plan, "ProviderName"), 4);
  equal(fieldColumn(plan, "PublisherName"), 5);
  equal(fieldColumn(plan, "InvoiceIssuerName"), 6);
  equal(fieldColumn(plan, "ResourceId"), 7);
  equal(fieldColumn(plan, "ConsumedQuantity"), 8);
  equal(fieldColumn(plan, "ConsumedUnit"), 9);
  equal(fieldColumn(plan, "RegionId"), 10);
  equal(plan.focusVersion, "0.5");
  const both = planHeader(["Region", "BillingPeriodStart", "BilledCost", "RegionId"]);
  equal(fieldColumn(both, "RegionId"), 3);
  deepEqual(both.extraIndex, [0]);
});

Deno.test("header: missing required columns and duplicates are problems naming the column", () => {
  deepEqual(planHeader(["BillingPeriodStart", "ListCost"]).problems.map((p) => p.column), [
    "BilledCost",
  ]);
  deepEqual(planHeader(["ListCost"]).problems.map((p) => p.column), [
    "BillingPeriodStart",
    "BilledCost",
  ]);
  const dup = planHeader(["BillingPeriodStart", "BilledCost", "billedcost"]).problems;
  equal(dup.length, 1);
  equal(dup[0].column, "billedcost");
  equal(dup[0].what, "duplicate column name 'billedcost' (also column 2).");
});

Deno.test("header: FOCUS version detection", () => {
  const sample = Deno.readTextFileSync(
    new URL("../../../shared/fixtures/focus-sample-data/focus_sample.csv", import.meta.url),
  ).split("\n")[0].replaceAll('"', "");
  equal(detectFocusVersion(lower(sample)), "1.0");
  const v12 = Deno.readTextFileSync(
    new URL(
      "../../../shared/fixtures/focus-spec-1.2-examples/saas_examples/virtual_currency_pricing_model_a2.csv",
      import.meta.url,
    ),
  ).split(/\r?\n/)[0].replace(/^\uFEFF/, "");
  equal(detectFocusVersion(lower(v12)), "1.2");
  equal(
    detectFocusVersion(lower("BillingPeriodStart,BilledCost,CommitmentDiscountQuantity")),
    "1.1",
  );
  equal(detectFocusVersion(lower("BillingPeriodStart,BilledCost,ContractedCost,Tags")), "1.0");
  equal(
    detectFocusVersion(lower("BillingPeriodStart,BilledCost,ChargeSubcategory,ListCost")),
    "1.0-preview",
  );
  equal(detectFocusVersion(lower("BillingPeriodStart,BilledCost,AmortizedCost,Region")), "0.5");
  equal(detectFocusVersion(lower("BillingPeriodStart,BilledCost,ListCost,Tags")), "1.0-preview");
  equal(detectFocusVersion(lower("BillingPeriodStart,BilledCost")), "0.5");
});
