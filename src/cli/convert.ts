/**
 * `openchargeback convert slurm|storage`: meter on-premises usage into a
 * priced FOCUS file (rates from a rate card). The FOCUS CSV goes to -o (or
 * standard output); the report goes to standard error (`--json` for scripts)
 * and, with --report FILE, to a JSON file that `ingest --report` stores.
 */

import { type Command, InvalidArgumentError, Option } from "commander";
import { parsePeriod } from "../domain/period.ts";
import { UserError } from "../domain/errors.ts";
import {
  convertSlurm,
  convertStorage,
  formatSlurmReport,
  formatStorageReport,
  loadAccounts,
  loadRateCard,
} from "../metering/mod.ts";
import { type GlobalOptions, withGlobalOptions } from "./command_kit.ts";
import { meteringConfig, ratesPath } from "./convert_options.ts";

interface ConvertCommon extends GlobalOptions {
  period: string;
  rates?: string;
  accounts?: string;
  output: string;
  report?: string;
}

interface SlurmOptions extends ConvertCommon {
  cluster?: string;
  tz?: string;
  columns?: string;
  delimiter: string;
}

interface StorageOptions extends ConvertCommon {
  basis: "quota" | "usage";
  maxGap: number;
}

const SLURM_EXAMPLES = `
Examples:
  TZ=UTC sacct -a -P --duplicates -S 2026-09-01T00:00:00 -E 2026-10-01T00:00:00 \\
    --format=JobID,JobIDRaw,Cluster,Partition,QOS,Account,User,State,Start,End,ElapsedRaw,NCPUS,AllocTRES \\
    > sacct_2026-09.txt
  openchargeback convert slurm -p 2026-09 --rates rates.yaml --accounts accounts.csv \\
    sacct_2026-09.txt -o hpc_2026-09.csv
  openchargeback convert slurm -p 2026-09 sacct.txt -o - | openchargeback ingest - -s hpc -p 2026-09

Steps (123.batch) are dropped, array ranges expanded, requeues counted once per
(JobIDRaw, Start); jobs are clipped to the month. A file without a header is read
with --columns (default: XDMoD's documented --format list).`;

const STORAGE_EXAMPLES = `
Examples:
  openchargeback convert storage -p 2026-09 --basis quota --rates rates.yaml \\
    --accounts accounts.csv quota_snapshots.csv -o storage_2026-09.csv

Snapshot files have the header timestamp,key,bytes_used,bytes_quota[,filesystem];
each value holds until the key's next snapshot.`;

function delimiter(value: string): string {
  const v = value === "\\t" ? "\t" : value;
  if ([...v].length !== 1) throw new InvalidArgumentError("expected one character.");
  return v;
}

function days(value: string): number {
  const n = Number(value);
  if (!(n > 0) || !Number.isFinite(n)) throw new InvalidArgumentError("expected a number of days.");
  return n;
}

function common(cmd: Command): Command {
  return withGlobalOptions(
    cmd.requiredOption("-p, --period <YYYY-MM>", "the billing period (month, UTC)")
      .option("--rates <file>", "rate card (default: the config's metering.rates)")
      .option("--accounts <file>", "accounts.csv: account,pi_email,project_id,fund_org,pi_name")
      .option("-o, --output <file>", "FOCUS CSV to write, - for standard output", "-")
      .option("--report <file>", "also write the report as JSON to this file")
      .option("--json", "print the report as JSON on standard error"),
  );
}

/** Write the CSV to `path` (- = stdout) through a temporary file renamed at the end. */
async function withOutput(
  path: string,
  fn: (write: (text: string) => Promise<void>) => Promise<void>,
): Promise<void> {
  const encoder = new TextEncoder();
  if (path === "-") {
    const w = Deno.stdout.writable.getWriter();
    try {
      await fn((t) => w.write(encoder.encode(t)));
    } finally {
      w.releaseLock();
    }
    return;
  }
  const tmp = `${path}.part`;
  const f = await Deno.open(tmp, { write: true, create: true, truncate: true }).catch((e) => {
    throw new UserError(`cannot write ${path}: ${(e as Error).message}.`);
  });
  try {
    await fn(async (t) => {
      const bytes = encoder.encode(t);
      let at = 0;
      while (at < bytes.length) at += await f.write(bytes.subarray(at));
    });
    f.close();
    await Deno.rename(tmp, path);
  } catch (e) {
    try {
      f.close();
    } catch { /* closed */ }
    await Deno.remove(tmp).catch(() => {});
    throw e;
  }
}

