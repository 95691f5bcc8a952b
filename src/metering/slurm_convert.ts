/**
 * `convert slurm`: sacct allocations to priced FOCUS rows, one per
 * (cluster, account, user, partition, SKU) of the period, plus one "outage
 * credit" row where jobs ran inside an outage. Streams the input; holds only
 * the rows and the requeue keys.
 *
 * Quantities: each job's usage of a SKU is exact in unit-seconds (TRES count
 * x clipped seconds, mem in KiB); a row's PricingQuantity is its exact sum
 * divided by the unit (3600 s, x 1024^2 for GiB-hours) rounded half away
 * from zero to a micro-unit (1e-6 of an hour).
 */

import { UserError } from "../domain/errors.ts";
import type { Config } from "../config/mod.ts";
import type { AccountMap } from "./accounts_map.ts";
import { ConservationCheck } from "./conservation.ts";
import { isoSeconds, LocalTimeReader, periodSeconds } from "./local_time.ts";
import { skuMatches } from "./pricing.ts";
import { cardAt, type RateCard, type Sku } from "./rate_card.ts";
import { isKnownTres } from "./sacct_fields.ts";
import { jobsOfLine, type SacctJob } from "./slurm_jobs.ts";
import { SeenJobs } from "./seen_jobs.ts";
import { MAX_EXAMPLES, type PartitionCount, type SlurmReport } from "./slurm_report.ts";
import { readSacctFile } from "./sacct_file_reader.ts";
import { type PricedSku, type RowAcc, writeRows } from "./slurm_rows.ts";

/** Settings of one conversion. */
export interface SlurmConvertOptions {
  period: string;
  card: RateCard;
  accounts: AccountMap | null;
  /** Cluster name when the export has no Cluster column. */
  cluster: string | null;
  timezone: string;
  /** Column names of files without a header (default: XDMoD's list). */
  columns: string[] | null;
  /** Field delimiter (default "|"). */
  delimiter: string;
  tagMapping: Config["tag_mapping"];
}

function denominatorOf(sku: Sku): bigint {
  if (sku.measure.kind !== "tres" || sku.measure.tres !== "mem") return 3600n;
  const per = sku.measure.per ?? (sku.unit === "GiB-hours" ? "GiB" : "MiB");
  return 3600n * (per === "MiB" ? 1024n : per === "GiB" ? 1024n ** 2n : 1024n ** 3n);
}

/** A job's count of what a SKU measures. */
function measured(job: SacctJob, sku: Sku): number {
  if (sku.measure.kind !== "tres") return 0;
  const t = sku.measure.tres;
  if (t === "gres/gpu") return job.tres.gpus;
  return job.tres.values.get(t) ?? 0;
}

const isGpuSku = (s: Sku) => s.measure.kind === "tres" && s.measure.tres.startsWith("gres/gpu");

