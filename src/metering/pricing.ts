/**
 * Pricing of one usage row, exact: ListCost = PricingQuantity x ListUnitPrice
 * (both decimal, product rounded half away from zero to the micro-unit),
 * subsidy = ListCost x percent / 100 (rounded the same way), BilledCost =
 * ListCost - subsidy - free tier (never below zero). Nothing is a float.
 */

import { decimalPlaces, divRound, MICRO_N, parseScaled } from "./decimal.ts";
import type { Sku, SubsidyRule } from "./rate_card.ts";

/** ListCost in micro-units of `qtyMicro` (micro-units of the SKU's unit) at `list`. */
export function listCostMicros(qtyMicro: bigint, list: string): bigint {
  const places = decimalPlaces(list);
  return divRound(qtyMicro * parseScaled(list, places)!, 10n ** BigInt(places));
}

/** What a usage row is matched on for subsidy rules. */
export interface SubsidyFacts {
  partition?: string;
  account?: string;
  qos?: string;
}

/**
 * The subsidy rule in force for `facts` in `period`: a rule with `when` that
 * matches replaces the general ones; among several that apply, the largest
 * percent. Null when none applies.
 */
export function subsidyFor(sku: Sku, period: string, facts: SubsidyFacts): SubsidyRule | null {
  const active = sku.subsidy.filter((r) =>
    r.from <= period && (r.until === null || period <= r.until)
  );
  const matches = (r: SubsidyRule) => {
    const w = r.when!;
    return (!w.partition ||
      (facts.partition !== undefined && w.partition.includes(facts.partition))) &&
      (!w.account || (facts.account !== undefined && w.account.includes(facts.account))) &&
      (!w.qos || (facts.qos !== undefined && w.qos.includes(facts.qos)));
  };
  const specific = active.filter((r) => r.when !== null && matches(r));
  const pool = specific.length ? specific : active.filter((r) => r.when === null);
  let best: SubsidyRule | null = null;
  for (const r of pool) {
    if (best === null || parseScaled(r.percent, 6)! > parseScaled(best.percent, 6)!) best = r;
  }
  return best;
}

/** The subsidy amount (micro-units) of `listMicros` at `percent` (decimal text). */
export function subsidyMicros(listMicros: bigint, percent: string): bigint {
  return divRound(listMicros * parseScaled(percent, 6)!, 100n * MICRO_N);
}

/** True when a SKU with cluster/partition lists matches this usage (null list = any). */
export function skuMatches(sku: Sku, cluster: string, partition: string): boolean {
  return (sku.clusters === null || sku.clusters.includes(cluster)) &&
    (sku.partitions === null || sku.partitions.includes(partition));
}