async function finish(
  opts: ConvertCommon,
  report: { conservation?: { holds: boolean } },
  text: string,
): Promise<void> {
  if (opts.report) await Deno.writeTextFile(opts.report, JSON.stringify(report, null, 2) + "\n");
  console.error(opts.json ? JSON.stringify(report, null, 2) : text);
  if (report.conservation && !report.conservation.holds) Deno.exitCode = 1;
}

/** Register the convert command. */
export function register(program: Command): void {
  const convert = program.command("convert")
    .description("meter on-premises usage (Slurm, storage) into priced FOCUS files")
    .addHelpText(
      "after",
      "\nExamples:\n  openchargeback convert slurm -p 2026-09 --rates rates.yaml sacct_2026-09.txt -o hpc_2026-09.csv\n  openchargeback convert storage -p 2026-09 --basis quota --rates rates.yaml quota_snapshots.csv -o storage_2026-09.csv",
    );
  common(
    convert.command("slurm")
      .description("convert sacct --parsable2 output to FOCUS rows priced by a rate card")
      .argument("<files...>", "sacct output files (- for standard input)")
      .option("--cluster <name>", "cluster name when the export has no Cluster column")
      .option("--tz <zone>", "time zone of sacct's times (default: metering.timezone, else UTC)")
      .option("--columns <list>", "column names of a file without a header (comma-separated)")
      .addOption(
        new Option("--delimiter <char>", "field delimiter (e.g. ☃ for --delimiter=☃ exports)")
          .argParser(delimiter).default("|"),
      ),
  ).addHelpText("after", SLURM_EXAMPLES)
    .action(async (files: string[], opts: SlurmOptions) => {
      const period = parsePeriod(opts.period, "--period");
      const config = meteringConfig(opts);
      const card = loadRateCard(ratesPath(opts.rates, opts));
      const accounts = opts.accounts ? loadAccounts(opts.accounts) : null;
      let report;
      await withOutput(opts.output, async (write) => {
        report = await convertSlurm(files, {
          period,
          card,
          accounts,
          cluster: opts.cluster ?? null,
          timezone: opts.tz ?? (config.metering.timezone || "UTC"),
          columns: opts.columns ? opts.columns.split(",").map((c) => c.trim()) : null,
          delimiter: opts.delimiter,
          tagMapping: config.tag_mapping,
        }, write);
      });
      await finish(opts, report!, formatSlurmReport(report!));
    });
  common(
    convert.command("storage")
      .description("convert storage snapshot CSVs to FOCUS rows (TiB-months) priced by a rate card")
      .argument("<files...>", "snapshot CSVs: timestamp,key,bytes_used,bytes_quota[,filesystem]")
      .addOption(
        new Option("--basis <basis>", "bill the quota or the usage").choices(["quota", "usage"])
          .makeOptionMandatory(),
      )
      .option("--max-gap <days>", "report gaps between snapshots longer than this", days, 2),
  ).addHelpText("after", STORAGE_EXAMPLES)
    .action(async (files: string[], opts: StorageOptions) => {
      const period = parsePeriod(opts.period, "--period");
      const config = meteringConfig(opts);
      const card = loadRateCard(ratesPath(opts.rates, opts));
      const accounts = opts.accounts ? loadAccounts(opts.accounts) : null;
      let report;
      await withOutput(opts.output, async (write) => {
        report = await convertStorage(files, {
          period,
          basis: opts.basis,
          card,
          accounts,
          maxGapDays: opts.maxGap,
          tagMapping: config.tag_mapping,
        }, write);
      });
      await finish(opts, report!, formatStorageReport(report!));
    });
}
