/**
 * FOCUS 1.3 (Cost and Usage dataset), from the specification's column
 * definitions (FOCUS_Spec, specification/datasets/cost_and_usage/columns/):
 * every 1.2 column stays, with its 1.2 feature level and nullability, and 8
 * columns are new. ProviderName and PublisherName are deprecated in 1.3 but
 * still Mandatory: ServiceProviderName replaces ProviderName, and the new
 * HostProviderName names the infrastructure a service runs on. The 1.3 files
 * of fdt (guymano/focus-data-toolkit) have exactly these 65 columns.
 */

import { C, type FocusColumn, M } from "./column_types.ts";

/** The columns FOCUS 1.3 adds to the Cost and Usage dataset. */
export const FOCUS_1_3_NEW_COLUMNS: readonly FocusColumn[] = [
  // provider-calculated split cost allocation: an allocated charge's method and target
  {
    id: "AllocatedMethodDetails",
    dataType: "JSON",
    introduced: "1.3",
    versions: { "1.3": C(true) },
  },
  { id: "AllocatedMethodId", dataType: "String", introduced: "1.3", versions: { "1.3": C(true) } },
  {
    id: "AllocatedResourceId",
    dataType: "String",
    introduced: "1.3",
    versions: { "1.3": C(true) },
  },
  {
    id: "AllocatedResourceName",
    dataType: "String",
    introduced: "1.3",
    versions: { "1.3": C(true) },
  },
  { id: "AllocatedTags", dataType: "JSON", introduced: "1.3", versions: { "1.3": C(true) } },
  // the link of a charge to the Contract Commitment dataset
  { id: "ContractApplied", dataType: "JSON", introduced: "1.3", versions: { "1.3": C(true) } },
  // HostProviderName: Mandatory; the spec allows null where a service runs on no infrastructure
  { id: "HostProviderName", dataType: "String", introduced: "1.3", versions: { "1.3": M(true) } },
  {
    id: "ServiceProviderName",
    dataType: "String",
    introduced: "1.3",
    versions: { "1.3": M(false) },
  },
];

/** Columns deprecated by 1.3 (still Mandatory in it) and what replaces them. */
const DEPRECATED_IN_1_3: Record<string, string | null> = {
  ProviderName: "ServiceProviderName",
  PublisherName: null,
};

/**
 * The 1.3 requirements added to the columns of 1.0-preview..1.2, sorted by id
 * with the new 1.3 columns: a 1.2 column keeps its 1.2 requirement in 1.3.
 */
export function withFocus13(columns: FocusColumn[]): FocusColumn[] {
  const carried = columns.map((c): FocusColumn => {
    const v12 = c.versions["1.2"];
    if (!v12) return c;
    const replacedBy = DEPRECATED_IN_1_3[c.id];
    return {
      ...c,
      versions: { ...c.versions, "1.3": v12 },
      ...(replacedBy !== undefined ? { deprecated: { version: "1.3", replacedBy } } : {}),
    };
  });
  return [...carried, ...FOCUS_1_3_NEW_COLUMNS].sort((a, b) => a.id < b.id ? -1 : 1);
}
