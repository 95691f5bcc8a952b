/**
 * Deterministic FOCUS 1.2 input for the benchmarks: N rows of one billing
 * month with 33 columns (typed FOCUS columns, a JSON Tags column carrying the
 * attribution, `x_` columns), ~1 % of rows flagged (no fund/org), ~0.1 %
 * exact duplicates, some prices below a micro-unit. The same seed and size
 * always give the same bytes; `changeEvery` alters the cost of every k-th row
 * (a redelivery with 1/k of the rows changed).
 */

import { seededRng } from "../scripts/sample_data/prng.ts";

/** What to generate. */
export interface FocusGenOptions {
  rows: number;
  /** Billing month, YYYY-MM (default 2025-01). */
  period?: string;
  /** Number of PIs (default 600); each has 1-3 projects. */
  pis?: number;
  /** When > 0, every changeEvery-th row gets a different BilledCost. */
  changeEvery?: number;
  /** PRNG seed (default 42). */
  seed?: number;
  /** Rows with no fund/org tag, one in `flagEvery` (default 100; 0 = none). */
  flagEvery?: number;
  /** Rows that repeat the previous row exactly, one in `duplicateEvery` (default 1000; 0 = none). */
  duplicateEvery?: number;
}

/** The header of the generated files. */
export const FOCUS_BENCH_HEADER = [
  "BillingAccountId",
  "BillingAccountName",
  "BillingPeriodStart",
  "BillingPeriodEnd",
  "ChargePeriodStart",
  "ChargePeriodEnd",
  "BillingCurrency",
  "BilledCost",
  "ListCost",
  "ContractedCost",
  "EffectiveCost",
  "ListUnitPrice",
  "ContractedUnitPrice",
  "PricingQuantity",
  "PricingUnit",
  "ConsumedQuantity",
  "ConsumedUnit",
  "ChargeCategory",
  "ChargeClass",
  "ChargeDescription",
  "ChargeFrequency",
  "ProviderName",
  "PublisherName",
  "InvoiceIssuerName",
  "ServiceName",
  "ServiceCategory",
  "RegionId",
  "ResourceId",
  "ResourceName",
  "ResourceType",
  "SubAccountId",
  "SkuId",
  "Tags",
  "x_UsageType",
  "x_Operation",
];

const SERVICES: [string, string, string, string][] = [
  ["Amazon EC2", "Compute", "Hours", "Instance"],
  ["Amazon S3", "Storage", "GB-Mo", "Bucket"],
  ["Amazon RDS", "Databases", "Hours", "DBInstance"],
  ["AWS Lambda", "Compute", "Requests", "Function"],
  ["Amazon CloudWatch", "Management and Governance", "Metrics", "Alarm"],
  ["HPC Cluster", "Compute", "Core-Hours", "Node"],
  ["Research Storage - Projects", "Storage", "TB-Mo", "Volume"],
  ["Amazon SageMaker", "AI and Machine Learning", "Hours", "Endpoint"],
];
const REGIONS = ["us-east-1", "us-east-2", "us-west-2", "eu-west-1"];

/** A small, fast deterministic PRNG (the project's mulberry32). */
export function prng(seed: number): () => number {
  return seededRng(seed).next;
}

const pad = (n: number, w: number) => String(n).padStart(w, "0");

