/** `openchargeback ingest FILE... -s SOURCE`: import a delivery of FOCUS CSV files. */

import type { Command } from "commander";
import { formatMicros, parseMicros } from "../domain/money.ts";
import { filesFromPaths, ingestDelivery, type IngestSummary } from "../ingest/mod.ts";
import { type GlobalOptions, printJson, withContext, withGlobalOptions } from "./command_kit.ts";

interface IngestOptions extends GlobalOptions {
  source: string;
  period?: string;
  dryRun?: boolean;
  append?: boolean;
}

const EXAMPLES = `
Examples:
  openchargeback ingest aws_2025-01.csv -s aws
  openchargeback ingest azure_2025-01.csv.gz -s Azure -p 2025-01 --dry-run
  openchargeback ingest hpc_part1.csv hpc_part2.csv -s hpc --append --json

The files of one command are one delivery: by default it replaces the source's
charges in the periods it covers (unchanged rows keep their ids and review
decisions); --append adds it to what is there, skipping rows already present.
A row error anywhere refuses the whole delivery and nothing is stored.`;

/** Register the ingest command. */
export function register(program: Command): void {
  withGlobalOptions(
    program.command("ingest")
      .description("import FOCUS CSV files (.csv or .csv.gz) from a source")
      .argument("<files...>", "FOCUS CSV files of one delivery")
      .requiredOption("-s, --source <name>", "source name (case-insensitive, e.g. aws)")
      .option("-p, --period <YYYY-MM>", "expected billing period; other rows are flagged")
      .option("--dry-run", "parse, validate and report; write nothing")
      .option("--append", "add to the source's charges instead of replacing the periods covered")
      .option("--json", "print one JSON object on stdout")
      .addHelpText("after", EXAMPLES),
  ).action(async (paths: string[], opts: IngestOptions) => {
    const files = filesFromPaths(paths);
    const summary = await withContext(opts, (ctx) =>
      ingestDelivery(ctx, {
        files,
        source: opts.source,
        period: opts.period,
        dryRun: opts.dryRun,
        append: opts.append,
      }));
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
    : s.status === "unchanged"
    ? "unchanged: the source already holds exactly these rows, nothing added or removed"
    : "imported";
  const lines = [
    `${s.source}: ${head}`,
    `  files:    ${s.files.join(", ")} (FOCUS ${s.focusVersion ?? "unknown"})`,
    `  periods:  ${s.periods.length ? s.periods.join(", ") : "none (no rows)"}`,
    `  rows:     ${s.rows} read: ${s.added} added, ${s.removed} removed, ${s.unchanged} unchanged`,
    `  flagged:  ${s.flagged}${s.flagged ? " (held for review: openchargeback review list)" : ""}`,
  ];
  for (const c of s.currencies) {
    lines.push(`  billed:   ${money(c.billedCost)} ${c.currency} (list ${money(c.listCost)})`);
  }
  return lines.join("\n");
}

function money(decimal: string): string {
  const cents = formatMicros(parseMicros(decimal) ?? 0, 2);
  const [w, f] = cents.split(".");
  return `${w.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${f}`;
}
