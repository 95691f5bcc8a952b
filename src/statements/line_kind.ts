/** Which charges are credits, refunds, adjustments or corrections (shown as their own lines). */

/** The kind of a printed line; anything but "charge" is listed separately and labelled. */
export type LineKind = "charge" | "credit" | "refund" | "adjustment" | "correction";

const LABELS: Record<LineKind, string> = {
  charge: "",
  credit: "Credit",
  refund: "Refund",
  adjustment: "Adjustment",
  correction: "Correction",
};

/**
 * Classify a charge: FOCUS ChargeClass "Correction" first, then ChargeCategory
 * "Credit" / "Adjustment", then any other negative billed amount is a refund.
 */
export function classifyLine(
  c: { charge_category: string | null; charge_class: string | null },
  billed: number,
): { kind: LineKind; label: string } {
  const cls = (c.charge_class ?? "").toLowerCase();
  const cat = (c.charge_category ?? "").toLowerCase();
  let kind: LineKind = "charge";
  if (cls === "correction") kind = "correction";
  else if (cat === "credit") kind = "credit";
  else if (cat === "adjustment") kind = "adjustment";
  else if (billed < 0) kind = "refund";
  return { kind, label: LABELS[kind] };
}
