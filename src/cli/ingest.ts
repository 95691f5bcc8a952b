/** `openchargeback ingest FILE... -s SOURCE`: import a delivery of FOCUS CSV files. */

import type { Command } from "commander";
import { parseMicros } from "../domain/money.ts";
import { formatMoneyCode } from "../domain/money_format.ts";
import { UserError } from "../domain/errors.ts";
import {
  filesFromPaths,
  ingestDelivery,
  type IngestFile,
  type IngestSummary,
  readConverterReport,
  recordConverterReport,
  STDIN_NAME,
  stdinFile,
} from "../ingest/mod.ts";
import { type GlobalOptions, printJson, withContext, withGlobalOptions } from "./command_kit.ts";

interface IngestOptions extends GlobalOptions {
  source: string;
  period?: string;
  dryRun?: boolean;
  append?: boolean;
  report?: string;
  newSource?: boolean;
  replaceEmpty?: boolean;
}

const EXAMPLES = `
Examples:
  openchargeback ingest aws_2025-01.csv -s aws
  openchargeback ingest azure_2025-01.csv.gz -s Azure -p 2025-01 --dry-run
  openchargeback ingest hpc_part1.csv hpc_part2.csv -s hpc --append --json
  openchargeback ingest lab_2025-01.csv -s lab --new-source
  openchargeback ingest header_only.csv -s hpc -p 2025-01 --replace-empty
  openchargeback convert slurm -p 2026-09 sacct.txt -o - --report conv.json |
    openchargeback ingest - -s hpc -p 2026-09 --report conv.json

The files of one command are one delivery: by default it replaces the source's
charges in the periods it covers (unchanged rows keep their ids and review
decisions); --append adds it to what is there, skipping rows already present.
A row error anywhere refuses the whole delivery and nothing is stored.
A source that is neither registered (sources list) nor in imports.known_sources
is refused (a typo would bill the month twice) unless --new-source registers it.
A delivery without rows (a header only) changes nothing unless --replace-empty
clears the source's charges of -p PERIOD.
A file named - is read from standard input (recorded as "-"); --report stores
the converter's JSON report with the delivery (audit list: import.converter_report).`;

/** Register the ingest command. */
export function register(program: Command): void {
  withGlobalOptions(
    program.command("ingest")
      .description("import FOCUS CSV files (.csv or .csv.gz) from a source")
      .argument("<files...>", "FOCUS CSV files of one delivery (- = standard input)")
      .requiredOption("-s, --source <name>", "source name (case-insensitive, e.g. aws)")
      .option("-p, --period <YYYY-MM>", "expected billing period; other rows are flagged")
      .option("--dry-run", "parse, validate and report; write nothing")
      .option("--append", "add to the source's charges instead of replacing the periods covered")
      .option("--new-source", "register the source if it is neither registered nor known")
      .option("--replace-empty", "a delivery without rows clears the source's -p period")
      .option("--report <file>", "store this converter report (convert --report) with the delivery")
      .option("--json", "print one JSON object on stdout")
      .addHelpText("after", EXAMPLES),
  ).action(async (paths: string[], opts: IngestOptions) => {
    if (paths.filter((p) => p === STDIN_NAME).length > 1) {
      throw new UserError("standard input (-) can be named only once.");
    }
    const named = filesFromPaths(paths.filter((p) => p !== STDIN_NAME));
    const stdin = paths.includes(STDIN_NAME) ? await stdinFile() : null;
    // read after standard input ended: in `convert ... -o - --report F | ingest - --report F`
    // the converter writes F before it exits, and its exit ends our standard input
    let report: Record<string, unknown> | null = null;
    try {
      report = opts.report ? readConverterReport(opts.report) : null;
    } catch (e) {
      await stdin?.cleanup();
      throw e;
    }
    const files: IngestFile[] = paths.map((p) => p === STDIN_NAME ? stdin!.file : named.shift()!);
    const summary = await withContext(opts, async (ctx) => {
      const s = await ingestDelivery(ctx, {
        files,
        source: opts.source,
        period: opts.period,
        dryRun: opts.dryRun,
        append: opts.append,
        newSource: opts.newSource,
        replaceEmpty: opts.replaceEmpty,
      });
      if (report && s.importId !== null) {
        recordConverterReport(ctx, s.importId, opts.period, report);
      }
      return s;
    }).finally(() => stdin?.cleanup());
    for (const w of summary.warnings) console.error(`warning: ${w}`);
    if (opts.json) {
      printJson(summary);
    } else {
      console.log(humanSummary(summary));
    }
  });
}

/** The short human summary of a delivery. */
export function humanSummary(s: IngestSummary): string {
  const head = s.status === "dry-run"
    ? "dry run, nothing written"
    : s.status === "empty"
    ? "0 rows: nothing to replace; use --replace-empty to clear the source's period"
    : s.status === "unchanged"
    ? "unchanged: the source already holds exactly these rows, nothing added or removed"
    : s.rows === 0
    ? `imported 0 rows: cleared the source's ${s.periods.join(", ")} (--replace-empty)`
    : "imported";
  const fresh = s.newSource
    ? s.status === "dry-run"
      ? `  source:   ${s.newSource.name} is new (neither registered nor known)${
        s.newSource.suggestion ? `: did you mean ${s.newSource.suggestion}?` : ""
      } Importing needs --new-source.`
      : `  source:   ${s.newSource.name} registered (new)`
    : null;
  const lines = [
    `${s.source}: ${head}`,
    ...(fresh ? [fresh] : []),
    `  files:    ${s.files.join(", ")} (FOCUS ${s.focusVersion ?? "unknown"})`,
    `  periods:  ${s.periods.length ? s.periods.join(", ") : "none (no rows)"}`,
    `  rows:     ${s.rows} read: ${s.added} added, ${s.removed} removed, ${s.unchanged} unchanged`,
    `  flagged:  ${s.flagged}${s.flagged ? " (held for review: openchargeback review list)" : ""}`,
  ];
  for (const c of s.currencies) {
    lines.push(
      `  billed:   ${money(c.billedCost, c.currency)} (list ${money(c.listCost, c.currency)})`,
    );
  }
  return lines.join("\n");
}

function money(decimal: string, currency: string): string {
  return formatMoneyCode(parseMicros(decimal) ?? 0, currency);
}
