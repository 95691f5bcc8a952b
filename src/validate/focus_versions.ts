/**
 * Which FOCUS version a file's header fits, and each version's column
 * requirements as the validator applies them (the 0.5-era profile reads the
 * pre-1.0 names such as AmortizedCost and ChargeType as their 1.x columns).
 */

import {
  type DetectedVersion,
  detectFocusVersion as detectVersion,
} from "../focus/detect_version.ts";
import { type ColumnRequirement, FOCUS_COLUMNS, type FocusColumn } from "../focus/focus_columns.ts";
import { PRE_1_0_COLUMNS } from "../focus/legacy_names.ts";

/** A version the validator can check against: a FOCUS version or the 0.5-era names. */
export type ValidationVersion = DetectedVersion;

/** Versions a user may ask for with --version. */
export const SELECTABLE_VERSIONS = ["1.0", "1.1", "1.2", "1.3"] as const;
export type SelectableVersion = typeof SELECTABLE_VERSIONS[number];

/** The detected version and why. */
export interface ValidationDetection {
  version: ValidationVersion;
  reason: string;
}

/**
 * The version `header` was written for: the one detector of src/focus
 * (lenient, as ingest reads the header, so both agree on every file). When
 * the exact column ids (strict mode) point elsewhere, the reason says so:
 * the case-misspelled ids are reported by the header checks.
 */
export function detectFocusVersion(header: readonly string[]): ValidationDetection {
  const lenient = detectVersion(header, "lenient");
  const strict = detectVersion(header, "strict");
  if (strict.version === lenient.version) return lenient;
  return {
    version: lenient.version,
    reason: `${lenient.reason} (letter case aside: with exact column ids the header fits ${
      versionLabel(strict.version)
    })`,
  };
}

/** "FOCUS 1.1", "FOCUS 0.5-era names". */
export function versionLabel(version: ValidationVersion): string {
  return version === "0.5" ? "FOCUS 0.5-era names" : `FOCUS ${version}`;
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
  for (const { name, standsFor } of PRE_1_0_COLUMNS) {
    if (name !== standsFor) aliasesOf.set(standsFor, [...(aliasesOf.get(standsFor) ?? []), name]);
  }
  return FOCUS_COLUMNS.flatMap((column) => {
    const requirement = column.versions["1.0-preview"] ?? column.versions["1.0"];
    if (!requirement || (column.introduced !== "0.5" && !aliasesOf.has(column.id))) return [];
    return [{ column, requirement, names: [column.id, ...(aliasesOf.get(column.id) ?? [])] }];
  });
}
