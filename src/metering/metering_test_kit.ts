/** Test helpers of the metering tests: a rate card, sacct lines, a conversion in a temp folder. */

import { defaultConfig } from "../config/mod.ts";
import { type AccountMap } from "./accounts_map.ts";
import { parseRateCard, type RateCard } from "./rate_card.ts";
import { convertSlurm } from "./slurm_convert.ts";
import type { SlurmReport } from "./slurm_report.ts";
import { CsvTokenizer } from "../ingest/csv_tokenizer.ts";

/** The rate card of the unit tests: cascade cluster, cpu 0.0200 (0.0180 from 2026-07), GPUs. */
export const TEST_CARD = `currency: USD
skus:
  - id: cpu-std
    service: HPC Compute
    unit: core-hours
    measure: {tres: cpu}
    match: {cluster: [cascade], partition: [standard, long]}
    history:
      - {from: 2024-01, until: 2026-06, list: "0.0200", price_id: cpu-a}
      - {from: 2026-07, list: "0.0180", price_id: cpu-b}
    subsidy:
      - {from: 2024-01, percent: "25"}
      - {from: 2024-01, percent: "100", when: {account: [teaching]}}
  - id: gpu-a100
    service: HPC GPU
    unit: gpu-hours
    measure: {tres: gres/gpu}
    match: {cluster: [cascade], partition: [gpu]}
    history:
      - {from: 2024-01, list: "1.2500"}
  - id: cpu-gpu
    service: HPC Compute
    unit: core-hours
    measure: {tres: cpu}
    match: {cluster: [cascade], partition: [gpu]}
    history:
      - {from: 2024-01, list: "0.0100"}
outages:
  - {cluster: cascade, partition: [standard], start: "2026-09-14T06:00:00Z", end: "2026-09-14T18:00:00Z", reason: "cooling failure"}
`;

/** The header of the unit tests' sacct files. */
export const HEADER =
  "JobID|JobIDRaw|Cluster|Partition|QOS|Account|User|State|Start|End|Elapsed|NCPUS|NNodes|ReqTRES|AllocTRES";

/** One sacct line (header order) with defaults. */
export function sacctLine(f: Partial<Record<string, string>>): string {
  const v = {
    JobID: "1000",
    Cluster: "cascade",
    Partition: "standard",
    QOS: "normal",
    Account: "chem",
    User: "alice",
    State: "COMPLETED",
    Start: "2026-09-10T10:00:00",
    End: "2026-09-10T11:00:00",
    Elapsed: "01:00:00",
    NCPUS: "4",
    NNodes: "1",
    ReqTRES: "billing=4,cpu=4,mem=4G,node=1",
    AllocTRES: "billing=4,cpu=4,mem=4G,node=1",
    ...f,
  };
  const raw = f.JobIDRaw ?? v.JobID.replace(/[._+].*$/, "");
  return [
    v.JobID,
    raw,
    v.Cluster,
    v.Partition,
    v.QOS,
    v.Account,
    v.User,
    v.State,
    v.Start,
    v.End,
    v.Elapsed,
    v.NCPUS,
    v.NNodes,
    v.ReqTRES,
    v.AllocTRES,
  ].join("|");
}

/** The test card, checked. */
export function testCard(text = TEST_CARD): RateCard {
  return parseRateCard(text, "rates.yaml");
}

/** A converted FOCUS row: its cells by column name. */
export type Row = Record<string, string>;

/** Convert `lines` (with HEADER first unless `raw`) for `period`; rows and report. */
export async function convertLines(
  lines: string[],
  period: string,
  opts: { tz?: string; accounts?: AccountMap; raw?: boolean; card?: RateCard } = {},
): Promise<{ rows: Row[]; report: SlurmReport; csv: string }> {
  const dir = await Deno.makeTempDir({ prefix: "oc_metering_" });
  try {
    const path = `${dir}/sacct.txt`;
    await Deno.writeTextFile(path, (opts.raw ? lines : [HEADER, ...lines]).join("\n") + "\n");
    let csv = "";
    const report = await convertSlurm([path], {
      period,
      card: opts.card ?? testCard(),
      accounts: opts.accounts ?? null,
      cluster: null,
      timezone: opts.tz ?? "UTC",
      columns: null,
      delimiter: "|",
      tagMapping: defaultConfig().tag_mapping,
    }, (t) => {
      csv += t;
      return Promise.resolve();
    });
    return { rows: parseCsv(csv), report, csv };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** CSV text to rows by column name. */
export function parseCsv(csv: string): Row[] {
  const t = new CsvTokenizer("out.csv");
  const all = [...t.push(csv), ...t.end()];
  const header = all[0].cells;
  return all.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r.cells[i]])));
}

/** The rows of one SKU. */
export function rowsOf(rows: Row[], sku: string): Row[] {
  return rows.filter((r) => r.SkuId === sku);
}
