/**
 * The one FOCUS version detector (src/focus/detect_version.ts) pinned on a
 * table of headers, in both modes, and the proof that ingest (the version it
 * records) and validate (the version it detects) agree on every header.
 */

import { deepEqual, equal, match } from "node:assert/strict";
import { detectFocusVersion } from "../src/focus/detect_version.ts";
import { fileFromBytes, planHeader } from "../src/ingest/mod.ts";
import { validateFile } from "../src/validate/mod.ts";

/** The 57 columns of a FOCUS 1.2 export (fdt generator, AWS). */
const V12 =
  "ProviderName,PublisherName,InvoiceIssuerName,InvoiceId,BillingAccountId,BillingAccountName," +
  "BillingAccountType,SubAccountId,SubAccountName,SubAccountType,BillingPeriodStart,BillingPeriodEnd," +
  "ChargePeriodStart,ChargePeriodEnd,ChargeCategory,ChargeClass,ChargeDescription,ChargeFrequency," +
  "BilledCost,EffectiveCost,ListCost,ContractedCost,ListUnitPrice,ContractedUnitPrice,PricingCategory," +
  "PricingQuantity,PricingUnit,PricingCurrency,PricingCurrencyContractedUnitPrice," +
  "PricingCurrencyEffectiveCost,PricingCurrencyListUnitPrice,BillingCurrency,ConsumedQuantity," +
  "ConsumedUnit,ServiceName,ServiceCategory,ServiceSubcategory,SkuId,SkuMeter,SkuPriceId," +
  "SkuPriceDetails,ResourceId,ResourceName,ResourceType,RegionId,RegionName,AvailabilityZone," +
  "CommitmentDiscountId,CommitmentDiscountName,CommitmentDiscountCategory,CommitmentDiscountType," +
  "CommitmentDiscountStatus,CommitmentDiscountQuantity,CommitmentDiscountUnit,CapacityReservationId," +
  "CapacityReservationStatus,Tags";
/** The 65 columns of a FOCUS 1.3 export: the 57 of 1.2 and the 8 new ones. */
const V13 = V12 +
  ",ServiceProviderName,HostProviderName,ContractApplied,AllocatedMethodId,AllocatedMethodDetails," +
  "AllocatedResourceId,AllocatedResourceName,AllocatedTags";

/** [what, header, lenient (ingest, validate), strict (exact ids)] */
const TABLE: [string, string, string, string][] = [
  [
    "0.5-era (focus_validator's fake_focuses)",
    "InvoiceIssuer,ResourceID,ChargeType,Provider,BillingAccountName,BillingAccountId,Publisher," +
    "ResourceName,ServiceName,BilledCurrency,BillingPeriodEnd,BillingPeriodStart,Region," +
    "ServiceCategory,ChargePeriodStart,ChargePeriodEnd,BilledCost,AmortizedCost",
    "0.5",
    "0.5",
  ],
  [
    "0.5-era names with one 1.2 column (all_pass_0.5)",
    "InvoiceIssuer,ResourceID,ChargeType,Provider,BillingAccountName,BillingAccountId,Publisher," +
    "ResourceName,ServiceName,BilledCurrency,BillingPeriodEnd,BillingPeriodStart,Region," +
    "ServiceCategory,ChargePeriodStart,ChargePeriodEnd,BilledCost,AmortizedCost,SubAccountName," +
    "SubAccountId,BillingCurrency,BillingAccountType",
    "0.5",
    "0.5",
  ],
  [
    "1.0-preview (ChargeSubcategory)",
    "BillingPeriodStart,BilledCost,ChargeSubcategory,ListCost,UsageQuantity",
    "1.0-preview",
    "1.0-preview",
  ],
  [
    "1.0-preview (UsageQuantity with ListCost and Tags)",
    "BillingPeriodStart,BilledCost,ListCost,UsageQuantity,UsageUnit,Tags",
    "1.0-preview",
    "1.0-preview",
  ],
  [
    "1.0 (ChargeClass, ContractedCost)",
    "BillingPeriodStart,BilledCost,ChargeClass,ContractedCost,RegionId,Tags",
    "1.0",
    "1.0",
  ],
  [
    "1.1 (ServiceSubcategory, SkuMeter)",
    "BillingPeriodStart,BilledCost,ChargeClass,ServiceSubcategory,SkuMeter",
    "1.1",
    "1.1",
  ],
  ["1.2 (57 columns)", V12, "1.2", "1.2"],
  ["1.3 (65 columns)", V13, "1.3", "1.3"],
  [
    "1.3 without the deprecated ProviderName/PublisherName",
    "BillingPeriodStart,BilledCost,ServiceProviderName,HostProviderName,InvoiceIssuerName",
    "1.3",
    "1.3",
  ],
  [
    "0.4-style subset with ContractedCost (a 1.0 column)",
    "BillingPeriodStart,BillingPeriodEnd,ChargePeriodStart,ChargePeriodEnd,ListCost,ContractedCost," +
    "BilledCost,EffectiveCost,ResourceId,ResourceName,ServiceName,Tags",
    "1.0",
    "1.0",
  ],
  [
    "0.4-style subset, only columns every version has",
    "BillingPeriodStart,BillingPeriodEnd,ListCost,BilledCost,ResourceId,ResourceName,ServiceName,Tags",
    "1.0",
    "1.0",
  ],
  ["minimal header", "BillingPeriodStart,BilledCost", "1.0", "1.0"],
  [
    "0.4-style subset with pre-1.0 Region/UsageQuantity only",
    "BillingPeriodStart,BilledCost,Region,UsageQuantity,UsageUnit",
    "0.5",
    "0.5",
  ],
  [
    "misspelled SkuPriceid in a 1.1 header (not a version mark)",
    "BillingPeriodStart,BilledCost,ChargeClass,SkuPriceid,SkuMeter",
    "1.1",
    "1.1",
  ],
  [
    "misspelled version mark Invoiceid in a 1.1 header",
    "BillingPeriodStart,BilledCost,ChargeClass,SkuMeter,Invoiceid",
    "1.2",
    "1.1",
  ],
  [
    "lower-case 1.3 mark serviceprovidername",
    " billingperiodstart , billedcost ,serviceprovidername",
    "1.3",
    "1.0",
  ],
  [
    "FOCUS 1.3 Contract Commitment dataset",
    "ContractCommitmentId,ContractCommitmentType,ContractCommitmentCategory,ContractCommitmentCost," +
    "ContractId,ContractPeriodStart,ContractPeriodEnd,BillingCurrency",
    "1.3",
    "1.3",
  ],
  [
    "AmortizedCost beside EffectiveCost is no pre-1.0 evidence",
    "BillingPeriodStart,BilledCost,EffectiveCost,AmortizedCost,ChargeClass",
    "1.0",
    "1.0",
  ],
];

