/**
 * FOCUS columns by specification version (1.0-preview, 1.0, 1.1, 1.2, 1.3):
 * data type and, per version, feature level and nullability. Written from the
 * FOCUS specification's column definitions (Cost and Usage dataset).
 */

import { C, type FocusColumn, M, O, R } from "./column_types.ts";
import { withFocus13 } from "./focus_columns_1_3.ts";
import { PRE_1_0_COLUMNS } from "./legacy_names.ts";

export {
  type ColumnRequirement,
  type FeatureLevel,
  FOCUS_VERSIONS,
  type FocusColumn,
  type FocusVersion,
} from "./column_types.ts";

/** Every FOCUS column of versions 1.0-preview to 1.3 (1.3: see focus_columns_1_3.ts). */
export const FOCUS_COLUMNS: FocusColumn[] = withFocus13([
  {
    id: "AvailabilityZone",
    dataType: "String",
    introduced: "0.5",
    versions: { "1.0-preview": O(true), "1.0": R(true), "1.1": R(true), "1.2": R(true) },
  },
  {
    id: "BilledCost",
    dataType: "Decimal",
    introduced: "0.5",
    versions: { "1.0-preview": M(false), "1.0": M(false), "1.1": M(false), "1.2": M(false) },
  },
  {
    id: "BillingAccountId",
    dataType: "String",
    introduced: "0.5",
    versions: { "1.0-preview": M(false), "1.0": M(false), "1.1": M(false), "1.2": M(false) },
  },
  {
    id: "BillingAccountName",
    dataType: "String",
    introduced: "0.5",
    versions: { "1.0-preview": M(true), "1.0": M(true), "1.1": M(true), "1.2": M(true) },
  },
  {
    id: "BillingAccountType",
    dataType: "String",
    introduced: "1.2",
    versions: { "1.2": C(false) },
  },
  {
    id: "BillingCurrency",
    dataType: "String",
    introduced: "0.5",
    versions: { "1.0-preview": M(false), "1.0": M(false), "1.1": M(false), "1.2": M(false) },
  },
  {
    id: "BillingPeriodEnd",
    dataType: "DateTime",
    introduced: "0.5",
    versions: { "1.0-preview": M(false), "1.0": M(false), "1.1": M(false), "1.2": M(false) },
  },
  {
    id: "BillingPeriodStart",
    dataType: "DateTime",
    introduced: "0.5",
    versions: { "1.0-preview": M(false), "1.0": M(false), "1.1": M(false), "1.2": M(false) },
  },
  {
    id: "CapacityReservationId",
    dataType: "String",
    introduced: "1.1",
    versions: { "1.1": C(true), "1.2": C(true) },
  },
  {
    id: "CapacityReservationStatus",
    dataType: "String",
    introduced: "1.1",
    versions: { "1.1": C(true), "1.2": C(true) },
  },
  {
    id: "ChargeCategory",
    dataType: "String",
    introduced: "0.5",
    versions: { "1.0-preview": M(false), "1.0": M(false), "1.1": M(false), "1.2": M(false) },
  },
  {
    id: "ChargeClass",
    dataType: "String",
    introduced: "1.0",
    versions: { "1.0": M(true), "1.1": M(true), "1.2": M(true) },
  },
  {
    id: "ChargeDescription",
    dataType: "String",
    introduced: "1.0-preview",
    versions: { "1.0-preview": M(true), "1.0": M(true), "1.1": M(true), "1.2": M(true) },
  },
  {
    id: "ChargeFrequency",
    dataType: "String",
    introduced: "1.0-preview",
    versions: { "1.0-preview": M(false), "1.0": R(false), "1.1": R(false), "1.2": R(false) },
  },
  {
    id: "ChargePeriodEnd",
    dataType: "DateTime",
    introduced: "0.5",
    versions: { "1.0-preview": M(false), "1.0": M(false), "1.1": M(false), "1.2": M(false) },
  },
  {
    id: "ChargePeriodStart",
    dataType: "DateTime",
    introduced: "0.5",
    versions: { "1.0-preview": M(false), "1.0": M(false), "1.1": M(false), "1.2": M(false) },
  },
  {
    id: "ChargeSubcategory",
    dataType: "String",
    introduced: "1.0",
    versions: { "1.0-preview": M(true) },
  },
  {
    id: "CommitmentDiscountCategory",
    dataType: "String",
    introduced: "1.0-preview",
    versions: { "1.0-preview": M(true), "1.0": C(true), "1.1": C(true), "1.2": C(true) },
  },
  {
    id: "CommitmentDiscountId",
    dataType: "String",
    introduced: "1.0-preview",
    versions: { "1.0-preview": M(true), "1.0": C(true), "1.1": C(true), "1.2": C(true) },
  },
  {
    id: "CommitmentDiscountName",
    dataType: "String",
    introduced: "1.0-preview",
    versions: { "1.0-preview": M(true), "1.0": C(true), "1.1": C(true), "1.2": C(true) },
  },
  {
    id: "CommitmentDiscountQuantity",
    dataType: "Decimal",
    introduced: "1.1",
    versions: { "1.1": C(true), "1.2": C(true) },
  },
  {
    id: "CommitmentDiscountStatus",
    dataType: "String",
    introduced: "1.0",
    versions: { "1.0": C(true), "1.1": C(true), "1.2": C(true) },
  },
  {
    id: "CommitmentDiscountType",
    dataType: "String",
    introduced: "1.0-preview",
    versions: { "1.0-preview": O(true), "1.0": C(true), "1.1": C(true), "1.2": C(true) },
  },
  {
    id: "CommitmentDiscountUnit",
    dataType: "String",
    introduced: "1.1",
    versions: { "1.1": C(true), "1.2": C(true) },
  },
  {
    id: "ConsumedQuantity",
    dataType: "Decimal",
    introduced: "1.0",
    versions: { "1.0": C(true), "1.1": C(true), "1.2": C(true) },
  },
  {
    id: "ConsumedUnit",
    dataType: "String",
    introduced: "1.0",
    versions: { "1.0": C(true), "1.1": C(true), "1.2": C(true) },
  },
  {
    id: "ContractedCost",
    dataType: "Decimal",
    introduced: "1.0",
    versions: { "1.0": M(false), "1.1": M(false), "1.2": M(false) },
  },
  {
    id: "ContractedUnitPrice",
    dataType: "Decimal",
    introduced: "1.0",
    versions: { "1.0": C(true), "1.1": C(true), "1.2": C(true) },
  },
  {
    id: "EffectiveCost",
    dataType: "Decimal",
    introduced: "0.5",
    versions: { "1.0-preview": M(false), "1.0": M(false), "1.1": M(false), "1.2": M(false) },
  },
  { id: "InvoiceId", dataType: "String", introduced: "1.2", versions: { "1.2": R(true) } },
  {
    id: "InvoiceIssuerName",
    dataType: "String",
    introduced: "0.5",
    versions: { "1.0-preview": M(false), "1.0": M(false), "1.1": M(false), "1.2": M(false) },
  },
  {
    id: "ListCost",
    dataType: "Decimal",
    introduced: "1.0-preview",
    versions: { "1.0-preview": M(false), "1.0": M(false), "1.1": M(false), "1.2": M(false) },
  },
  {
    id: "ListUnitPrice",
    dataType: "Decimal",
    introduced: "1.0-preview",
    versions: { "1.0-preview": M(true), "1.0": C(true), "1.1": C(true), "1.2": C(true) },
  },
  {
    id: "PricingCategory",
    dataType: "String",
    introduced: "1.0-preview",
    versions: { "1.0-preview": M(true), "1.0": C(true), "1.1": C(true), "1.2": C(true) },
  },
  { id: "PricingCurrency", dataType: "String", introduced: "1.2", versions: { "1.2": C(true) } },
  {
    id: "PricingCurrencyContractedUnitPrice",
    dataType: "Decimal",
    introduced: "1.2",
    versions: { "1.2": C(true) },
  },
  {
    id: "PricingCurrencyEffectiveCost",
    dataType: "Decimal",
    introduced: "1.2",
    versions: { "1.2": C(true) },
  },
  {
    id: "PricingCurrencyListUnitPrice",
    dataType: "Decimal",
    introduced: "1.2",
    versions: { "1.2": C(true) },
  },
  {
    id: "PricingQuantity",
    dataType: "Decimal",
    introduced: "1.0-preview",
    versions: { "1.0-preview": M(true), "1.0": M(true), "1.1": M(true), "1.2": M(true) },
  },
  {
    id: "PricingUnit",
    dataType: "String",
    introduced: "1.0-preview",
    versions: { "1.0-preview": M(true), "1.0": M(true), "1.1": M(true), "1.2": M(true) },
  },
  {
    id: "ProviderName",
    dataType: "String",
    introduced: "0.5",
    versions: { "1.0-preview": M(false), "1.0": M(false), "1.1": M(false), "1.2": M(false) },
  },
  {
    id: "PublisherName",
    dataType: "String",
    introduced: "0.5",
    versions: { "1.0-preview": M(false), "1.0": M(false), "1.1": M(false), "1.2": M(false) },
  },
  { id: "Region", dataType: "String", introduced: "0.5", versions: { "1.0-preview": M(true) } },
  {
    id: "RegionId",
    dataType: "String",
    introduced: "1.0",
    versions: { "1.0": C(true), "1.1": C(true), "1.2": C(true) },
  },
  {
    id: "RegionName",
    dataType: "String",
    introduced: "1.0",
    versions: { "1.0": C(true), "1.1": C(true), "1.2": C(true) },
  },
  {
    id: "ResourceId",
    dataType: "String",
    introduced: "0.5",
    versions: { "1.0-preview": M(true), "1.0": C(true), "1.1": C(true), "1.2": C(true) },
  },
  {
    id: "ResourceName",
    dataType: "String",
    introduced: "0.5",
    versions: { "1.0-preview": M(true), "1.0": C(true), "1.1": C(true), "1.2": C(true) },
  },
  {
    id: "ResourceType",
    dataType: "String",
    introduced: "1.0-preview",
    versions: { "1.0-preview": M(true), "1.0": C(true), "1.1": C(true), "1.2": C(true) },
  },
  {
    id: "ServiceCategory",
    dataType: "String",
    introduced: "0.5",
    versions: { "1.0-preview": M(false), "1.0": M(false), "1.1": M(false), "1.2": M(false) },
  },
  {
    id: "ServiceName",
    dataType: "String",
    introduced: "0.5",
    versions: { "1.0-preview": M(false), "1.0": M(false), "1.1": M(false), "1.2": M(false) },
  },
  {
    id: "ServiceSubcategory",
    dataType: "String",
    introduced: "1.1",
    versions: { "1.1": R(false), "1.2": R(false) },
  },
  {
    id: "SkuId",
    dataType: "String",
    introduced: "1.0-preview",
    versions: { "1.0-preview": M(true), "1.0": C(true), "1.1": C(true), "1.2": C(true) },
  },
  {
    id: "SkuMeter",
    dataType: "String",
    introduced: "1.1",
    versions: { "1.1": C(true), "1.2": C(true) },
  },
  {
    id: "SkuPriceDetails",
    dataType: "JSON",
    introduced: "1.1",
    versions: { "1.1": C(true), "1.2": C(true) },
  },
  {
    id: "SkuPriceId",
    dataType: "String",
    introduced: "1.0-preview",
    versions: { "1.0-preview": M(true), "1.0": C(true), "1.1": C(true), "1.2": C(true) },
  },
  {
    id: "SubAccountId",
    dataType: "String",
    introduced: "0.5",
    versions: { "1.0-preview": M(true), "1.0": C(true), "1.1": C(true), "1.2": C(true) },
  },
  {
    id: "SubAccountName",
    dataType: "String",
    introduced: "0.5",
    versions: { "1.0-preview": M(true), "1.0": C(true), "1.1": C(true), "1.2": C(true) },
  },
  { id: "SubAccountType", dataType: "String", introduced: "1.2", versions: { "1.2": C(true) } },
  {
    id: "Tags",
    dataType: "JSON",
    introduced: "1.0-preview",
    versions: { "1.0-preview": M(true), "1.0": C(true), "1.1": C(true), "1.2": C(true) },
  },
  {
    id: "UsageQuantity",
    dataType: "Decimal",
    introduced: "1.0",
    versions: { "1.0-preview": M(true) },
  },
  { id: "UsageUnit", dataType: "String", introduced: "1.0", versions: { "1.0-preview": M(true) } },
]);

/** Lower-cased column id -> column. */
export const FOCUS_COLUMNS_BY_KEY: ReadonlyMap<string, FocusColumn> = new Map(
  FOCUS_COLUMNS.map((c) => [c.id.toLowerCase(), c]),
);

/**
 * Pre-1.0 (FOCUS 0.5-era) names, lower-cased, and the 1.x column they stand
 * for (from legacy_names.ts). They are read into the same typed fields.
 */
export const LEGACY_COLUMN_ALIASES: Readonly<Record<string, string>> = Object.fromEntries(
  PRE_1_0_COLUMNS.map((p) => [p.name.toLowerCase(), p.standsFor]),
);
