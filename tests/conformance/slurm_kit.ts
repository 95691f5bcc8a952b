/**
 * Helpers of the Slurm conformance tests: the public sacct logs of
 * ../shared/fixtures/slurm/ (SOURCES.md there: provenance, columns, time zones,
 * notable jobs) converted in-process with a rate card that prices every
 * partition (cpu 0.0200 per core-hour, any GPU 1.0000 per GPU-hour).
 */

import { FIXTURES } from "./fixtures.ts";
import { defaultConfig } from "../../src/config/mod.ts";
import { convertSlurm, parseRateCard, type SlurmReport } from "../../src/metering/mod.ts";
import { parseCsv, type Row } from "../../src/metering/metering_test_kit.ts";

/** The folder of the twelve sacct fixtures. */
export const SLURM = `${FIXTURES}slurm/`;

/** Prices every cluster and partition: CPUs and GPUs (untyped gres/gpu, else typed summed). */
export const ANY_CARD = parseRateCard(
  `currency: USD
skus:
  - id: cpu
    service: HPC Compute
    unit: core-hours
    measure: {tres: cpu}
    history:
      - {from: 2010-01, list: "0.0200"}
  - id: gpu
    service: HPC GPU
    unit: gpu-hours
    measure: {tres: gres/gpu}
    history:
      - {from: 2010-01, list: "1.0000"}
`,
  "any.yaml",
);

/** sonar's SACCT_FIELDS (src/slurmjobs.rs): its files have no header. */
export const SONAR_COLUMNS =
  "JobID,JobIDRaw,User,Account,State,Start,End,AveCPU,AveDiskRead,AveDiskWrite,AveRSS,AveVMSize,ElapsedRaw,ExitCode,Layout,MaxRSS,MaxVMSize,MinCPU,ReqCPUS,ReqMem,ReqNodes,Reservation,Submit,Suspended,SystemCPU,TimelimitRaw,UserCPU,NodeList,Partition,AllocTRES,Priority,JobName"
    .split(",");

/** hb-jobinfo's --format (test/data/generate_data.sh): no header, ☃ with a trailing ☃. */
export const HB_COLUMNS =
  "JobID,JobName,User,Partition,NodeList,NNodes,NCPUs,NTasks,State,Submit,Start,End,Timelimit,Elapsed,TotalCPU,CPUTime,UserCPU,SystemCPU,ReqMem,MaxRSS,MaxVMSize,ReqTRES,AllocTRES,TRESUsageInMax,TRESUsageInTot,TRESUsageOutTot,MaxDiskRead,MaxDiskWrite,MaxRSSNode,MaxRSSTask,MaxVMSizeNode,MaxVMSizeTask,MaxDiskReadNode,MaxDiskReadTask,MaxDiskWriteNode,MaxDiskWriteTask,Comment"
    .split(",");

/** Options of a fixture conversion. */
export interface FixtureOptions {
  tz?: string;
  cluster?: string;
  columns?: string[];
  delimiter?: string;
  /** Keep only the lines whose JobID starts with one of these (written to a temp file). */
  jobs?: string[];
}

/** Convert fixture `name` for `period`; rows by column name and the report. */
export async function convertFixture(
  name: string,
  period: string,
  o: FixtureOptions = {},
): Promise<{ rows: Row[]; report: SlurmReport }> {
  let path = `${SLURM}${name}`;
  let dir: string | null = null;
  if (o.jobs) {
    dir = await Deno.makeTempDir({ prefix: "oc_slurm_conf_" });
    const d = o.delimiter ?? "|";
    const keep = (await Deno.readTextFile(path)).split("\n").filter((l) => {
      const id = l.split(d)[0];
      return o.jobs!.some((j) => id === j || id.startsWith(`${j}.`));
    });
    path = `${dir}/${name}`;
    await Deno.writeTextFile(path, keep.join("\n") + "\n");
  }
  try {
    let csv = "";
    const report = await convertSlurm([path], {
      period,
      card: ANY_CARD,
      accounts: null,
      cluster: o.cluster ?? null,
      timezone: o.tz ?? "UTC",
      columns: o.columns ?? null,
      delimiter: o.delimiter ?? "|",
      tagMapping: defaultConfig().tag_mapping,
    }, (t) => {
      csv += t;
      return Promise.resolve();
    });
    return { rows: parseCsv(csv), report };
  } finally {
    if (dir) await Deno.remove(dir, { recursive: true });
  }
}

/** The exact unit-seconds (count x seconds) a conversion billed for a SKU, as a BigInt. */
export function usageSeconds(report: SlurmReport, sku: string): bigint {
  const line = report.conservation.skus.find((s) => s.sku === sku);
  return line ? BigInt(line.usageSeconds) : 0n;
}

/** Σ PricingQuantity of a SKU's rows in micro-units. */
export function quantityMicros(rows: Row[], sku: string): bigint {
  let total = 0n;
  for (const r of rows.filter((r) => r.SkuId === sku)) {
    const [w, f = ""] = r.PricingQuantity.split(".");
    total += BigInt(w) * 1_000_000n + BigInt(f.padEnd(6, "0"));
  }
  return total;
}
