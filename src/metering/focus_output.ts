/**
 * The FOCUS 1.2 rows the converters write: one column list, one row builder,
 * and the CSV text (through the program's one CSV writer).
 */

import { csvRow } from "../domain/csv_write.ts";
import { microText, quantityText } from "./decimal.ts";
import { isoSeconds, periodSeconds } from "./local_time.ts";
import type { RateCard, Sku } from "./rate_card.ts";

/** The columns of a converted file, in order. */
export const OUTPUT_COLUMNS = [
  "BillingAccountId",
  "BillingAccountName",
  "BillingAccountType",
  "BillingCurrency",
  "BillingPeriodStart",
  "BillingPeriodEnd",
  "ChargePeriodStart",
  "ChargePeriodEnd",
  "ChargeCategory",
  "ChargeClass",
  "ChargeDescription",
  "ChargeFrequency",
  "ServiceCategory",
  "ServiceName",
  "ProviderName",
  "PublisherName",
  "InvoiceIssuerName",
  "ResourceId",
  "ResourceName",
  "ResourceType",
  "SubAccountId",
  "SubAccountName",
  "SubAccountType",
  "SkuId",
  "SkuPriceId",
  "PricingCategory",
  "PricingQuantity",
  "PricingUnit",
  "PricingCurrency",
  "ConsumedQuantity",
  "ConsumedUnit",
  "ListUnitPrice",
  "ListCost",
  "ContractedUnitPrice",
  "ContractedCost",
  "BilledCost",
  "EffectiveCost",
  "Tags",
  "x_JobCount",
  "x_SubsidyPercent",
] as const;

/** What varies between rows. */
export interface UsageRow {
  billingAccountId: string;
  /** "Cluster" or "Filesystem". */
  billingAccountType: string;
  description: string;
  resourceId: string;
  resourceName: string;
  resourceType: string;
  subAccount: string;
  sku: Sku;
  priceId: string | null;
  list: string;
  quantityMicro: bigint;
  listMicro: bigint;
  billedMicro: bigint;
  tags: Record<string, string>;
  jobCount: number | null;
  subsidyPercent: string;
}

/** The header line of a converted file. */
export function headerLine(): string {
  return csvRow([...OUTPUT_COLUMNS]);
}

/** One CSV line (without its line ending) of a usage row. */
export function usageLine(card: RateCard, period: string, r: UsageRow): string {
  const [start, end] = periodSeconds(period).map(isoSeconds);
  const billed = microText(r.billedMicro);
  return csvRow([
    r.billingAccountId,
    r.billingAccountId,
    r.billingAccountType,
    card.currency,
    start,
    end,
    start,
    end,
    "Usage",
    "",
    r.description,
    "Usage-Based",
    r.sku.serviceCategory,
    r.sku.service,
    card.provider,
    card.provider,
    card.provider,
    r.resourceId,
    r.resourceName,
    r.resourceType,
    r.subAccount,
    r.subAccount,
    r.resourceType,
    r.sku.id,
    r.priceId ?? "",
    "Standard",
    quantityText(r.quantityMicro),
    r.sku.unit,
    card.currency,
    quantityText(r.quantityMicro),
    r.sku.unit,
    r.list,
    microText(r.listMicro),
    "",
    billed,
    billed,
    billed,
    JSON.stringify(r.tags),
    r.jobCount === null ? "" : String(r.jobCount),
    r.subsidyPercent,
  ]);
}
