/** `openchargeback export-journal -p P [-f F] [--template FILE] [-o PATH|-] [--include-pending] [--json]`. */

import { type Command, Option } from "commander";
import {
  exportJournal,
  exportJournalJson,
  JOURNAL_FORMATS,
  type JournalFormat,
  journalFormatsHelp,
} from "../journal/mod.ts";
import { countOf, plural } from "../domain/plural.ts";
import { type GlobalOptions, printJson, withContext, withGlobalOptions } from "./command_kit.ts";

interface ExportJournalCliOptions extends GlobalOptions {
  period: string;
  format?: JournalFormat;
  template?: string;
  output?: string;
  includePending?: boolean;
  allowPending?: boolean;
}

export function register(program: Command): void {
  const cmd = withGlobalOptions(
    program.command("export-journal")
      .description("export a general-ledger journal for a period")
      .requiredOption("-p, --period <YYYY-MM>", "billing period")
      .addOption(
        new Option("-f, --format <format>", journalFormatsHelp())
          .choices([...JOURNAL_FORMATS]),
      )
      .option("--template <file>", "Liquid template for -f template (overrides journal.template)")
      .option("-o, --output <path>", "file or folder to write, or - for stdout")
      .option("--include-pending", "also bill charges awaiting review (marked in the output)")
      .option(
        "--allow-pending",
        "export although charges await review, leaving them out (refused otherwise)",
      )
      .option("--json", "print the result as JSON"),
  ).addHelpText(
    "after",
    `
Charges: approved or never flagged, not rejected. gl and template exports are
refused (nothing written) unless every source has a credit fund/org, every
fund/org and account passes journal.fund_org_regex / account_code_regex, and
debits equal credits. Refused while charges await review unless --allow-pending
(leave them out) or --include-pending (bill them). Default file: output.journal_dir/journal_<period>_<YYYYmmdd_HHMMSS>.csv.
-o - writes the journal to stdout (not combinable with --json).

Examples:
  openchargeback export-journal -p 2025-01
  openchargeback export-journal -p 2025-01 -f gl --json
  openchargeback export-journal -p 2025-01 -f template --template my_gl.liquid -o -`,
  );
  cmd.action(async (opts: ExportJournalCliOptions) => {
    if (opts.output === "-" && opts.json) {
      cmd.error("error: -o - (journal on stdout) and --json cannot be combined.", {
        exitCode: 2,
        code: "openchargeback.usage",
      });
    }
    if (opts.template && opts.format && opts.format !== "template") {
      cmd.error(`error: --template only applies to -f template (not -f ${opts.format}).`, {
        exitCode: 2,
        code: "openchargeback.usage",
      });
    }
    await withContext(opts, async (ctx) => {
      const r = await exportJournal(ctx, {
        period: opts.period,
        format: opts.format,
        templatePath: opts.template,
        output: opts.output,
        includePending: opts.includePending,
        allowPending: opts.allowPending,
      });
      if (r.pendingExcluded > 0) {
        console.error(
          `note: ${countOf(r.pendingExcluded, "charge")} awaiting review ${
            plural(r.pendingExcluded, "is")
          } not in this journal (--allow-pending).`,
        );
      }
      if (r.content !== undefined) {
        await Deno.stdout.write(new TextEncoder().encode(r.content));
      } else if (opts.json) {
        printJson(exportJournalJson(r));
      } else {
        console.log(
          `${r.path}: ${r.format}${r.template ? ` (${r.template})` : ""} journal of ${r.period}, ` +
            `${r.rows} rows from ${r.charges} charges, debits ${r.debitTotal}, credits ${r.creditTotal}, ` +
            `sha256 ${r.checksum}`,
        );
      }
    });
  });
}
