import { deepEqual, equal } from "node:assert/strict";
import { fieldColumn, planHeader } from "./focus_header.ts";

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

Deno.test("header: the version recorded is the one detector's (see tests/focus_version_detection_test.ts)", () => {
  equal(
    planHeader(["BillingPeriodStart", "BilledCost", "ServiceProviderName"]).focusVersion,
    "1.3",
  );
  equal(planHeader(["BillingPeriodStart", "BilledCost", "ListCost", "Tags"]).focusVersion, "1.0");
  equal(planHeader(["BillingPeriodStart", "BilledCost", "AmortizedCost"]).focusVersion, "0.5");
});

Deno.test("header: BilledCurrency (pre-1.0) is the currency unless BillingCurrency is there", () => {
  const old = planHeader(["BillingPeriodStart", "BilledCost", "BilledCurrency"]);
  equal(fieldColumn(old, "BillingCurrency"), 2);
  equal(old.currencyColumn, "BilledCurrency");
  const both = planHeader([
    "BilledCurrency",
    "BillingPeriodStart",
    "BilledCost",
    "BillingCurrency",
  ]);
  equal(fieldColumn(both, "BillingCurrency"), 3);
  deepEqual(both.extraIndex, [0]);
  equal(planHeader(["BillingPeriodStart", "BilledCost"]).currencyColumn, null);
});

Deno.test("header: ServiceProviderName fills ProviderName only when ProviderName is absent", () => {
  const only = planHeader(["BillingPeriodStart", "BilledCost", "ServiceProviderName"]);
  equal(fieldColumn(only, "ProviderName"), 2);
  const both = planHeader([
    "BillingPeriodStart",
    "BilledCost",
    "ServiceProviderName",
    "ProviderName",
  ]);
  equal(fieldColumn(both, "ProviderName"), 3);
  deepEqual(both.extraIndex, [2]);
});

Deno.test("header: a Contract Commitment header is refused by name, not for missing columns", () => {
  const plan = planHeader([
    "ContractCommitmentId",
    "ContractCommitmentType",
    "ContractCommitmentCost",
    "ContractId",
    "BillingCurrency",
  ]);
  equal(plan.problems.length, 1);
  equal(plan.problems[0].column, undefined);
  equal(
    plan.problems[0].what,
    "this is a FOCUS Contract Commitment dataset (ContractCommitmentId, ContractCommitmentType, ContractCommitmentCost, ...; no BilledCost), not billing data.",
  );
});
