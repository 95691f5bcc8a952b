/** `rates show --at YYYY-MM`: the card in force in a month, as text and as JSON. */

import { cardAt, type RateCard } from "./rate_card.ts";

/** One SKU in force in a month (the `rates show --json` element). */
export interface SkuAt {
  id: string;
  service: string;
  unit: string;
  measure: string;
  match: string;
  list: string;
  priceId: string | null;
  subsidies: { percent: string; when: string }[];
  free: string | null;
}

/** The SKUs priced in `period`, with the subsidy rules in force then. */
export function skusAt(card: RateCard, period: string): SkuAt[] {
  return cardAt(card, period).map(({ sku, price }) => {
    const subs = sku.subsidy.filter((r) =>
      r.from <= period && (r.until === null || period <= r.until)
    );
    const match: string[] = [];
    if (sku.clusters) match.push(`cluster ${sku.clusters.join(",")}`);
    if (sku.partitions) match.push(`partition ${sku.partitions.join(",")}`);
    if (sku.filesystems) match.push(`filesystem ${sku.filesystems.join(",")}`);
    return {
      id: sku.id,
      service: sku.service,
      unit: sku.unit,
      measure: sku.measure.kind === "storage"
        ? "storage bytes"
        : `${sku.measure.tres}${sku.measure.per ? ` per ${sku.measure.per}` : ""}`,
      match: match.length ? match.join("; ") : "any",
      list: price.list,
      priceId: price.priceId,
      subsidies: subs.map((r) => ({
        percent: r.percent,
        when: r.when
          ? Object.entries(r.when).map(([k, v]) => `${k} ${(v as string[]).join(",")}`).join("; ")
          : "all",
      })),
      free: sku.free,
    };
  });
}

/** The card in force in `period` as text. */
export function formatCardAt(card: RateCard, period: string): string {
  const skus = skusAt(card, period);
  const out = [`${card.file}: rate card in force in ${period} (${card.currency})`];
  if (skus.length === 0) out.push("  no SKU is priced in this month");
  for (const s of skus) {
    out.push(
      `  ${s.id}: ${s.service}, ${s.list} ${card.currency} per ${s.unit.replace(/s$/, "")}` +
        `${s.priceId ? ` (${s.priceId})` : ""}; measures ${s.measure}; matches ${s.match}`,
    );
    for (const r of s.subsidies) out.push(`    subsidy ${r.percent} % for ${r.when}`);
    if (s.free) out.push(`    free: ${s.free} ${s.unit} per key and month`);
  }
  const outages = card.outages.filter((o) => {
    const m = new Date(o.startMs).toISOString().slice(0, 7);
    const e = new Date(o.endMs - 1).toISOString().slice(0, 7);
    return m <= period && period <= e;
  });
  for (const o of outages) {
    out.push(
      `  outage ${o.cluster}${o.partitions ? `/${o.partitions.join(",")}` : ""}: ` +
        `${new Date(o.startMs).toISOString()} to ${new Date(o.endMs).toISOString()} (${o.reason})`,
    );
  }
  return out.join("\n");
}
