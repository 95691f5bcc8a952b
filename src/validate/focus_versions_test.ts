import { deepEqual, equal } from "node:assert/strict";
import { detectFocusVersion, versionColumns } from "./focus_versions.ts";

const v = (header: string[]) => detectFocusVersion(header).version;

Deno.test("detectFocusVersion: the newest version whose new columns are present", () => {
  equal(v(["BilledCost", "ChargeClass", "ContractedCost"]), "1.0");
  equal(v(["BilledCost", "ChargeClass", "ServiceSubcategory"]), "1.1");
  equal(v(["BilledCost", "SkuMeter"]), "1.1");
  equal(v(["BilledCost", "SkuMeter", "InvoiceId"]), "1.2");
  equal(v(["BilledCost", "PricingCurrency"]), "1.2");
  equal(v(["BillingAccountType", "ChargeClass"]), "1.2");
});

Deno.test("detectFocusVersion: pre-1.0 names mean the 0.5-era profile", () => {
  equal(v(["AmortizedCost", "BilledCost", "ChargeType"]), "0.5");
  equal(v(["BilledCost", "UsageQuantity", "UsageUnit"]), "0.5");
  equal(v(["BilledCost", "ChargeSubcategory", "UsageQuantity"]), "1.0-preview");
  // a 1.0 column wins over a stray pre-1.0 name that is not a stand-in
  equal(v(["ChargeClass", "UsageQuantity"]), "1.0");
  // ...but a stand-in (AmortizedCost for EffectiveCost) wins over a 1.2 column
  equal(v(["AmortizedCost", "BilledCost", "BillingAccountType"]), "0.5");
});

Deno.test("detectFocusVersion: 1.3 columns", () => {
  equal(v(["BilledCost", "ServiceProviderName", "HostProviderName"]), "1.3");
  equal(v(["BilledCost", "InvoiceId", "ContractApplied"]), "1.3");
});

Deno.test("detectFocusVersion: a header without version-specific columns is checked as 1.0", () => {
  const d = detectFocusVersion(["BillingPeriodStart", "BilledCost", "ResourceId", "Tags"]);
  equal(d.version, "1.0");
  equal(d.reason, "no version-specific columns; read as FOCUS 1.0, the first release");
});

Deno.test("versionColumns: mandatory columns per version and 0.5-era names", () => {
  const mandatory = (ver: Parameters<typeof versionColumns>[0]) =>
    versionColumns(ver).filter((c) => c.requirement.level === "Mandatory").length;
  equal(mandatory("1.0"), 21);
  equal(mandatory("1.1"), 21);
  equal(mandatory("1.2"), 21);
  // 1.3: ServiceProviderName and HostProviderName (ProviderName, PublisherName deprecated, still mandatory)
  equal(mandatory("1.3"), 23);
  const effective = versionColumns("0.5").find((c) => c.column.id === "EffectiveCost");
  deepEqual(effective?.names, ["EffectiveCost", "AmortizedCost"]);
  const category = versionColumns("0.5").find((c) => c.column.id === "ChargeCategory");
  deepEqual(category?.names, ["ChargeCategory", "ChargeType"]);
});
