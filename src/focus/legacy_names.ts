/**
 * The pre-1.0 column names (FOCUS 0.5 and 1.0-preview) and the 1.x column
 * each stands for: the one list ingest (which reads them into the 1.x
 * fields), validate (its 0.5-era profile) and the version detector use.
 */

/** A pre-1.0 column name. */
export interface PreOneName {
  /** As the 0.5 specification spells it. */
  name: string;
  /** The 1.x column id it stands for. */
  standsFor: string;
  /** Also a 1.0-preview name (1.0 dropped it), so no proof of 0.5 by itself. */
  alsoPreview: boolean;
}

export const PRE_1_0_COLUMNS: readonly PreOneName[] = [
  { name: "AmortizedCost", standsFor: "EffectiveCost", alsoPreview: false },
  { name: "BilledCurrency", standsFor: "BillingCurrency", alsoPreview: false },
  { name: "ChargeType", standsFor: "ChargeCategory", alsoPreview: false },
  { name: "InvoiceIssuer", standsFor: "InvoiceIssuerName", alsoPreview: false },
  { name: "Provider", standsFor: "ProviderName", alsoPreview: false },
  { name: "Publisher", standsFor: "PublisherName", alsoPreview: false },
  // 0.5 spelled it ResourceID; ingest reads names in any case anyway
  { name: "ResourceID", standsFor: "ResourceId", alsoPreview: false },
  { name: "Region", standsFor: "RegionId", alsoPreview: true },
  { name: "UsageQuantity", standsFor: "ConsumedQuantity", alsoPreview: true },
  { name: "UsageUnit", standsFor: "ConsumedUnit", alsoPreview: true },
];

/** Lower-cased pre-1.0 name -> its entry. */
export const PRE_1_0_BY_KEY: ReadonlyMap<string, PreOneName> = new Map(
  PRE_1_0_COLUMNS.map((p) => [p.name.toLowerCase(), p]),
);
