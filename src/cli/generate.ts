/** `openchargeback generate`: build PDF statements for a period (and email them with --send). */

import type { Command } from "commander";
import { formatMoney } from "../domain/money_format.ts";
import { type GenerateResult, generateStatements } from "../statements/mod.ts";
import { parseMicros } from "../domain/money.ts";
import {
  collect,
  type GlobalOptions,
  printJson,
  withContext,
  withGlobalOptions,
} from "./command_kit.ts";
import { countOf, plural } from "../domain/plural.ts";
import { progressLine } from "./progress_line.ts";

interface GenerateCliOptions extends GlobalOptions {
  period: string;
  dryRun?: boolean;
  send?: boolean;
  resend?: boolean;
  pi?: string[];
  project?: string[];
  allowPending?: boolean;
}

export function register(program: Command): void {
  withGlobalOptions(
    program.command("generate")
      .description("generate PDF statements for a period (and email them with --send)")
      .requiredOption("-p, --period <YYYY-MM>", "billing period")
      .option("--dry-run", "write nothing; print the statements, totals and recipients")
      .option("--send", "email each PI once with all of their statements attached")
      .option("--resend", "with --send: also email statement revisions that were already sent")
      .option("--pi <email>", "only this PI (repeatable)", collect, [])
      .option("--project <id>", "only this project (repeatable)", collect, [])
      .option("--allow-pending", "generate although charges await review (they are left out)")
      .option("--json", "print the result as JSON")
      .addHelpText(
        "after",
        "\nExamples:\n  openchargeback generate -p 2025-01 --dry-run\n" +
          "  openchargeback generate -p 2025-01 --send\n" +
          "  openchargeback generate -p 2025-01 --pi ada@example.edu --json",
      ),
  ).action(async (opts: GenerateCliOptions) => {
    await withContext(opts, async (ctx) => {
      const progress = progressLine(opts.json);
      const result = await generateStatements(ctx, {
        period: opts.period,
        dryRun: opts.dryRun,
        send: opts.send,
        resend: opts.resend,
        piEmails: opts.pi,
        projectIds: opts.project,
        allowPending: opts.allowPending,
        onProgress: progress.listener,
      }).finally(progress.end);
      if (opts.json) printJson(result);
      else printHuman(result, !!opts.send);
      for (const f of result.failures) console.error(`failed: ${f.recipient}: ${f.error}`);
      if (result.emails.failed) Deno.exitCode = 1;
    });
  });
}

function printHuman(r: GenerateResult, send: boolean): void {
  if (r.dryRun) console.log(`dry run: nothing written for ${r.period}; this would be produced:`);
  for (const s of r.statements) {
    const amount = s.totals.map((t) => formatMoney(parseMicros(t.billedCost)!, t.currency))
      .join(" + ") || "0.00";
    console.log(
      [
        `${s.number} r${s.revision}`,
        s.status.padEnd(9),
        s.pi,
        s.project ?? "(all projects)",
        s.fundOrg || "-",
        amount,
        s.pdf ?? "",
      ].join("  ").trimEnd(),
    );
  }
  const count = (st: string) => r.statements.filter((s) => s.status === st).length;
  const totals = new Map<string, number>();
  for (const s of r.statements) {
    for (const t of s.totals) {
      totals.set(t.currency, (totals.get(t.currency) ?? 0) + parseMicros(t.billedCost)!);
    }
  }
  const total = [...totals.entries()].sort().map(([c, v]) => formatMoney(v, c)).join(" + ");
  console.log(
    `${countOf(r.statements.length, "statement")}: ${count("new")} new, ${
      count("revised")
    } revised, ` +
      `${count("unchanged")} unchanged; amount due ${total || "0.00"}`,
  );
  if (r.pending.count) {
    console.log(
      `${countOf(r.pending.count, "charge")} awaiting review ${
        plural(r.pending.count, "was")
      } left out and noted on the statements`,
    );
  }
  if (send && r.dryRun) {
    console.log(`would email ${countOf(r.recipients.length, "PI")}: ${r.recipients.join(", ")}`);
  } else if (send) {
    console.log(
      `emails: ${r.emails.sent} sent, ${r.emails.written} written (dev mode), ${r.emails.failed} failed`,
    );
  }
}
