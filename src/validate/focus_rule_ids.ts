/**
 * Rule ids of the official FOCUS validator (finopsfoundation/focus_validator,
 * model-1.2.json) for the per-column checks this validator runs. The 1.2 ids
 * are used for every version (the 1.0 and 1.1 models number most rules the
 * same way); checks without an official id get an `oc-` id.
 */

/** Official ids of one column's checks. */
export interface ColumnRuleIds {
  presence?: string;
  format?: string;
  currency?: string;
  notNull?: string;
  allowed?: string;
  nonNegative?: string;
}

const IDS: Record<string, ColumnRuleIds> = {
  AvailabilityZone: { presence: "CostAndUsage-D-003-C" },
  BilledCost: {
    presence: "CostAndUsage-D-006-M",
    format: "BilledCost-C-002-M",
    notNull: "BilledCost-C-003-M",
  },
  BillingAccountId: { presence: "CostAndUsage-D-024-M", notNull: "BillingAccountId-C-001-M" },
  BillingAccountName: { presence: "CostAndUsage-D-005-M" },
  BillingAccountType: { presence: "CostAndUsage-D-007-C" },
  BillingCurrency: {
    presence: "CostAndUsage-D-035-M",
    currency: "BillingCurrency-C-003-M",
    notNull: "BillingCurrency-C-004-M",
  },
  BillingPeriodEnd: {
    presence: "CostAndUsage-D-010-M",
    format: "BillingPeriodEnd-C-002-M",
    notNull: "BillingPeriodEnd-C-003-M",
  },
  BillingPeriodStart: {
    presence: "CostAndUsage-D-009-M",
    format: "BillingPeriodStart-C-002-M",
    notNull: "BillingPeriodStart-C-003-M",
  },
  CapacityReservationId: { presence: "CostAndUsage-D-065-C" },
  CapacityReservationStatus: {
    presence: "CostAndUsage-D-020-C",
    allowed: "CapacityReservationStatus-C-006-M",
  },
  ChargeCategory: {
    presence: "CostAndUsage-D-008-M",
    notNull: "ChargeCategory-C-002-M",
    allowed: "ChargeCategory-C-003-M",
  },
  ChargeClass: { presence: "CostAndUsage-D-026-M" },
  ChargeDescription: { presence: "CostAndUsage-D-025-M" },
  ChargeFrequency: {
    presence: "CostAndUsage-D-027-O",
    notNull: "ChargeFrequency-C-002-M",
    allowed: "ChargeFrequency-C-003-M",
  },
  ChargePeriodEnd: {
    presence: "CostAndUsage-D-028-M",
    format: "ChargePeriodEnd-C-002-M",
    notNull: "ChargePeriodEnd-C-003-M",
  },
  ChargePeriodStart: {
    presence: "CostAndUsage-D-037-M",
    format: "ChargePeriodStart-C-002-M",
    notNull: "ChargePeriodStart-C-003-M",
  },
  CommitmentDiscountCategory: {
    presence: "CostAndUsage-D-016-C",
    allowed: "CommitmentDiscountCategory-C-005-M",
  },
  CommitmentDiscountId: { presence: "CostAndUsage-D-013-C" },
  CommitmentDiscountName: { presence: "CostAndUsage-D-012-C" },
  CommitmentDiscountQuantity: {
    presence: "CostAndUsage-D-018-C",
    format: "CommitmentDiscountQuantity-C-002-M",
  },
  CommitmentDiscountStatus: {
    presence: "CostAndUsage-D-017-C",
    allowed: "CommitmentDiscountStatus-C-005-M",
  },
  CommitmentDiscountType: { presence: "CostAndUsage-D-014-C" },
  CommitmentDiscountUnit: { presence: "CostAndUsage-D-015-C" },
  ConsumedQuantity: { presence: "CostAndUsage-D-011-C", format: "ConsumedQuantity-C-002-M" },
  ConsumedUnit: { presence: "CostAndUsage-D-066-C" },
  ContractedCost: {
    presence: "CostAndUsage-D-030-M",
    format: "ContractedCost-C-002-M",
    notNull: "ContractedCost-C-003-M",
  },
  ContractedUnitPrice: {
    presence: "CostAndUsage-D-034-C",
    format: "ContractedUnitPrice-C-003-M",
    nonNegative: "ContractedUnitPrice-C-009-C",
  },
  EffectiveCost: {
    presence: "CostAndUsage-D-031-M",
    format: "EffectiveCost-C-002-M",
    notNull: "EffectiveCost-C-003-M",
  },
  InvoiceId: { presence: "CostAndUsage-D-033-O" },
  InvoiceIssuerName: { presence: "CostAndUsage-D-023-M", notNull: "InvoiceIssuerName-C-003-M" },
  ListCost: {
    presence: "CostAndUsage-D-032-M",
    format: "ListCost-C-002-M",
    notNull: "ListCost-C-003-M",
  },
  ListUnitPrice: {
    presence: "CostAndUsage-D-004-C",
    format: "ListUnitPrice-C-002-M",
    nonNegative: "ListUnitPrice-C-008-M",
  },
  PricingCategory: { presence: "CostAndUsage-D-022-C", allowed: "PricingCategory-C-007-M" },
  PricingCurrency: {
    presence: "CostAndUsage-D-045-C",
    currency: "PricingCurrency-C-003-M",
    notNull: "PricingCurrency-C-004-M",
  },
  PricingCurrencyContractedUnitPrice: {
    presence: "CostAndUsage-D-047-C",
    format: "PricingCurrencyContractedUnitPrice-C-002-M",
  },
  PricingCurrencyEffectiveCost: {
    presence: "CostAndUsage-D-051-C",
    format: "PricingCurrencyEffectiveCost-C-002-M",
    notNull: "PricingCurrencyEffectiveCost-C-003-M",
  },
  PricingCurrencyListUnitPrice: {
    presence: "CostAndUsage-D-055-C",
    format: "PricingCurrencyListUnitPrice-C-002-M",
    nonNegative: "PricingCurrencyListUnitPrice-C-008-M",
  },
  PricingQuantity: { presence: "CostAndUsage-D-036-M", format: "PricingQuantity-C-002-M" },
  PricingUnit: { presence: "CostAndUsage-D-068-M" },
  ProviderName: { presence: "CostAndUsage-D-038-M", notNull: "ProviderName-C-003-M" },
  PublisherName: { presence: "CostAndUsage-D-021-M", notNull: "PublisherName-C-003-M" },
  RegionId: { presence: "CostAndUsage-D-063-C" },
  RegionName: { presence: "CostAndUsage-D-062-C" },
  ResourceId: { presence: "CostAndUsage-D-043-C" },
  ResourceName: { presence: "CostAndUsage-D-044-C" },
  ResourceType: { presence: "CostAndUsage-D-039-C" },
  ServiceCategory: {
    presence: "CostAndUsage-D-040-M",
    notNull: "ServiceCategory-C-002-M",
    allowed: "ServiceCategory-C-003-M",
  },
  ServiceName: { presence: "CostAndUsage-D-041-M", notNull: "ServiceName-C-003-M" },
  ServiceSubcategory: {
    presence: "CostAndUsage-D-042-O",
    notNull: "ServiceSubcategory-C-002-M",
    allowed: "ServiceSubcategory-C-003-M",
  },
  SkuId: { presence: "CostAndUsage-D-060-C" },
  SkuMeter: { presence: "CostAndUsage-D-059-C" },
  SkuPriceDetails: { presence: "CostAndUsage-D-061-C", format: "SkuPriceDetails-C-001-M" },
  SkuPriceId: { presence: "CostAndUsage-D-058-C" },
  SubAccountId: { presence: "CostAndUsage-D-019-C" },
  SubAccountName: { presence: "CostAndUsage-D-029-C" },
  SubAccountType: { presence: "CostAndUsage-D-067-C" },
  Tags: { presence: "CostAndUsage-D-064-C", format: "Tags-C-001-M" },
};

/** The id of `kind` check on `columnId`: the official one, else `oc-<kind>-<ColumnId>`. */
export function ruleId(columnId: string, kind: keyof ColumnRuleIds): string {
  return IDS[columnId]?.[kind] ?? `oc-${kind}-${columnId}`;
}
