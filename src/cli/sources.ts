/** `openchargeback sources list|add`: billing sources (AWS, Azure, HPC, ...). */

import type { Command } from "commander";
import { addSource, listSources, sourceSummaryJson } from "../sources/mod.ts";
import { moneyTotalsText } from "../charges/mod.ts";
import { type GlobalOptions, printJson, withContext, withGlobalOptions } from "./command_kit.ts";
import { formatTextTable } from "./text_table.ts";

const EXAMPLES = `
Source names are compared without case: AWS and aws are the same source.

Examples:
  openchargeback sources list
  openchargeback sources list --json
  openchargeback sources add hpc --display-name "Campus HPC"`;

export function register(program: Command): void {
  const sources = program.command("sources").description("list and add billing sources")
    .addHelpText("after", EXAMPLES);

  withGlobalOptions(
    sources.command("list").description("list sources with their last import and totals")
      .option("--json", "print JSON: [{name, displayName, lastImport, charges, billedCost}]")
      .addHelpText("after", "\nExamples:\n  openchargeback sources list --json"),
  ).action((opts: GlobalOptions) =>
    withContext(opts, (ctx) => {
      const list = listSources(ctx);
      if (opts.json) return printJson(list.map(sourceSummaryJson));
      if (list.length === 0) return console.log("no sources yet (add one, or ingest a file).");
      console.log(formatTextTable(
        [
          { header: "NAME" },
          { header: "DISPLAY NAME" },
          { header: "LAST IMPORT" },
          { header: "CHARGES", right: true },
          { header: "BILLED", right: true },
        ],
        list.map((s) => [
          s.name,
          s.displayName,
          s.lastImport ?? "never",
          String(s.charges),
          moneyTotalsText(s.money),
        ]),
      ));
    })
  );

  withGlobalOptions(
    sources.command("add").description("register a source (refused if it exists in any case)")
      .argument("<name>", "short name, e.g. aws, azure, hpc")
      .option("--display-name <text>", "name shown on statements and pages")
      .addHelpText(
        "after",
        '\nExamples:\n  openchargeback sources add aws\n  openchargeback sources add hpc --display-name "Campus HPC"',
      ),
  ).action((name: string, opts: GlobalOptions & { displayName?: string }) =>
    withContext(opts, (ctx) => {
      const s = addSource(ctx, name, opts.displayName);
      console.log(`added source ${s.name} (${s.displayName}).`);
    })
  );
}
