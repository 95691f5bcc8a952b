/**
 * Valid FOCUS CSV files made at test time (0.4 column set), with their exact
 * totals computed in integer cents, so tests can assert figures to the cent.
 */

import { seededRandom } from "./seeded_random.ts";

/** The header of the generated files (the 0.4 sample column set). */
export const FOCUS_HEADER =
  "BillingPeriodStart,BillingPeriodEnd,ChargePeriodStart,ChargePeriodEnd,ListCost,ContractedCost,BilledCost,EffectiveCost,ResourceId,ResourceName,ServiceName,Tags";

/** What to generate. */
export interface FocusFileSpec {
  rows: number;
  /** YYYY-MM of every row. */
  period: string;
  seed: number;
  /** Number of distinct PIs (pi0@example.edu ...). */
  pis?: number;
  /** Every n-th row is tagged with a fund/org of "REVIEW-..." (flag it with a fund_org pattern). */
  flagEvery?: number;
  /** Prefix of resource ids, so two deliveries differ. */
  resourcePrefix?: string;
}

/** A generated file's text and exact figures. */
export interface FocusFile {
  text: string;
  rows: number;
  billedCents: number;
  listCents: number;
  flagged: number;
}

/** Cents as a decimal string: 123456 -> "1234.56". */
export function centsText(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const a = Math.abs(cents);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, "0")}`;
}

/** Make a valid FOCUS file. */
export function makeFocusFile(spec: FocusFileSpec): FocusFile {
  const rnd = seededRandom(spec.seed);
  const pis = spec.pis ?? 7;
  const [y, m] = spec.period.split("-").map(Number);
  const start = `${spec.period}-01`;
  const end = new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
  const services = ["Amazon EC2", "Amazon S3", "Amazon EBS", "HPC Cluster", "Storage"];
  const lines = [FOCUS_HEADER];
  let billedCents = 0, listCents = 0, flagged = 0;
  for (let i = 0; i < spec.rows; i++) {
    const list = 100 + rnd.int(500_000);
    const billed = Math.floor(list * (0.5 + rnd.next() / 2));
    billedCents += billed;
    listCents += list;
    const pi = i % pis;
    const flag = spec.flagEvery !== undefined && i % spec.flagEvery === 0;
    if (flag) flagged++;
    const fund = flag ? `REVIEW-${pi}` : `FUND-${pi}`;
    const tags = JSON.stringify({
      pi_email: `pi${pi}@example.edu`,
      project_id: `proj-${pi}-${i % 3}`,
      fund_org: fund,
    }).replaceAll('"', '""');
    lines.push(
      [
        start,
        end,
        start,
        end,
        centsText(list),
        centsText(billed),
        centsText(billed),
        centsText(billed),
        `${spec.resourcePrefix ?? "r"}-${i}`,
        `res-${i}`,
        rnd.pick(services),
        `"${tags}"`,
      ].join(","),
    );
  }
  return { text: lines.join("\n") + "\n", rows: spec.rows, billedCents, listCents, flagged };
}

/**
 * A delivery of few but long rows: `rows` charges of `period` costing 0.01,
 * 0.02, ... rows/100 USD (list twice that), each with a description of
 * `descriptionLength` characters (2,200: 16,000 rows are 35 MB, over the size
 * from which ingest drops the charges indexes and may switch journals).
 */
export function longRowsFocusText(rows: number, period: string, descriptionLength = 2_200): string {
  const header = "BillingPeriodStart,BilledCost,ListCost,ResourceId,ChargeDescription,Tags";
  const tags = '"{""pi_email"":""pi@example.edu"",""project_id"":""p1"",""fund_org"":""F-1""}"';
  const text = "x".repeat(descriptionLength);
  const lines = [header];
  for (let i = 1; i <= rows; i++) {
    const cost = `${(i / 100).toFixed(2)},${(i / 50).toFixed(2)}`;
    lines.push(`${period}-01,${cost},r-${i},${text} ${i},${tags}`);
  }
  return lines.join("\n") + "\n";
}
