/**
 * The semantic checks of a rate card (after its shape): each SKU's months in
 * order with no overlap and no gap, known measures that fit the unit, unique
 * ids, no two SKUs pricing the same (cluster, partition, TRES) in the same
 * month, percents from 0 to 100, outages that end after they start.
 */

import { nextPeriod } from "../domain/period.ts";
import type { LineOf, RateCard, Sku } from "./rate_card.ts";
import { UNITS } from "./rate_card_schema.ts";

type Refuse = (message: string, line: number | undefined, hint?: string) => never;

/** TRES names a SKU can measure (gres/gpu:TYPE for a GPU type). */
const TRES_RE = /^(cpu|mem|node|billing|energy|gres\/gpu|gres\/gpu:[A-Za-z0-9_.-]+)$/;

/** The unit each TRES measure needs (SU goes with any). */
function unitFits(sku: Sku): boolean {
  if (sku.measure.kind === "storage") return UNITS[sku.unit] === "storage";
  if (UNITS[sku.unit] !== "tres") return false;
  const t = sku.measure.tres;
  if (sku.unit === "SU") return true;
  if (sku.unit === "core-hours") return t === "cpu";
  if (sku.unit === "gpu-hours") return t.startsWith("gres/gpu");
  if (sku.unit === "node-hours") return t === "node";
  if (sku.unit === "GiB-hours") return t === "mem";
  return false;
}

/** Refuse the card at the first problem. */
export function checkRateCard(card: RateCard, lineOf: LineOf, refuse: Refuse): void {
  const seen = new Map<string, number>();
  card.skus.forEach((sku, i) => {
    const prev = seen.get(sku.id);
    if (prev !== undefined) {
      refuse(
        `duplicate SKU id '${sku.id}' (first at line ${prev}).`,
        sku.line,
        "Give every SKU its own id.",
      );
    }
    seen.set(sku.id, sku.line);
    if (sku.measure.kind === "tres") {
      if (!TRES_RE.test(sku.measure.tres)) {
        refuse(
          `SKU '${sku.id}': unknown measure tres '${sku.measure.tres}'.`,
          lineOf(["skus", i, "measure", "tres"]),
          "Use cpu, mem, node, billing, energy, gres/gpu or gres/gpu:TYPE.",
        );
      }
      if (sku.measure.per && sku.measure.tres !== "mem") {
        refuse(`SKU '${sku.id}': 'per' goes only with tres mem.`, lineOf(["skus", i, "measure"]));
      }
    }
    if (!unitFits(sku)) {
      refuse(
        `SKU '${sku.id}': unit ${sku.unit} does not fit its measure ${measureName(sku)}.`,
        lineOf(["skus", i, "unit"]),
        "core-hours: cpu; gpu-hours: gres/gpu[:TYPE]; GiB-hours: mem; node-hours: node; " +
          "SU: any TRES; TiB-/TB-/GiB-/GB-months: {storage: bytes}.",
      );
    }
    checkMonths(sku, sku.history, "history", refuse);
    for (const r of sku.subsidy) {
      if (r.until !== null && r.until < r.from) {
        refuse(`SKU '${sku.id}': subsidy until ${r.until} is before its from ${r.from}.`, r.line);
      }
      const pct = Number(r.percent); // a range check only; amounts use the exact text
      if (!(pct >= 0 && pct <= 100)) {
        refuse(`SKU '${sku.id}': subsidy percent ${r.percent} is not from 0 to 100.`, r.line);
      }
    }
  });
  checkOverlaps(card, refuse);
  for (const o of card.outages) {
    if (o.endMs <= o.startMs) refuse(`outage '${o.reason}' ends before it starts.`, o.line);
  }
}

function measureName(sku: Sku): string {
  return sku.measure.kind === "storage" ? "storage: bytes" : `tres: ${sku.measure.tres}`;
}

/** History months: each entry from <= until, in order, no overlap, no gap. */
function checkMonths(
  sku: Sku,
  entries: { from: string; until: string | null; line: number }[],
  what: string,
  refuse: Refuse,
): void {
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    if (e.until !== null && e.until < e.from) {
      refuse(`SKU '${sku.id}': ${what} until ${e.until} is before its from ${e.from}.`, e.line);
    }
    if (i === 0) continue;
    const p = entries[i - 1];
    if (e.from < p.from) {
      refuse(
        `SKU '${sku.id}': ${what} months out of order: ${e.from} comes after ${p.from}.`,
        e.line,
        "List the entries oldest first.",
      );
    }
    if (p.until === null || e.from <= p.until) {
      refuse(
        `SKU '${sku.id}': ${what} from ${e.from} overlaps the entry of line ${p.line} ` +
          `(${p.from} to ${p.until ?? "open-ended"}).`,
        e.line,
        "End the earlier entry the month before (until: is inclusive).",
      );
    }
    if (e.from !== nextPeriod(p.until)) {
      refuse(
        `SKU '${sku.id}': a gap in its ${what}: nothing from ${nextPeriod(p.until)} to the ` +
          `month before ${e.from}.`,
        e.line,
        `Start this entry at ${nextPeriod(p.until)}, or end the SKU and add a new one.`,
      );
    }
  }
}

/** The months a SKU is priced: [first, last] (last null = open-ended). */
function life(sku: Sku): [string, string | null] {
  return [sku.history[0].from, sku.history[sku.history.length - 1].until];
}

function intersects(a: string[] | null, b: string[] | null): string | null {
  if (a === null && b === null) return "any";
  if (a === null) return b![0];
  if (b === null) return a[0];
  return a.find((x) => b.includes(x)) ?? null;
}

/** The TRES two measures would both count (gres/gpu counts every typed GPU too). */
function sameTres(x: Sku, y: Sku): string | null {
  if (x.measure.kind === "storage" || y.measure.kind === "storage") {
    return x.measure.kind === y.measure.kind ? "storage" : null;
  }
  const a = x.measure.tres, b = y.measure.tres;
  if (a === b) return a;
  if (a === "gres/gpu" && b.startsWith("gres/gpu:")) return b;
  if (b === "gres/gpu" && a.startsWith("gres/gpu:")) return a;
  return null;
}

function checkOverlaps(card: RateCard, refuse: Refuse): void {
  for (let i = 0; i < card.skus.length; i++) {
    for (let j = 0; j < i; j++) {
      const x = card.skus[i], y = card.skus[j];
      const tres = sameTres(x, y);
      if (tres === null) continue;
      const [xf, xu] = life(x), [yf, yu] = life(y);
      if ((xu !== null && xu < yf) || (yu !== null && yu < xf)) continue;
      const cluster = intersects(x.clusters, y.clusters);
      const place = tres === "storage"
        ? intersects(x.filesystems, y.filesystems)
        : intersects(x.partitions, y.partitions);
      if (cluster === null || place === null) continue;
      refuse(
        `SKUs '${x.id}' and '${y.id}' (line ${y.line}) both price ` +
          (tres === "storage"
            ? `storage on filesystem ${place}`
            : `(cluster ${cluster}, partition ${place}, TRES ${tres})`) +
          " in the same months.",
        x.line,
        "Narrow their match: lists so each usage has one price.",
      );
    }
  }
}
