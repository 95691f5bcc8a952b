/**
 * A FOCUS 1.3 split-cost-allocated charge, read from the columns it keeps in
 * `extra`: the provider split an origin charge (a shared resource, e.g. a
 * cluster node: the charge's ResourceId) among allocated resources (a
 * workload: AllocatedResourceId) by a method (AllocatedMethodId) and ratio
 * (AllocatedMethodDetails.Elements[].AllocatedRatio).
 */

/** How a charge was split off its origin charge. */
export interface SplitAllocation {
  /** The allocated resource the cost was split to (null: the unallocated rest of the origin). */
  allocatedResourceId: string | null;
  allocatedResourceName: string | null;
  methodId: string | null;
  /** Each element's ratio and measured usage, as written ("0.454540 of 3.5925 Hours"). */
  factors: string[];
  /** AllocatedTags as written (a JSON object), null when absent. */
  allocatedTags: Record<string, unknown> | null;
}

/** The split allocation of a charge with these `extra` columns; null when it was not split. */
export function splitAllocationOf(extra: Record<string, unknown> | null): SplitAllocation | null {
  if (!extra) return null;
  const byKey = new Map(Object.entries(extra).map(([k, v]) => [k.trim().toLowerCase(), v]));
  const text = (key: string) => {
    const v = byKey.get(key);
    return typeof v === "string" && v.trim() !== "" ? v.trim() : null;
  };
  const allocatedResourceId = text("allocatedresourceid");
  const methodId = text("allocatedmethodid");
  if (allocatedResourceId === null && methodId === null) return null;
  return {
    allocatedResourceId,
    allocatedResourceName: text("allocatedresourcename"),
    methodId,
    factors: factorsOf(text("allocatedmethoddetails")),
    allocatedTags: jsonObject(text("allocatedtags")),
  };
}

function factorsOf(details: string | null): string[] {
  const parsed = jsonObject(details);
  const elements = parsed?.Elements;
  if (!Array.isArray(elements)) return details === null ? [] : [details];
  return elements.map((e) => {
    const o = (e ?? {}) as Record<string, unknown>;
    const usage = o.UsageQuantity !== undefined && o.UsageQuantity !== null
      ? ` of ${o.UsageQuantity}${o.UsageUnit ? ` ${o.UsageUnit}` : ""}`
      : "";
    return `ratio ${o.AllocatedRatio ?? "?"}${usage}`;
  });
}

function jsonObject(text: string | null): Record<string, unknown> | null {
  if (text === null) return null;
  try {
    const v = JSON.parse(text);
    return v !== null && typeof v === "object" && !Array.isArray(v) ? v : null;
  } catch {
    return null;
  }
}
