/**
 * The shape of a rate card (`rates.yaml`), checked with zod. Decimal values
 * (prices, percents, free tiers) are YAML strings, never YAML numbers: a
 * number would pass through a float. The semantic checks (months in order,
 * overlaps, duplicates) are in rate_card_checks.ts.
 */

import { z } from "zod";
import { isDecimalText } from "./decimal.ts";

/** Pricing units a SKU can have, and what each one measures. */
export const UNITS = {
  "core-hours": "tres",
  "gpu-hours": "tres",
  "node-hours": "tres",
  "GiB-hours": "tres",
  "SU": "tres",
  "TiB-months": "storage",
  "TB-months": "storage",
  "GiB-months": "storage",
  "GB-months": "storage",
} as const;
export type PricingUnit = keyof typeof UNITS;

const PERIOD_RE = /^\d{4}-(0[1-9]|1[0-2])$/;
const period = z.string({ error: "expected a month written YYYY-MM" })
  .regex(PERIOD_RE, { error: "expected a month written YYYY-MM (e.g. 2026-01)" });
const decimal = z.string({
  error: 'expected a decimal written as a quoted string (e.g. "0.0200"), not a YAML number',
}).refine(isDecimalText, { error: 'is not a decimal number (e.g. "0.0200")' });
const names = z.array(z.string().min(1), { error: "expected a list of names, e.g. [standard]" });
const UTC_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?Z$/;
const utc = z.string({ error: "expected a UTC time written 2026-09-14T06:00:00Z" })
  .regex(UTC_RE, { error: "expected a UTC time written 2026-09-14T06:00:00Z" });

const historyEntry = z.strictObject({
  from: period,
  until: period.optional(),
  list: decimal,
  price_id: z.string().optional(),
});

const subsidyRule = z.strictObject({
  from: period,
  until: period.optional(),
  percent: decimal,
  when: z.strictObject({
    partition: names.optional(),
    account: names.optional(),
    qos: names.optional(),
  }).optional(),
  description: z.string().optional(),
});

const measure = z.union([
  z.strictObject({ tres: z.string().min(1), per: z.enum(["MiB", "GiB", "TiB"]).optional() }),
  z.strictObject({ storage: z.literal("bytes") }),
], {
  error: "expected {tres: cpu}, {tres: gres/gpu:a100}, {tres: mem, per: GiB} or {storage: bytes}",
});

const sku = z.strictObject({
  id: z.string().min(1),
  service: z.string().min(1),
  unit: z.enum(Object.keys(UNITS) as [PricingUnit, ...PricingUnit[]], {
    error: `unknown unit: expected one of ${Object.keys(UNITS).join(", ")}`,
  }),
  measure,
  description: z.string().optional(),
  service_category: z.string().optional(),
  match: z.strictObject({
    cluster: names.optional(),
    partition: names.optional(),
    filesystem: names.optional(),
  }).default({}),
  history: z.array(historyEntry).min(1, { error: "a SKU needs at least one history entry" }),
  subsidy: z.array(subsidyRule).default([]),
  free: decimal.optional(),
});

const outage = z.strictObject({
  cluster: z.string().min(1),
  partition: names.optional(),
  start: utc,
  end: utc,
  reason: z.string().default("outage"),
});

export const rateCardSchema = z.strictObject({
  currency: z.string().regex(/^[A-Z]{3}$/, { error: "expected an ISO currency code, e.g. USD" }),
  provider: z.string().default("Research Computing"),
  skus: z.array(sku).min(1, { error: "a rate card needs at least one SKU" }),
  outages: z.array(outage).default([]),
});

/** A rate card as written (after the shape check). */
export type RateCardInput = z.infer<typeof rateCardSchema>;
export type SkuInput = RateCardInput["skus"][number];
export type OutageInput = RateCardInput["outages"][number];
export type SubsidyInput = SkuInput["subsidy"][number];
