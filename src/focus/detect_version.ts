/**
 * The one FOCUS version detector, used by ingest and validate alike. Its
 * rules (stated in docs/focus-format.md), first match wins:
 *
 * 0. A header of the Contract Commitment dataset (detect_dataset.ts), which
 *    FOCUS 1.3 introduced -> "1.3" (it is refused as billing data anyway).
 * 1. A pre-1.0 name standing in for its 1.x column (AmortizedCost without
 *    EffectiveCost, ChargeType, Provider, Publisher, InvoiceIssuer,
 *    BilledCurrency) -> "0.5".
 * 2. The newest of 1.3, 1.2, 1.1, 1.0 one of whose added columns is present
 *    (added = part of that version and not of the one before it).
 * 3. ChargeSubcategory (only 1.0-preview had it) -> "1.0-preview".
 * 4. Region, UsageQuantity or UsageUnit (0.5 and 1.0-preview names, gone in
 *    1.0): "1.0-preview" when a column 1.0-preview added is also present
 *    (ListCost, Tags, ...), else "0.5".
 * 5. Otherwise (only columns every version has) -> "1.0", the first release.
 *
 * Lenient mode matches names as ingest reads them (trimmed, any letter case);
 * strict mode as the specification writes them (trimmed, exact case), so a
 * misspelled `Invoiceid` is evidence to the lenient reading only.
 */

import { detectDataset } from "./detect_dataset.ts";
import { FOCUS_COLUMNS, type FocusColumn, type FocusVersion } from "./focus_columns.ts";
import { PRE_1_0_COLUMNS } from "./legacy_names.ts";

/** A detected version: a FOCUS version or "0.5" (the pre-1.0 column names). */
export type DetectedVersion = "0.5" | FocusVersion;

/** How header names are compared with column ids. */
export type DetectionMode = "lenient" | "strict";

/** The result: the version, why, and the header names that decided it. */
export interface VersionDetection {
  version: DetectedVersion;
  reason: string;
  evidence: string[];
}

/** Pre-1.0 names that only 0.5 had (ResourceID differs from ResourceId in case only). */
const ONLY_0_5 = PRE_1_0_COLUMNS.filter((p) =>
  !p.alsoPreview && p.name.toLowerCase() !== p.standsFor.toLowerCase()
);
/** Names of 0.5 and 1.0-preview that 1.0 dropped or renamed. */
const PREVIEW_AND_0_5 = PRE_1_0_COLUMNS.filter((p) => p.alsoPreview).map((p) => p.name);

const STEPS: [FocusVersion, FocusVersion][] = [
  ["1.3", "1.2"],
  ["1.2", "1.1"],
  ["1.1", "1.0"],
  ["1.0", "1.0-preview"],
];

/** Per version of STEPS, the column ids it added. */
const ADDED = new Map<FocusVersion, string[]>(
  STEPS.map(([v, before]) => [
    v,
    FOCUS_COLUMNS.filter((c) => c.versions[v] && !c.versions[before]).map((c) => c.id),
  ]),
);
/** Columns 1.0-preview added to 0.5 that 1.0 kept (ListCost, Tags, SkuId, ...). */
const ADDED_BY_PREVIEW = FOCUS_COLUMNS.filter((c: FocusColumn) =>
  c.introduced === "1.0-preview" && c.versions["1.0"]
).map((c) => c.id);

/** Detect the FOCUS version `header` was written for. */
export function detectFocusVersion(
  header: readonly string[],
  mode: DetectionMode = "lenient",
): VersionDetection {
  const written = new Map<string, string>(); // key -> name as written
  for (const raw of header) {
    const name = raw.trim();
    const key = mode === "lenient" ? name.toLowerCase() : name;
    if (name && !written.has(key)) written.set(key, name);
  }
  const find = (id: string) => written.get(mode === "lenient" ? id.toLowerCase() : id);
  const present = (ids: readonly string[]) =>
    ids.flatMap((id) => {
      const n = find(id);
      return n === undefined ? [] : [n];
    });

  const dataset = detectDataset(header);
  if (dataset.dataset === "ContractCommitment") {
    return {
      version: "1.3",
      reason: `the Contract Commitment dataset, introduced in FOCUS 1.3: ${list(dataset.evidence)}`,
      evidence: dataset.evidence,
    };
  }
  const standIns = ONLY_0_5.filter((p) =>
    find(p.name) !== undefined && find(p.standsFor) === undefined
  );
  if (standIns.length) {
    const names = standIns.map((p) => find(p.name)!);
    const shown = standIns.map((p) => `${find(p.name)} (${p.standsFor})`);
    return {
      version: "0.5",
      reason: `pre-1.0 column names in place of their 1.x columns: ${list(shown)}`,
      evidence: names,
    };
  }
  for (const [version] of STEPS) {
    const marks = present(ADDED.get(version)!);
    if (marks.length) {
      return {
        version,
        reason: `columns introduced in FOCUS ${version}: ${list(marks)}`,
        evidence: marks,
      };
    }
  }
  const sub = present(["ChargeSubcategory"]);
  if (sub.length) {
    return {
      version: "1.0-preview",
      reason: `column ${sub[0]} (only FOCUS 1.0-preview has it)`,
      evidence: sub,
    };
  }
  const old = present(PREVIEW_AND_0_5);
  if (old.length) {
    const preview = present(ADDED_BY_PREVIEW);
    return preview.length
      ? {
        version: "1.0-preview",
        reason: `pre-1.0 names (${list(old)}) with columns 1.0-preview added (${list(preview)})`,
        evidence: [...old, ...preview],
      }
      : { version: "0.5", reason: `pre-1.0 column names: ${list(old)}`, evidence: old };
  }
  return {
    version: "1.0",
    reason: "no version-specific columns; read as FOCUS 1.0, the first release",
    evidence: [],
  };
}

function list(names: string[]): string {
  const shown = names.slice(0, 4).join(", ");
  return names.length > 4 ? `${shown}, ...` : shown;
}