/** Convert sacct files; rows are written through `write` (header first) once all is read. */
export async function convertSlurm(
  paths: string[],
  opts: SlurmConvertOptions,
  write: (text: string) => Promise<void>,
): Promise<SlurmReport> {
  const [pStart, pEnd] = periodSeconds(opts.period);
  const times = new LocalTimeReader(opts.timezone);
  const priced: PricedSku[] = cardAt(opts.card, opts.period)
    .filter((p) => p.sku.measure.kind === "tres")
    .map((p) => ({ ...p, denominator: denominatorOf(p.sku) }));
  const report = emptyReport(opts);
  const skipped = report.jobs.skipped;
  const skip = (reason: string, n: number) => skipped[reason] = (skipped[reason] ?? 0) + n;
  const seen = new SeenJobs();
  const rows = new Map<string, RowAcc>();
  const check = new ConservationCheck();
  const skusOf = new Map<string, PricedSku[]>();
  const outagesOf = new Map<string, { start: number; end: number; reason: string }[]>();
  const counts = {
    unknownPartitions: new Map<string, number>(),
    unknownTres: new Map<string, number>(),
    unpricedGpus: new Map<string, number>(),
    unpricedCpus: new Map<string, number>(),
    zeroGpus: new Map<string, number>(),
  };
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  const unmapped = new Set<string>();
  let captureTime = -Infinity;

  const bill = (job: SacctJob) => {
    const from = Math.max(job.start, pStart), to = Math.min(job.end, pEnd);
    if (to <= from && !(job.end === job.start && job.start >= pStart && job.start < pEnd)) {
      skip("outside the period", 1);
      return;
    }
    const where = `${job.cluster}\u0000${job.partition}`;
    let skus = skusOf.get(where);
    if (!skus) {
      skus = priced.filter((p) => skuMatches(p.sku, job.cluster, job.partition));
      skusOf.set(where, skus);
    }
    if (skus.length === 0) {
      bump(counts.unknownPartitions, where);
      skip("no SKU for its cluster and partition", 1);
      return;
    }
    report.jobs.billed++;
    if (job.running) {
      report.running.jobs++;
      captureTime = Math.max(captureTime, job.end);
    }
    if (job.endGap !== 0 && !job.running) {
      const whole = job.endGap % 1800 === 0 && Math.abs(job.endGap) <= 7200;
      if (whole) report.elapsedUsed.dstShift++;
      else report.elapsedUsed.otherMismatch++;
      if (report.elapsedUsed.examples.length < MAX_EXAMPLES) {
        report.elapsedUsed.examples.push(
          `${job.jobId} (${job.endGap > 0 ? "+" : ""}${job.endGap} s)`,
        );
      }
    }
    if (job.fallback) {
      report.fallbackToNcpus.jobs++;
      if (report.fallbackToNcpus.examples.length < MAX_EXAMPLES) {
        report.fallbackToNcpus.examples.push(job.jobId);
      }
    }
    for (const name of job.tres.values.keys()) {
      if (!isKnownTres(name)) bump(counts.unknownTres, name);
    }
    if (job.tres.gpus === 0 && skus.some((p) => isGpuSku(p.sku) && p.sku.partitions !== null)) {
      bump(counts.zeroGpus, where);
    }
    const seconds = to - from;
    const outage = outageSeconds(job, where, from, to);
    const prefix = `${where}\u0000${job.account}\u0000${job.user}\u0000${job.qos}\u0000`;
    if (opts.accounts && !opts.accounts.has(job.account)) unmapped.add(job.account);
    let pricedGpus = false, pricedCpus = false;
    for (const p of skus) {
      const n = measured(job, p.sku);
      if (n === 0) continue;
      if (isGpuSku(p.sku)) pricedGpus = true;
      else if (p.sku.measure.kind === "tres" && p.sku.measure.tres !== "mem") pricedCpus = true;
      const count = BigInt(n);
      const key = prefix + p.sku.id;
      let row = rows.get(key);
      if (!row) {
        row = {
          cluster: job.cluster,
          account: job.account,
          user: job.user,
          partition: job.partition,
          qos: job.qos,
          priced: p,
          usage: 0n,
          outage: 0n,
          jobs: 0,
          outageJobs: 0,
          outageReasons: new Set(),
        };
        rows.set(key, row);
      }
      row.usage += count * BigInt(seconds - outage.seconds);
      row.jobs++;
      if (outage.seconds > 0) {
        row.outage += count * BigInt(outage.seconds);
        row.outageJobs++;
        for (const r of outage.reasons) row.outageReasons.add(r);
      }
      check.job(p.sku.id, p.sku.unit, p.denominator, count * BigInt(seconds));
    }
    // GPUs or CPUs that no SKU of the partition priced (e.g. untyped GPUs where only typed SKUs exist)
    if (job.tres.gpus > 0 && !pricedGpus) bump(counts.unpricedGpus, where);
    if ((job.tres.values.get("cpu") ?? 0) > 0 && !pricedCpus) bump(counts.unpricedCpus, where);
  };

  /** Seconds of [from, to) inside the outages of the job's cluster and partition. */
  const outageSeconds = (job: SacctJob, where: string, from: number, to: number) => {
    let list = outagesOf.get(where);
    if (!list) {
      list = mergeOutages(opts.card, job.cluster, job.partition);
      outagesOf.set(where, list);
    }
    let seconds = 0;
    const reasons: string[] = [];
    if (list.length === 0) return { seconds, reasons };
    for (const o of list) {
      const s = Math.max(from, o.start), e = Math.min(to, o.end);
      if (e > s) {
        seconds += e - s;
        reasons.push(o.reason);
      }
    }
    return { seconds, reasons };
  };

  for (const path of paths) {
    await readSacctFile(path, opts, report, (cells, line, columns) => {
      const got = jobsOfLine(cells, columns, times, opts.cluster ?? "");
      if (got.kind === "step") report.stepsDropped++;
      else if (got.kind === "skip") {
        report.jobs.read += got.count;
        skip(got.reason, got.count);
      } else if (got.kind === "refuse") {
        refuseLine(report, path, line, got.reason);
      } else {
        for (const job of got.jobs) {
          report.jobs.read++;
          if (job.cluster === "") {
            throw new UserError(`${path}: the export has no Cluster column.`, {
              hint: "Name the cluster with --cluster NAME.",
            });
          }
          if (!seen.add(job.cluster, job.identity, job.start)) {
            skip("duplicate record (requeue or --duplicates): counted once", 1);
            continue;
          }
          bill(job);
        }
      }
    });
  }
  report.running.captureTime = captureTime === -Infinity ? null : isoSeconds(captureTime);
  report.unknownPartitions = partitionCounts(counts.unknownPartitions);
  report.unpricedGpus = partitionCounts(counts.unpricedGpus);
  report.unpricedCpus = partitionCounts(counts.unpricedCpus);
  report.gpuPartitionsWithoutGpus = partitionCounts(counts.zeroGpus);
  report.unknownTres = [...counts.unknownTres].sort().map(([tres, jobs]) => ({ tres, jobs }));
  report.unmappedAccounts = [...unmapped].sort();
  await writeRows(rows, opts, report, check, write);
  report.conservation = check.result();
  return report;
}

