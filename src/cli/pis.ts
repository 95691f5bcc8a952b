/** `openchargeback pis import|list`: the PI directory (names, departments, alias emails). */

import type { Command } from "commander";
import { importPis, listPis } from "../attribution/mod.ts";
import { CsvTokenizer } from "../ingest/mod.ts";
import { type GlobalOptions, printJson, withContext, withGlobalOptions } from "./command_kit.ts";
import { formatTextTable } from "./text_table.ts";

const EXAMPLES = `
people.csv has a header line: email,name,department,aliases (aliases separated by ';').
Charges under an alias email are billed to the canonical PI (at ingest; for charges
already stored run: openchargeback attribution apply -p YYYY-MM).

Examples:
  openchargeback pis import people.csv
  openchargeback pis list --json`;

/** Register the pis command. */
export function register(program: Command): void {
  const cmd = program.command("pis").description("the PI directory: import and list PIs")
    .addHelpText("after", EXAMPLES);
  withGlobalOptions(
    cmd.command("import").description("add or update PIs from a CSV file")
      .addHelpText(
        "after",
        "\nExamples:\n  openchargeback pis import people.csv\n  openchargeback pis import people.csv --json",
      )
      .argument("<file>", "CSV: email,name,department,aliases")
      .option("--json", "print JSON: {added, updated, pis}"),
  ).action((file: string, opts: GlobalOptions) =>
    withContext(opts, (ctx) => {
      const t = new CsvTokenizer(file);
      const rows = [...t.push(Deno.readTextFileSync(file)), ...t.end()];
      const out = importPis(ctx, file, rows);
      if (opts.json) return printJson(out);
      console.log(
        `${file}: ${out.added} added, ${out.updated} updated; ${out.pis} PIs in the directory.`,
      );
    })
  );
  withGlobalOptions(
    cmd.command("list").description("list the PI directory")
      .addHelpText(
        "after",
        "\nExamples:\n  openchargeback pis list\n  openchargeback pis list --json",
      )
      .option("--json", "print JSON: [{email, name, department, aliases}]"),
  ).action((opts: GlobalOptions) =>
    withContext(opts, (ctx) => {
      const pis = listPis(ctx);
      if (opts.json) return printJson(pis);
      if (pis.length === 0) {
        return console.log("the PI directory is empty (openchargeback pis import people.csv).");
      }
      console.log(formatTextTable(
        [{ header: "EMAIL" }, { header: "NAME" }, { header: "DEPARTMENT" }, { header: "ALIASES" }],
        pis.map((p) => [p.email, p.name, p.department, p.aliases.join("; ")]),
      ));
    })
  );
}
