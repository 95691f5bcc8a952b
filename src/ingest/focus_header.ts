/**
 * Map a FOCUS CSV header to the fields we store: names are matched
 * case-insensitively after trimming, 0.5-era names stand for their 1.x column
 * (BilledCurrency for BillingCurrency, ...), the 1.3 ServiceProviderName fills
 * ProviderName when a file has no ProviderName, every other column goes to the
 * row's `extra` JSON. Also records the FOCUS version (the one detector of
 * src/focus) and refuses datasets that are not billing data.
 */

import { detectDataset, notBillingDataMessage } from "../focus/detect_dataset.ts";
import { detectFocusVersion } from "../focus/detect_version.ts";
import { resolveHeader } from "../focus/header_columns.ts";

/** How a typed field's cells are read. */
export type FieldKind = "datetime" | "money" | "decimal" | "text" | "tags";

/** A FOCUS column stored in its own charges column. */
export interface TypedField {
  focus: string;
  kind: FieldKind;
}

/** The typed fields, by FOCUS column id. Order is the order values are produced in. */
export const TYPED_FIELDS = [
  { focus: "BillingPeriodStart", kind: "datetime" },
  { focus: "BillingPeriodEnd", kind: "datetime" },
  { focus: "ChargePeriodStart", kind: "datetime" },
  { focus: "ChargePeriodEnd", kind: "datetime" },
  { focus: "BilledCost", kind: "money" },
  { focus: "ListCost", kind: "money" },
  { focus: "ContractedCost", kind: "money" },
  { focus: "EffectiveCost", kind: "money" },
  { focus: "ListUnitPrice", kind: "decimal" },
  { focus: "ContractedUnitPrice", kind: "decimal" },
  { focus: "PricingQuantity", kind: "decimal" },
  { focus: "PricingUnit", kind: "text" },
  { focus: "ConsumedQuantity", kind: "decimal" },
  { focus: "ConsumedUnit", kind: "text" },
  { focus: "BillingCurrency", kind: "text" },
  { focus: "ChargeCategory", kind: "text" },
  { focus: "ChargeClass", kind: "text" },
  { focus: "ChargeDescription", kind: "text" },
  { focus: "ChargeFrequency", kind: "text" },
  { focus: "ServiceName", kind: "text" },
  { focus: "ServiceCategory", kind: "text" },
  { focus: "ResourceId", kind: "text" },
  { focus: "ResourceName", kind: "text" },
  { focus: "ResourceType", kind: "text" },
  { focus: "RegionId", kind: "text" },
  { focus: "SubAccountId", kind: "text" },
  { focus: "SubAccountName", kind: "text" },
  { focus: "BillingAccountId", kind: "text" },
  { focus: "ProviderName", kind: "text" },
  { focus: "PublisherName", kind: "text" },
  { focus: "InvoiceIssuerName", kind: "text" },
  { focus: "InvoiceId", kind: "text" },
  { focus: "SkuId", kind: "text" },
  { focus: "SkuPriceId", kind: "text" },
  { focus: "Tags", kind: "tags" },
] as const satisfies readonly TypedField[];

/** A typed field's FOCUS id. */
export type TypedFocusId = typeof TYPED_FIELDS[number]["focus"];

/** The columns a file must have. */
export const REQUIRED_COLUMNS = ["BillingPeriodStart", "BilledCost"] as const;

const TYPED_INDEX = new Map<string, number>(
  TYPED_FIELDS.map((f, i) => [f.focus.toLowerCase(), i]),
);
/**
 * Besides the pre-1.0 names (legacy_names.ts), names read into a typed field
 * when its own column is absent, lower-cased -> 1.x id: ServiceProviderName
 * replaces ProviderName from FOCUS 1.3.
 */
const STAND_INS = new Map<string, string>([["serviceprovidername", "ProviderName"]]);

/** One problem with a header (duplicate or missing column). */
export interface HeaderProblem {
  /** The column at fault; absent when the whole header is (another dataset). */
  column?: string;
  what: string;
  hint: string;
}

