/**
 * Which FOCUS version a file's header fits, and each version's column
 * requirements as the validator applies them (the 0.5-era profile reads the
 * pre-1.0 names such as AmortizedCost and ChargeType as their 1.x columns).
 */

import {
  type ColumnRequirement,
  FOCUS_COLUMNS,
  FOCUS_COLUMNS_BY_KEY,
  type FocusColumn,
  type FocusVersion,
  LEGACY_COLUMN_ALIASES,
} from "../focus/focus_columns.ts";

/** A version the validator can check against: a FOCUS version or the 0.5-era names. */
export type ValidationVersion = "0.5" | FocusVersion;

/** Versions a user may ask for with --version. */
export const SELECTABLE_VERSIONS = ["1.0", "1.1", "1.2"] as const;
export type SelectableVersion = typeof SELECTABLE_VERSIONS[number];

const GA_VERSIONS: FocusVersion[] = ["1.0", "1.1", "1.2"];

/** Pre-1.0 column names that are not 1.x column ids (AmortizedCost, ChargeType, ...). */
const LEGACY_ONLY_NAMES = new Set(["AmortizedCost", "ChargeType", "Provider", "Publisher"]);
/** Columns that exist only before 1.0 (and mark a 0.5-era or 1.0-preview file). */
const PRE_1_0_COLUMNS = new Set(["UsageQuantity", "UsageUnit", "Region", "InvoiceIssuer"]);

/** The detected version and why. */
export interface DetectedVersion {
  version: ValidationVersion;
  reason: string;
}

/**
 * The version whose column set fits `header` best: the newest 1.x version one
 * of whose new columns is present (1.2: InvoiceId, PricingCurrency,
 * BillingAccountType...; 1.1: ServiceSubcategory, SkuMeter...); else 0.5-era
 * (or 1.0-preview with ChargeSubcategory) when pre-1.0 names are present and
 * no 1.0 column (ChargeClass, ContractedCost...) is; else 1.0.
 */
export function detectFocusVersion(header: readonly string[]): DetectedVersion {
  const names = new Set(header.map((h) => h.trim()));
  for (const version of ["1.2", "1.1"] as const) {
    const marks = FOCUS_COLUMNS.filter((c) => firstGaVersion(c) === version && names.has(c.id));
    if (marks.length) {
      return { version, reason: `columns introduced in FOCUS ${version}: ${ids(marks)}` };
    }
  }
  const v10 = FOCUS_COLUMNS.filter((c) =>
    c.versions["1.0"] && !c.versions["1.0-preview"] && names.has(c.id)
  );
  const legacy = [...names].filter((n) => LEGACY_ONLY_NAMES.has(n) || PRE_1_0_COLUMNS.has(n));
  if (v10.length === 0 && names.has("ChargeSubcategory")) {
    return { version: "1.0-preview", reason: "column ChargeSubcategory (FOCUS 1.0-preview)" };
  }
  if (v10.length === 0 && legacy.length > 0) {
    return { version: "0.5", reason: `pre-1.0 column names: ${legacy.join(", ")}` };
  }
  if (v10.length) return { version: "1.0", reason: `columns introduced in FOCUS 1.0: ${ids(v10)}` };
  return { version: "1.0", reason: "no version-specific columns; checked as the oldest 1.x" };
}

function ids(cols: FocusColumn[]): string {
  const shown = cols.slice(0, 4).map((c) => c.id).join(", ");
  return cols.length > 4 ? `${shown}, ...` : shown;
}

/** The first 1.x version a column is part of, or null for pre-1.0-only columns. */
function firstGaVersion(c: FocusColumn): FocusVersion | null {
  return GA_VERSIONS.find((v) => c.versions[v]) ?? null;
}

/** How the validator treats one column in one version. */
export interface VersionColumn {
  column: FocusColumn;
  requirement: ColumnRequirement;
  /** Header names accepted for it (the id; in the 0.5 profile also its pre-1.0 name). */
  names: string[];
}

/** The columns of `version` with their requirement and accepted header names. */
export function versionColumns(version: ValidationVersion): VersionColumn[] {
  if (version !== "0.5") {
    return FOCUS_COLUMNS.flatMap((column) => {
      const requirement = column.versions[version];
      return requirement ? [{ column, requirement, names: [column.id] }] : [];
    });
  }
  // 0.5-era: the 1.0-preview requirements of the columns that existed in 0.5,
  // accepted under their 1.x id or their pre-1.0 name.
  const aliasesOf = new Map<string, string[]>();
  for (const [alias, target] of Object.entries(LEGACY_COLUMN_ALIASES)) {
    const name = LEGACY_DISPLAY_NAMES[alias];
    if (name && name !== target) aliasesOf.set(target, [...(aliasesOf.get(target) ?? []), name]);
  }
  return FOCUS_COLUMNS.flatMap((column) => {
    const requirement = column.versions["1.0-preview"] ?? column.versions["1.0"];
    if (!requirement || (column.introduced !== "0.5" && !aliasesOf.has(column.id))) return [];
    return [{ column, requirement, names: [column.id, ...(aliasesOf.get(column.id) ?? [])] }];
  });
}

/** Spelling of the pre-1.0 names as they appear in 0.5-era headers. */
const LEGACY_DISPLAY_NAMES: Record<string, string> = {
  amortizedcost: "AmortizedCost",
  chargetype: "ChargeType",
  provider: "Provider",
  publisher: "Publisher",
  invoiceissuer: "InvoiceIssuer",
  usagequantity: "UsageQuantity",
  usageunit: "UsageUnit",
  region: "Region",
};

/** The FOCUS column (any version) whose id equals `name` ignoring case, if any. */
export function focusColumnIgnoringCase(name: string): FocusColumn | undefined {
  return FOCUS_COLUMNS_BY_KEY.get(name.toLowerCase());
}

/** The 1.x column a pre-1.0 name stands for ("AmortizedCost" -> "EffectiveCost"). */
export function legacyTarget(name: string): string | undefined {
  const key = name.toLowerCase();
  return LEGACY_DISPLAY_NAMES[key] === name ? LEGACY_COLUMN_ALIASES[key] : undefined;
}
