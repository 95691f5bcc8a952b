/** `openchargeback journal list [-p P] [--json]`: the recorded journal exports. */

import type { Command } from "commander";
import { exportedFormatTag, listJournalExports } from "../journal/mod.ts";
import { type GlobalOptions, printJson, withContext, withGlobalOptions } from "./command_kit.ts";

interface JournalListOptions extends GlobalOptions {
  period?: string;
}

export function register(program: Command): void {
  const journal = program.command("journal").description("list journal exports")
    .addHelpText(
      "after",
      "\nExamples:\n  openchargeback journal list -p 2025-01\n  openchargeback journal list --json",
    );
  withGlobalOptions(
    journal.command("list").description("list journal exports, newest first")
      .addHelpText(
        "after",
        "\nExamples:\n  openchargeback journal list\n  openchargeback journal list -p 2025-01 --json",
      )
      .option("-p, --period <YYYY-MM>", "only this billing period")
      .option("--json", "print JSON"),
  ).action(async (opts: JournalListOptions) => {
    await withContext(opts, (ctx) => {
      const rows = listJournalExports(ctx, opts.period);
      if (opts.json) return printJson(rows);
      if (rows.length === 0) {
        console.log(`no journal exports${opts.period ? ` for ${opts.period}` : ""}`);
        return;
      }
      const table = [
        ["ID", "PERIOD", "FORMAT", "ROWS", "DEBITS", "CREDITS", "BY", "AT", "SHA256", "PATH"],
        ...rows.map((r) => [
          String(r.id),
          r.period,
          exportedFormatTag(r.format, r.template) + (r.includePending ? "+pending" : ""),
          String(r.rows),
          r.debitTotal,
          r.creditTotal,
          r.exportedBy,
          r.exportedAt,
          r.checksum.slice(0, 12),
          r.path ?? "(stdout)",
        ]),
      ];
      const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
      for (const row of table) {
        console.log(row.map((c, i) => (i === row.length - 1 ? c : c.padEnd(widths[i]))).join("  "));
      }
    });
  });
}
