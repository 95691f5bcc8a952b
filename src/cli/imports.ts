/** `openchargeback imports list|revert`: the recorded deliveries, and undoing one. */

import type { Command } from "commander";
import { moneyTotalsText } from "../charges/mod.ts";
import { formatAmount } from "../domain/money_format.ts";
import { countOf } from "../domain/plural.ts";
import { importRecordJson, listImportHistory } from "../imports/mod.ts";
import { revertImport, revertOutcomeJson } from "../ingest/mod.ts";
import {
  type GlobalOptions,
  positiveInt,
  printJson,
  withContext,
  withGlobalOptions,
} from "./command_kit.ts";
import { formatTextTable } from "./text_table.ts";

const EXAMPLES = `
Every ingest (or web import) that was applied is one delivery with an id.
Reverting a delivery removes exactly the charges it added and brings back the
charges it replaced; only while its periods are open, newest delivery first.
Statements already generated for those periods are marked stale.

Examples:
  openchargeback imports list
  openchargeback imports list -p 2025-01 --json
  openchargeback imports revert 12 --note "imported under the wrong source"`;

interface ListOptions extends GlobalOptions {
  period?: string;
  limit?: number;
}

export function register(program: Command): void {
  const imports = program.command("imports")
    .description("list deliveries (imports) and revert one")
    .addHelpText("after", EXAMPLES);

  withGlobalOptions(
    imports.command("list").description("list deliveries, newest first")
      .option("-p, --period <YYYY-MM>", "only deliveries touching this period")
      .option("--limit <n>", "at most this many (default 50)", positiveInt)
      .option("--json", "print JSON: [{id, source, files, periods, rows, added, ..., status}]")
      .addHelpText(
        "after",
        "\nExamples:\n  openchargeback imports list\n  openchargeback imports list -p 2025-01 --json",
      ),
  ).action((opts: ListOptions) =>
    withContext(opts, (ctx) => {
      const list = listImportHistory(ctx, { period: opts.period, limit: opts.limit ?? 50 });
      if (opts.json) return printJson(list.map(importRecordJson));
      if (list.length === 0) return console.log("no imports yet.");
      console.log(formatTextTable(
        [
          { header: "ID", right: true },
          { header: "SOURCE" },
          { header: "PERIODS" },
          { header: "ROWS", right: true },
          { header: "ADDED", right: true },
          { header: "REMOVED", right: true },
          { header: "BILLED", right: true },
          { header: "STATUS" },
          { header: "WHEN" },
        ],
        list.map((i) => [
          String(i.id),
          i.source.name,
          i.periods.join(", ") || "-",
          String(i.rows),
          String(i.added),
          String(i.removed),
          formatAmount(i.billedCost, ctx.config.currency),
          i.status,
          i.importedAt.slice(0, 16).replace("T", " "),
        ]),
      ));
    })
  );

  withGlobalOptions(
    imports.command("revert").description(
      "undo a delivery: remove its charges, bring back what it replaced (audited)",
    )
      .argument("<id>", "the import id (imports list)", positiveInt)
      .requiredOption("--note <text>", "why it is reverted (audited)")
      .option("--json", "print JSON: {importId, periods, removed, restored, staleStatements}")
      .addHelpText(
        "after",
        '\nExamples:\n  openchargeback imports revert 12 --note "imported under the wrong source"',
      ),
  ).action((id: number, opts: GlobalOptions & { note: string }) =>
    withContext(opts, (ctx) => {
      const r = revertImport(ctx, id, opts.note);
      if (opts.json) return printJson(revertOutcomeJson(r));
      console.log(
        `reverted import ${r.importId} (${r.periods.join(", ")}): ` +
          `${countOf(r.removed.count, "charge")} removed (${moneyTotalsText(r.removed.money)}), ` +
          `${countOf(r.restored.count, "charge")} restored (${moneyTotalsText(r.restored.money)}).`,
      );
      if (r.staleStatements > 0) {
        console.log(
          `${countOf(r.staleStatements, "statement")} of ${r.periods.join(", ")} marked stale: ` +
            `regenerate with openchargeback generate -p ${r.periods[0]}.`,
        );
      }
    })
  );
}
