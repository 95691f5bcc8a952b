/** `openchargeback statements list|send`: generated statements and their delivery. */

import type { Command } from "commander";
import { listStatements, sendStatements } from "../statements/mod.ts";
import { type GlobalOptions, printJson, withContext, withGlobalOptions } from "./command_kit.ts";
import { countOf, plural } from "../domain/plural.ts";
import { progressLine } from "./progress_line.ts";

interface ListOptions extends GlobalOptions {
  period: string;
  pi?: string;
}

interface SendCliOptions extends ListOptions {
  resend?: boolean;
}

export function register(program: Command): void {
  const cmd = program.command("statements").description("list and send generated statements")
    .addHelpText(
      "after",
      "\nExamples:\n  openchargeback statements list -p 2025-01\n" +
        "  openchargeback statements send -p 2025-01 --pi ada@example.edu --resend",
    );
  withGlobalOptions(
    cmd.command("list").description("list every statement revision of a period")
      .addHelpText(
        "after",
        "\nExamples:\n  openchargeback statements list -p 2025-01\n  openchargeback statements list -p 2025-01 --json",
      )
      .requiredOption("-p, --period <YYYY-MM>", "billing period")
      .option("--pi <email>", "only this PI")
      .option("--json", "print JSON"),
  ).action(async (opts: ListOptions) => {
    await withContext(opts, (ctx) => {
      const rows = listStatements(ctx, { period: opts.period, pi: opts.pi });
      if (opts.json) return printJson(rows);
      if (rows.length === 0) return console.log(`no statements for ${opts.period}`);
      for (const r of rows) {
        const amount = r.totals.map((t) => `${t.billedCost} ${t.currency}`).join(" + ") || "0.00";
        const change = r.amountChange
          ? ` replaces r${r.replaces} (change ${
            r.amountChange.map((c) => `${c.change} ${c.currency}`).join(", ")
          })`
          : "";
        console.log(
          `${r.number} r${r.revision}${r.latest ? "" : " (superseded)"}  ${r.pi}  ${
            r.project ?? "(all projects)"
          }  ${amount}  generated ${r.generatedAt}  ${
            r.sentAt ? `sent ${r.sentAt}` : "not sent"
          }${change}  ${r.pdf}`,
        );
      }
    });
  });
  withGlobalOptions(
    cmd.command("send").description("email already generated statements (one message per PI)")
      .addHelpText(
        "after",
        "\nExamples:\n  openchargeback statements send -p 2025-01\n  openchargeback statements send -p 2025-01 --pi alice@uni.edu --resend",
      )
      .requiredOption("-p, --period <YYYY-MM>", "billing period")
      .option("--pi <email>", "only this PI")
      .option("--resend", "also send revisions that were already sent")
      .option("--json", "print JSON"),
  ).action(async (opts: SendCliOptions) => {
    await withContext(opts, async (ctx) => {
      const progress = progressLine(opts.json);
      const r = await sendStatements(ctx, {
        period: opts.period,
        pi: opts.pi,
        resend: opts.resend,
        onProgress: progress.listener,
      }).finally(progress.end);
      if (opts.json) printJson(r);
      else {
        for (const f of r.failures) console.error(`failed: ${f.recipient}: ${f.error}`);
        console.log(
          `emails: ${r.emails.sent} sent, ${r.emails.written} written (dev mode), ` +
            `${r.emails.failed} failed; ${countOf(r.skipped, "statement")} already sent ${
              plural(r.skipped, "was")
            } skipped` +
            (r.skipped && !opts.resend ? " (use --resend to send them again)" : ""),
        );
      }
      if (r.emails.failed) Deno.exitCode = 1;
    });
  });
}