const cells = (h: string) => h.split(",");

Deno.test("version detector: the pinned table, lenient and strict", () => {
  equal(TABLE.length >= 10, true);
  for (const [what, header, lenient, strict] of TABLE) {
    equal(detectFocusVersion(cells(header), "lenient").version, lenient, `${what} (lenient)`);
    equal(detectFocusVersion(cells(header), "strict").version, strict, `${what} (strict)`);
  }
});

Deno.test("version detector: reasons name the deciding columns", () => {
  const d13 = detectFocusVersion(cells(V13));
  equal(
    d13.reason,
    "columns introduced in FOCUS 1.3: AllocatedMethodDetails, AllocatedMethodId, AllocatedResourceId, AllocatedResourceName, ...",
  );
  equal(d13.evidence.length, 8);
  const d05 = detectFocusVersion(cells(TABLE[0][1]));
  match(
    d05.reason,
    /^pre-1\.0 column names in place of their 1\.x columns: AmortizedCost \(EffectiveCost\)/,
  );
  deepEqual(detectFocusVersion(["BilledCost"]).evidence, []);
});

Deno.test("ingest and validate agree on every header of the table", async () => {
  for (const [what, header, lenient] of TABLE) {
    const recorded = planHeader(cells(header)).focusVersion;
    const width = cells(header).length;
    const csv = `${header}\n${",".repeat(width - 1)}\n`;
    const report = await validateFile(fileFromBytes("t.csv", new TextEncoder().encode(csv)));
    equal(recorded, lenient, `${what}: ingest`);
    equal(report.detectedVersion, lenient, `${what}: validate`);
    equal(report.focusVersion, lenient, `${what}: validate checks against it`);
  }
});

Deno.test("validate: a case-misspelled mark is noted in the reason and reported as an id error", async () => {
  const header = "BillingPeriodStart,BilledCost,ChargeClass,SkuMeter,Invoiceid";
  const r = await validateFile(fileFromBytes("t.csv", new TextEncoder().encode(`${header}\n`)));
  equal(r.detectedVersion, "1.2");
  equal(
    r.detectionReason,
    "columns introduced in FOCUS 1.2: Invoiceid (letter case aside: with exact column ids the header fits FOCUS 1.1)",
  );
  equal(r.errors.find((e) => e.rule === "oc-column-id-case")?.column, "Invoiceid");
});
