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
import { divRound, MICRO_N, microText } from "./decimal.ts";
import { headerLine, usageLine } from "./focus_output.ts";
import { isoSeconds, LocalTimeReader, periodSeconds } from "./local_time.ts";
import { listCostMicros, skuMatches, subsidyFor, subsidyMicros } from "./pricing.ts";
import { cardAt, type PriceEntry, type RateCard, type Sku } from "./rate_card.ts";
import { isKnownTres, planColumns, type SacctColumns, XDMOD_COLUMNS } from "./sacct_fields.ts";
import { jobsOfLine, type SacctJob } from "./slurm_jobs.ts";
import { SeenJobs } from "./seen_jobs.ts";
import { MAX_EXAMPLES, type PartitionCount, type SlurmReport } from "./slurm_report.ts";
import { lineBatches } from "./text_lines.ts";

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

interface PricedSku {
  sku: Sku;
  price: PriceEntry;
  /** unit-seconds per unit: 3600 (x 1024^k for memory). */
  denominator: bigint;
}

interface RowAcc {
  cluster: string;
  account: string;
  user: string;
  partition: string;
  qos: string;
  priced: PricedSku;
  usage: bigint;
  outage: bigint;
  jobs: number;
  outageJobs: number;
  outageReasons: Set<string>;
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
    await readFile(path, opts, report, (cells, line, columns) => {
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

/** Read one file's lines into `onLine`; a wrong field count refuses the file. */
async function readFile(
  path: string,
  opts: SlurmConvertOptions,
  report: SlurmReport,
  onLine: (cells: string[], line: number, columns: SacctColumns) => void,
): Promise<void> {
  const d = opts.delimiter;
  let columns: SacctColumns | null = null;
  let lines = 0;
  let header = false;
  for await (const batch of lineBatches(path)) {
    for (let i = 0; i < batch.lines.length; i++) {
      const text = batch.lines[i];
      const line = batch.first + i;
      lines = line;
      if (text === "") continue;
      if (columns !== null && columns.jobId === 0 && isStepLine(text, d)) {
        // a step: dropped; only its field count is checked (no split, no allocation)
        const n = fieldCount(text, d);
        if (n !== columns.count && !(n === columns.count + 1 && text.endsWith(d))) {
          refuseFieldCount(path, line, n, columns.count, header);
        }
        report.stepsDropped++;
        continue;
      }
      let cells = text.split(d);
      if (columns === null) {
        header = cells[0].trim().toLowerCase() === "jobid";
        if (header && cells.length > 1 && cells[cells.length - 1] === "") {
          cells = cells.slice(0, -1);
        }
        columns = planColumns(
          header ? cells : opts.columns ?? XDMOD_COLUMNS,
          header
            ? `${path}:1`
            : `${path} (${opts.columns ? "--columns" : "XDMoD's default columns"})`,
        );
        if (header) continue;
      }
      // --parsable ends every line with the delimiter: one empty field more
      if (cells.length === columns.count + 1 && cells[cells.length - 1] === "") cells.pop();
      if (cells.length !== columns.count) {
        refuseFieldCount(path, line, cells.length, columns.count, header);
      }
      onLine(cells, line, columns);
    }
  }
  report.files.push({ name: path, lines, header, delimiter: d });
}

/** True when the line's first field (JobID) names a step ("123.batch"). */
function isStepLine(text: string, d: string): boolean {
  const end = text.indexOf(d);
  const dot = text.indexOf(".");
  return dot >= 0 && (end < 0 || dot < end);
}

/** Fields of a line: delimiters + 1. */
function fieldCount(text: string, d: string): number {
  let n = 1;
  for (let at = text.indexOf(d); at >= 0; at = text.indexOf(d, at + d.length)) n++;
  return n;
}

function refuseFieldCount(
  path: string,
  line: number,
  got: number,
  want: number,
  header: boolean,
): never {
  throw new UserError(
    `${path}:${line}: ${got} fields where the ${
      header ? "header names" : "columns name"
    } ${want}; the file is refused.`,
    {
      hint: header
        ? "Check the delimiter (--delimiter) and that no field contains it."
        : "Name the columns of this export with --columns (or check --delimiter).",
    },
  );
}

async function writeRows(
  rows: Map<string, RowAcc>,
  opts: SlurmConvertOptions,
  report: SlurmReport,
  check: ConservationCheck,
  write: (text: string) => Promise<void>,
): Promise<void> {
  const keys = [...rows.keys()].sort();
  let out = headerLine() + "\n";
  let list = 0n, subsidy = 0n, outageCredit = 0n, billed = 0n;
  const tm = opts.tagMapping;
  for (const key of keys) {
    const r = rows.get(key)!;
    const { sku, price, denominator } = r.priced;
    const tags: Record<string, string> = {
      slurm_account: r.account,
      slurm_user: r.user,
      cluster: r.cluster,
      partition: r.partition,
    };
    if (r.qos !== "") tags.qos = r.qos;
    const who = opts.accounts?.get(r.account);
    if (who) {
      if (who.pi_email) tags[tm.pi_email] = who.pi_email;
      if (who.project_id) tags[tm.project_id] = who.project_id;
      if (who.fund_org) tags[tm.fund_org] = who.fund_org;
      if (who.pi_name) tags[tm.pi_name] = who.pi_name;
    }
    const rule = subsidyFor(sku, opts.period, {
      partition: r.partition,
      account: r.account,
      qos: r.qos,
    });
    const common = {
      billingAccountId: r.cluster,
      billingAccountType: "Cluster",
      resourceId: `${r.cluster}/${r.account}/${r.partition}`,
      resourceType: "Slurm account",
      subAccount: r.account,
      sku,
      priceId: price.priceId,
      list: price.list,
      tags,
    };
    const parts: { amount: bigint; jobs: number; outage: boolean }[] = [];
    if (r.usage > 0n || r.outage === 0n) {
      parts.push({ amount: r.usage, jobs: r.jobs, outage: false });
    }
    if (r.outage > 0n) parts.push({ amount: r.outage, jobs: r.outageJobs, outage: true });
    for (const part of parts) {
      const qty = divRound(part.amount * MICRO_N, denominator);
      const listMicro = listCostMicros(qty, price.list);
      const off = part.outage ? listMicro : rule ? subsidyMicros(listMicro, rule.percent) : 0n;
      const billedMicro = listMicro - off;
      list += listMicro;
      billed += billedMicro;
      if (part.outage) outageCredit += off;
      else subsidy += off;
      check.row(sku.id, part.amount, qty);
      report.rows++;
      const at = `${sku.description ?? sku.id} at ${price.list} per ${sku.unit.replace(/s$/, "")}`;
      const description = part.outage
        ? `outage credit: ${[...r.outageReasons].join("; ")} (${at}, not billed)`
        : at +
          (rule && rule.percent !== "0"
            ? `; subsidy ${rule.percent} %${rule.description ? ` (${rule.description})` : ""}`
            : "");
      // the resource names the SKU, and the outage credit, so the statement line shows them
      const resourceName = `${r.account} on ${r.cluster}/${r.partition}: ${sku.id}` +
        (part.outage ? ` outage credit (${[...r.outageReasons].join("; ")})` : "");
      out += usageLine(opts.card, opts.period, {
        ...common,
        resourceName,
        description,
        quantityMicro: qty,
        listMicro,
        billedMicro,
        jobCount: part.jobs,
        subsidyPercent: part.outage ? "100" : rule?.percent ?? "0",
      }) + "\n";
      if (out.length > 1 << 16) {
        await write(out);
        out = "";
      }
    }
  }
  await write(out);
  report.totals = {
    listCost: microText(list),
    subsidy: microText(subsidy),
    outageCredit: microText(outageCredit),
    billedCost: microText(billed),
  };
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