function mergeOutages(card: RateCard, cluster: string, partition: string) {
  const list = card.outages
    .filter((o) =>
      o.cluster === cluster && (o.partitions === null || o.partitions.includes(partition))
    )
    .map((o) => ({ start: o.startMs / 1000, end: o.endMs / 1000, reason: o.reason }))
    .sort((a, b) => a.start - b.start);
  const merged: typeof list = [];
  for (const o of list) {
    const last = merged[merged.length - 1];
    if (last && o.start <= last.end) {
      last.end = Math.max(last.end, o.end);
      if (!last.reason.includes(o.reason)) last.reason += `; ${o.reason}`;
    } else merged.push({ ...o });
  }
  return merged;
}

function partitionCounts(m: Map<string, number>): PartitionCount[] {
  return [...m].sort(([a], [b]) => a.localeCompare(b)).map(([k, jobs]) => {
    const [cluster, partition] = k.split("\u0000");
    return { cluster, partition, jobs };
  });
}

function refuseLine(report: SlurmReport, file: string, line: number, reason: string): void {
  report.refusedLineCount++;
  if (report.refusedLines.length < MAX_EXAMPLES) report.refusedLines.push({ file, line, reason });
}

function emptyReport(opts: SlurmConvertOptions): SlurmReport {
  return {
    kind: "slurm",
    period: opts.period,
    timezone: opts.timezone,
    rateCard: opts.card.file,
    currency: opts.card.currency,
    files: [],
    jobs: { read: 0, billed: 0, skipped: {} },
    stepsDropped: 0,
    refusedLines: [],
    refusedLineCount: 0,
    running: { jobs: 0, captureTime: null },
    elapsedUsed: { dstShift: 0, otherMismatch: 0, examples: [] },
    fallbackToNcpus: { jobs: 0, examples: [] },
    unknownPartitions: [],
    unknownTres: [],
    unpricedGpus: [],
    unpricedCpus: [],
    gpuPartitionsWithoutGpus: [],
    unmappedAccounts: [],
    rows: 0,
    totals: { listCost: "0.00", subsidy: "0.00", outageCredit: "0.00", billedCost: "0.00" },
    conservation: { holds: true, skus: [] },
  };
}
