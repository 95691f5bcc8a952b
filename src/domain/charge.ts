/**
 * The charge: what a source of charges (a FOCUS file today; metered usage or
 * re-attribution of stored charges later) produces, and what the charges
 * table stores. A source reads a `ParsedCharge` (descriptive and money
 * fields); `finishCharge` (src/ingest/finish_charge.ts) adds who pays, the
 * review flags, the provenance of the attribution and the fingerprint.
 * Money in integer micro-units.
 */

/** Who pays for a charge (null when nothing set the field). */
export interface ChargeAttribution {
  piEmail: string | null;
  piName: string | null;
  projectId: string | null;
  fundOrg: string | null;
  costCenter: string | null;
  reference1: string | null;
  reference2: string | null;
  accountCode: string | null;
}

/** The attribution fields in a stable order. */
export const ATTRIBUTION_FIELDS = [
  "piEmail",
  "piName",
  "projectId",
  "fundOrg",
  "costCenter",
  "reference1",
  "reference2",
  "accountCode",
] as const satisfies readonly (keyof ChargeAttribution)[];

/** An attribution field name. */
export type AttributionField = typeof ATTRIBUTION_FIELDS[number];

/** The config / rule key of each attribution field (`tag_mapping` and `set:` keys). */
export const ATTRIBUTION_KEYS: Record<AttributionField, string> = {
  piEmail: "pi_email",
  piName: "pi_name",
  projectId: "project_id",
  fundOrg: "fund_org",
  costCenter: "cost_center",
  reference1: "reference_1",
  reference2: "reference_2",
  accountCode: "account_code",
};

/** What a source reads for one charge, before attribution, flags and fingerprint. */
export interface ParsedCharge {
  fileName: string;
  lineNo: number;
  /** The billing period (YYYY-MM, UTC month of BillingPeriodStart). */
  period: string;
  billingPeriodStart: string;
  billingPeriodEnd: string | null;
  chargePeriodStart: string | null;
  chargePeriodEnd: string | null;
  billedCost: number;
  listCost: number;
  contractedCost: number;
  effectiveCost: number;
  listUnitPrice: string | null;
  contractedUnitPrice: string | null;
  pricingQuantity: string | null;
  pricingUnit: string | null;
  consumedQuantity: string | null;
  consumedUnit: string | null;
  billingCurrency: string;
  chargeCategory: string | null;
  chargeClass: string | null;
  chargeDescription: string | null;
  chargeFrequency: string | null;
  serviceName: string | null;
  serviceCategory: string | null;
  resourceId: string | null;
  resourceName: string | null;
  resourceType: string | null;
  regionId: string | null;
  subAccountId: string | null;
  subAccountName: string | null;
  billingAccountId: string | null;
  providerName: string | null;
  publisherName: string | null;
  invoiceIssuerName: string | null;
  invoiceId: string | null;
  skuId: string | null;
  skuPriceId: string | null;
  /** The Tags JSON text (raw text when invalid), or null. */
  tags: string | null;
  /** JSON object of the columns without a typed field (and exact money texts), or null. */
  extra: string | null;
}

/** A finished charge, ready to store. */
export interface Charge extends ParsedCharge, ChargeAttribution {
  /** Identity of the charge across redeliveries (src/domain/fingerprint.ts). */
  fingerprint: string;
  /** JSON array of review flag reasons, or null. */
  flags: string | null;
  /**
   * What set each attribution field that a tag did not: JSON object of
   * `{rule/person codes}` (src/attribution/provenance.ts), null when every
   * field came from the tags (or is empty).
   */
  attribution: string | null;
}