/** How to read the rows of one file. */
export interface HeaderPlan {
  /** Header names as written (trimmed). */
  names: string[];
  /** Column index of each typed field (same order as TYPED_FIELDS), -1 when absent. */
  fieldIndex: number[];
  /** Column indices stored in `extra` (everything not typed). */
  extraIndex: number[];
  /** Of extraIndex: the columns FOCUS defines as Decimal (checked as numbers). */
  extraDecimalIndex: number[];
  /** The FOCUS version the header matches: "1.3", "1.2", "1.1", "1.0", "1.0-preview" or "0.5". */
  focusVersion: string;
  /** The column the currency is read from (BillingCurrency or BilledCurrency), null = config currency. */
  currencyColumn: string | null;
  problems: HeaderProblem[];
}

/** Build the reading plan of a header row. Problems are returned, not thrown. */
export function planHeader(header: string[]): HeaderPlan {
  const names = header.map((h) => h.trim());
  const keys = names.map((n) => n.toLowerCase());
  const problems: HeaderProblem[] = [];
  const resolved = resolveHeader(names, "lenient");
  for (const c of resolved) {
    if (c.key === "") {
      problems.push({
        column: `#${c.index + 1}`,
        what: `column ${c.index + 1} has no name in the header.`,
        hint: "Give every column a name in the first line.",
      });
    } else if (c.duplicateOf >= 0) {
      problems.push({
        column: c.name,
        what: `duplicate column name '${c.name}' (also column ${c.duplicateOf + 1}).`,
        hint: "Each column name may appear once (names are compared without case).",
      });
    }
  }
  const notBilling = notBillingDataMessage(detectDataset(names));
  if (notBilling) {
    problems.push({
      what: `${notBilling}.`,
      hint:
        "Import FOCUS Cost and Usage files (the ones with BilledCost per charge); other FOCUS datasets are not charges.",
    });
  }
  const fieldIndex: number[] = TYPED_FIELDS.map(() => -1);
  // exact names first, then the names standing in for fields still unfilled
  for (const c of resolved) {
    const f = TYPED_INDEX.get(c.key);
    if (f !== undefined && fieldIndex[f] === -1) fieldIndex[f] = c.index;
  }
  for (const c of resolved) {
    const stands = c.preOne?.standsFor ?? STAND_INS.get(c.key);
    if (stands === undefined || stands.toLowerCase() === c.key) continue;
    const f = TYPED_INDEX.get(stands.toLowerCase());
    if (f !== undefined && fieldIndex[f] === -1) fieldIndex[f] = c.index;
  }
  const typed = new Set(fieldIndex.filter((i) => i >= 0));
  const extraIndex = keys.map((_, i) => i).filter((i) => !typed.has(i) && keys[i] !== "");
  const extraDecimalIndex = extraIndex.filter((i) => resolved[i].column?.dataType === "Decimal");
  for (const req of notBilling ? [] : REQUIRED_COLUMNS) {
    if (fieldIndex[TYPED_INDEX.get(req.toLowerCase())!] === -1) {
      problems.push({
        column: req,
        what: `required column ${req} is missing.`,
        hint: `A FOCUS file needs ${REQUIRED_COLUMNS.join(" and ")} columns.`,
      });
    }
  }
  const currencyAt = fieldIndex[TYPED_INDEX.get("billingcurrency")!];
  return {
    names,
    fieldIndex,
    extraIndex,
    extraDecimalIndex,
    focusVersion: detectFocusVersion(names, "lenient").version,
    currencyColumn: currencyAt >= 0 ? names[currencyAt] : null,
    problems,
  };
}

const FIELD_POSITION = Object.fromEntries(TYPED_FIELDS.map((f, i) => [f.focus, i])) as Record<
  TypedFocusId,
  number
>;

/** Column index of a typed field in a plan, or -1. */
export function fieldColumn(plan: HeaderPlan, focus: TypedFocusId): number {
  return plan.fieldIndex[FIELD_POSITION[focus]];
}
