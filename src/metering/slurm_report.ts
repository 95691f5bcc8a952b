/** The report of `convert slurm` (stderr text, or `--json`), and its counters. */

import { countOf, plural } from "../domain/plural.ts";
import type { ConservationLine } from "./conservation.ts";

/** A line that was not used, with why. */
export interface RefusedLine {
  file: string;
  line: number;
  reason: string;
}

/** A (cluster, partition) with a job count. */
export interface PartitionCount {
  cluster: string;
  partition: string;
  jobs: number;
}

/** What `convert slurm` did (the `--json` document). */
export interface SlurmReport {
  kind: "slurm";
  period: string;
  timezone: string;
  rateCard: string;
  currency: string;
  files: { name: string; lines: number; header: boolean; delimiter: string }[];
  jobs: {
    /** Allocation records (array ranges expanded, steps not counted). */
    read: number;
    billed: number;
    skipped: Record<string, number>;
  };
  stepsDropped: number;
  refusedLines: RefusedLine[];
  refusedLineCount: number;
  running: { jobs: number; captureTime: string | null };
  elapsedUsed: { dstShift: number; otherMismatch: number; examples: string[] };
  fallbackToNcpus: { jobs: number; examples: string[] };
  unknownPartitions: PartitionCount[];
  unknownTres: { tres: string; jobs: number }[];
  unpricedGpus: PartitionCount[];
  /** Jobs with GPUs (CPUs) that no SKU of their partition priced. */
  unpricedCpus: PartitionCount[];
  gpuPartitionsWithoutGpus: PartitionCount[];
  unmappedAccounts: string[];
  rows: number;
  totals: { listCost: string; subsidy: string; outageCredit: string; billedCost: string };
  conservation: { holds: boolean; skus: ConservationLine[] };
}

/** How many examples a report list keeps. */
export const MAX_EXAMPLES = 20;

/** The report as text for stderr. */
export function formatSlurmReport(r: SlurmReport): string {
  const out: string[] = [];
  const skipped = Object.entries(r.jobs.skipped).sort(([a], [b]) => a.localeCompare(b));
  const skippedTotal = skipped.reduce((s, [, n]) => s + n, 0);
  out.push(`convert slurm ${r.period} (times read as ${r.timezone}; rates ${r.rateCard})`);
  for (const f of r.files) {
    out.push(
      `  ${f.name}: ${f.lines} lines, ${f.header ? "header" : "no header"}, delimiter ${
        JSON.stringify(f.delimiter)
      }`,
    );
  }
  out.push(
    `  jobs: ${r.jobs.read} read, ${r.jobs.billed} billed, ${skippedTotal} skipped; ` +
      `${r.stepsDropped} steps dropped`,
  );
  for (const [reason, n] of skipped) out.push(`    skipped ${n}: ${reason}`);
  if (r.running.jobs) {
    out.push(
      `  running: ${
        countOf(r.running.jobs, "job")
      } billed up to the capture time ${r.running.captureTime} ` +
        "(Start + Elapsed)",
    );
  }
  if (r.elapsedUsed.dstShift || r.elapsedUsed.otherMismatch) {
    out.push(
      `  Elapsed used where End - Start disagrees: ${r.elapsedUsed.dstShift} by a whole-hour ` +
        `shift (daylight saving; check --tz), ${r.elapsedUsed.otherMismatch} otherwise: ` +
        r.elapsedUsed.examples.join(", "),
    );
  }
  if (r.fallbackToNcpus.jobs) {
    out.push(
      `  warning: ${
        countOf(r.fallbackToNcpus.jobs, "job")
      } ran with an empty AllocTRES: billed NCPUS ` +
        `core-hours only: ${r.fallbackToNcpus.examples.join(", ")}`,
    );
  }
  for (const p of r.unknownPartitions) {
    out.push(
      `  warning: no SKU for cluster ${p.cluster} partition ${p.partition}: ${
        countOf(p.jobs, "job")
      } not billed`,
    );
  }
  for (const t of r.unknownTres) {
    out.push(`  note: unknown TRES ${t.tres} in ${countOf(t.jobs, "job")}`);
  }
  for (const p of r.unpricedGpus) {
    out.push(
      `  warning: ${
        countOf(p.jobs, "job")
      } with GPUs on ${p.cluster}/${p.partition}, which no GPU SKU prices`,
    );
  }
  for (const p of r.unpricedCpus) {
    out.push(
      `  warning: ${
        countOf(p.jobs, "job")
      } on ${p.cluster}/${p.partition}: no SKU prices their CPUs`,
    );
  }
  for (const p of r.gpuPartitionsWithoutGpus) {
    out.push(
      `  warning: GPU partition ${p.cluster}/${p.partition}: ${countOf(p.jobs, "job")} ${
        plural(p.jobs, "shows", "show")
      } 0 GPUs`,
    );
  }
  if (r.unmappedAccounts.length) {
    out.push(
      `  unmapped accounts (rows without PI tags, held for review): ${
        r.unmappedAccounts.join(", ")
      }`,
    );
  }
  if (r.refusedLineCount) {
    out.push(`  refused lines: ${r.refusedLineCount}`);
    for (const l of r.refusedLines) out.push(`    ${l.file}:${l.line}: ${l.reason}`);
  }
  out.push(
    `  rows: ${r.rows}; list ${r.totals.listCost}, subsidy ${r.totals.subsidy}, outage credit ` +
      `${r.totals.outageCredit}, billed ${r.totals.billedCost} ${r.currency}`,
  );
  out.push(`  conservation: ${r.conservation.holds ? "holds" : "FAILS"}`);
  for (const c of r.conservation.skus) {
    out.push(
      `    ${c.sku}: sum of PricingQuantity ${c.pricingQuantity} ${c.unit} = clipped usage ` +
        `${c.usage} (${countOf(c.rows, "row")}, rounding ${
          countOf(c.roundingMicro, "micro-unit")
        })` +
        (c.holds ? "" : " MISMATCH"),
    );
  }
  return out.join("\n");
}
