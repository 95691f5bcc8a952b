/**
 * Load a rate card (`rates.yaml`): YAML with line positions, the zod shape,
 * then the semantic checks of rate_card_checks.ts. Every refusal names the
 * file and line.
 */

import { LineCounter, parseDocument } from "yaml";
import { UserError } from "../domain/errors.ts";
import { parseFocusDateTime } from "../domain/datetime.ts";
import { checkRateCard } from "./rate_card_checks.ts";
import { type PricingUnit, type RateCardInput, rateCardSchema } from "./rate_card_schema.ts";

/** What a SKU measures: a TRES of a Slurm job, or the bytes of a storage snapshot. */
export type Measure =
  | { kind: "tres"; tres: string; per: "MiB" | "GiB" | "TiB" | null }
  | { kind: "storage" };

/** One dated list price. `until` is inclusive; null = open-ended. */
export interface PriceEntry {
  from: string;
  until: string | null;
  list: string;
  priceId: string | null;
  line: number;
}

/** A subsidy rule: percent of list not billed, for the months and jobs it names. */
export interface SubsidyRule {
  from: string;
  until: string | null;
  percent: string;
  when: { partition?: string[]; account?: string[]; qos?: string[] } | null;
  description: string | null;
  line: number;
}

/** A priced stock-keeping unit. */
export interface Sku {
  id: string;
  service: string;
  serviceCategory: string;
  description: string | null;
  unit: PricingUnit;
  measure: Measure;
  clusters: string[] | null;
  partitions: string[] | null;
  filesystems: string[] | null;
  history: PriceEntry[];
  subsidy: SubsidyRule[];
  free: string | null;
  line: number;
}

/** A window (UTC) in which jobs of a cluster (or some of its partitions) are not billed. */
export interface Outage {
  cluster: string;
  partitions: string[] | null;
  startMs: number;
  endMs: number;
  reason: string;
  line: number;
}

/** A checked rate card. */
export interface RateCard {
  file: string;
  currency: string;
  provider: string;
  skus: Sku[];
  outages: Outage[];
}

/** Turns a path inside the YAML document into its line number (1-based). */
export type LineOf = (path: readonly (string | number)[]) => number | undefined;

/** Read and check the rate card at `path`; throws a UserError naming file and line. */
export function loadRateCard(path: string): RateCard {
  let text: string;
  try {
    text = Deno.readTextFileSync(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new UserError(`rate card not found: ${path}.`, {
        hint: "Give --rates FILE or set metering.rates in the config.",
      });
    }
    throw new UserError(`cannot read the rate card ${path}: ${(e as Error).message}.`);
  }
  return parseRateCard(text, path);
}

/** Check rate card text; `file` is the name used in messages. */
export function parseRateCard(text: string, file: string): RateCard {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  const refuse = (message: string, line: number | undefined, hint?: string): never => {
    throw new UserError(message, { location: { file, line }, hint });
  };
  if (doc.errors.length > 0) {
    const err = doc.errors[0];
    refuse(
      `not valid YAML: ${err.message.split("\n")[0]}`,
      lineCounter.linePos(err.pos[0]).line,
    );
  }
  const lineOf: LineOf = (p) => {
    for (let n = p.length; n >= 0; n--) {
      const node = doc.getIn(p.slice(0, n), true) as { range?: [number, number, number] };
      if (node && typeof node === "object" && node.range) {
        return lineCounter.linePos(node.range[0]).line;
      }
    }
    return undefined;
  };
  // a YAML number where a decimal string belongs is refused by the schema (z.string)
  const parsed = rateCardSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue.path.filter((x): x is string | number => typeof x !== "symbol");
    refuse(
      `${path.length ? path.join(".") : "the card"}: ${issue.message}`,
      lineOf(path),
      "See docs/integrations.md (rate cards) for the shape.",
    );
  }
  const card = toRateCard(parsed.data!, file, lineOf);
  checkRateCard(card, lineOf, refuse);
  return card;
}

function toRateCard(input: RateCardInput, file: string, lineOf: LineOf): RateCard {
  return {
    file,
    currency: input.currency,
    provider: input.provider,
    skus: input.skus.map((s, i): Sku => ({
      id: s.id,
      service: s.service,
      serviceCategory: s.service_category ??
        ("storage" in s.measure ? "Storage" : "Compute"),
      description: s.description ?? null,
      unit: s.unit,
      measure: "storage" in s.measure
        ? { kind: "storage" }
        : { kind: "tres", tres: s.measure.tres, per: s.measure.per ?? null },
      clusters: s.match.cluster ?? null,
      partitions: s.match.partition ?? null,
      filesystems: s.match.filesystem ?? null,
      history: s.history.map((h, j) => ({
        from: h.from,
        until: h.until ?? null,
        list: h.list.trim(),
        priceId: h.price_id ?? null,
        line: lineOf(["skus", i, "history", j]) ?? 0,
      })),
      subsidy: s.subsidy.map((r, j) => ({
        from: r.from,
        until: r.until ?? null,
        percent: r.percent.trim(),
        when: r.when ?? null,
        description: r.description ?? null,
        line: lineOf(["skus", i, "subsidy", j]) ?? 0,
      })),
      free: s.free?.trim() ?? null,
      line: lineOf(["skus", i]) ?? 0,
    })),
    outages: input.outages.map((o, i): Outage => ({
      cluster: o.cluster,
      partitions: o.partition ?? null,
      startMs: parseFocusDateTime(o.start)!.epochMs,
      endMs: parseFocusDateTime(o.end)!.epochMs,
      reason: o.reason,
      line: lineOf(["outages", i]) ?? 0,
    })),
  };
}

/** The list price of `sku` in force in `period`, or null when the SKU has none then. */
export function priceAt(sku: Sku, period: string): PriceEntry | null {
  return sku.history.find((h) => h.from <= period && (h.until === null || period <= h.until)) ??
    null;
}

/** The rate card in force in `period`: every SKU with a price that month. */
export function cardAt(card: RateCard, period: string): { sku: Sku; price: PriceEntry }[] {
  const out: { sku: Sku; price: PriceEntry }[] = [];
  for (const sku of card.skus) {
    const price = priceAt(sku, period);
    if (price) out.push({ sku, price });
  }
  return out;
}
