/** The shape of the FOCUS column catalogue: versions, feature levels, requirements. */

/** The FOCUS versions this program knows, oldest first. */
export const FOCUS_VERSIONS = ["1.0-preview", "1.0", "1.1", "1.2", "1.3"] as const;
export type FocusVersion = typeof FOCUS_VERSIONS[number];

/** Feature level of a column in one FOCUS version. */
export type FeatureLevel = "Mandatory" | "Conditional" | "Recommended" | "Optional";

/** One column's requirement in one version: level and whether null is allowed. */
export interface ColumnRequirement {
  level: FeatureLevel;
  nullable: boolean;
}

/** A FOCUS column. */
export interface FocusColumn {
  id: string;
  dataType: "String" | "Decimal" | "DateTime" | "JSON";
  /** The version that introduced it ("0.5" for the pre-1.0 names). */
  introduced: string;
  /** Requirement per version; absent when the column is not part of that version. */
  versions: Partial<Record<FocusVersion, ColumnRequirement>>;
  /** The version that deprecated it (still required there) and the column replacing it. */
  deprecated?: { version: FocusVersion; replacedBy: string | null };
}

export const M = (nullable: boolean): ColumnRequirement => ({ level: "Mandatory", nullable });
export const C = (nullable: boolean): ColumnRequirement => ({ level: "Conditional", nullable });
export const R = (nullable: boolean): ColumnRequirement => ({ level: "Recommended", nullable });
export const O = (nullable: boolean): ColumnRequirement => ({ level: "Optional", nullable });