/** Quote a CSV cell when needed (RFC 4180). */
function csvCell(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

function nextMonth(period: string): string {
  const [y, m] = period.split("-").map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${pad(m + 1, 2)}`;
}

/** Yield the file as text chunks of about 1 MB (header first). */
export function* generateFocusCsv(o: FocusGenOptions): Generator<string> {
  const period = o.period ?? "2025-01";
  const pis = o.pis ?? 600;
  const flagEvery = o.flagEvery ?? 100;
  const dupEvery = o.duplicateEvery ?? 1000;
  const rand = prng(o.seed ?? 42);
  const start = `${period}-01T00:00:00Z`;
  const end = `${nextMonth(period)}-01T00:00:00Z`;
  let buf = FOCUS_BENCH_HEADER.join(",") + "\n";
  let prev = "";
  for (let i = 0; i < o.rows; i++) {
    let line: string;
    if (dupEvery > 0 && i % dupEvery === dupEvery - 1 && prev) {
      line = prev;
      rand();
    } else {
      line = makeRow(i, rand, { period, pis, flagEvery, start, end, changeEvery: o.changeEvery });
    }
    buf += line;
    prev = line;
    if (buf.length > 1 << 20) {
      yield buf;
      buf = "";
    }
  }
  if (buf) yield buf;
}

interface RowContext {
  period: string;
  pis: number;
  flagEvery: number;
  start: string;
  end: string;
  changeEvery?: number;
}

function makeRow(i: number, rand: () => number, c: RowContext): string {
  const pi = Math.floor(rand() * c.pis);
  const project = pi * 3 + Math.floor(rand() * (1 + (pi % 3)));
  const [service, category, unit, rtype] = SERVICES[Math.floor(rand() * SERVICES.length)];
  const day = 1 + (i % 28);
  const hour = Math.floor(i / 28) % 24;
  const cps = `${c.period}-${pad(day, 2)}T${pad(hour, 2)}:00:00Z`;
  const cpe = `${c.period}-${pad(day, 2)}T${pad(hour, 2)}:59:59Z`;
  const qty = (1 + Math.floor(rand() * 5000)) / 100;
  const price = 0.0001 + Math.floor(rand() * 250_000) / 1e7; // down to 1e-7: below a micro-unit
  let billed = Math.round(qty * price * 1e6) / 1e6;
  if (c.changeEvery && i % c.changeEvery === c.changeEvery - 1) billed += 0.01;
  const list = Math.round(billed * 1.15 * 1e6) / 1e6;
  const resource = `${rtype.toLowerCase()}-${pad(i % 50_000, 6)}`;
  const piEmail = `pi${pad(pi, 4)}@example.edu`;
  const tags: Record<string, string> = {
    pi_email: piEmail,
    project_id: `proj-${pad(project, 5)}`,
    grant_number: `NSF-${pad((project * 7919) % 1_000_000, 7)}`,
    environment: rand() < 0.7 ? "prod" : "dev",
  };
  if (!(c.flagEvery > 0 && i % c.flagEvery === 13 % c.flagEvery)) {
    tags.fund_org = `D${pad(pi % 40, 2)}-F${pad(project % 997, 4)}`;
  }
  const cells = [
    "123456789012",
    "Research Computing",
    c.start,
    c.end,
    cps,
    cpe,
    "USD",
    billed.toFixed(6),
    list.toFixed(6),
    billed.toFixed(6),
    billed.toFixed(6),
    price.toFixed(7),
    price.toFixed(7),
    qty.toFixed(2),
    unit,
    qty.toFixed(2),
    unit,
    "Usage",
    "",
    `${service} ${unit} in ${REGIONS[i % REGIONS.length]}, line ${i % 97}`,
    "Usage-Based",
    "AWS",
    "Amazon Web Services",
    "AWS",
    service,
    category,
    REGIONS[i % REGIONS.length],
    `arn:aws:${rtype.toLowerCase()}:${REGIONS[i % REGIONS.length]}:${resource}`,
    resource,
    rtype,
    `sub-${pad(pi % 200, 3)}`,
    `SKU${pad(Math.floor(rand() * 900), 4)}`,
    JSON.stringify(tags),
    `${unit}:${rtype}`,
    i % 3 === 0 ? "RunInstances" : "",
  ];
  return cells.map(csvCell).join(",") + "\n";
}

/** Write the generated file to `path`; returns its size in bytes. */
export async function writeFocusCsv(path: string, o: FocusGenOptions): Promise<number> {
  const file = await Deno.open(path, { write: true, create: true, truncate: true });
  const enc = new TextEncoder();
  let bytes = 0;
  try {
    for (const chunk of generateFocusCsv(o)) {
      const b = enc.encode(chunk);
      bytes += b.length;
      let off = 0;
      while (off < b.length) off += await file.write(b.subarray(off));
    }
  } finally {
    file.close();
  }
  return bytes;
}
