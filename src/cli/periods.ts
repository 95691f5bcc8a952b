/** `openchargeback periods list|create|close|reopen|finalize`: the billing period lifecycle. */

import type { Command } from "commander";
import {
  closePeriod,
  createPeriod,
  finalizePeriod,
  listPeriods,
  type PeriodChange,
  periodSummaryJson,
  reopenPeriod,
  statementRoundingText,
} from "../periods/mod.ts";
import { formatMoneyCode } from "../domain/money_format.ts";
import { moneyTotalsText } from "../charges/mod.ts";
import { type GlobalOptions, printJson, withContext, withGlobalOptions } from "./command_kit.ts";
import { formatTextTable } from "./text_table.ts";
import { countOf, plural } from "../domain/plural.ts";

const EXAMPLES = `
Lifecycle: open -> closed -> (reopen -> open) -> finalized. Finalized is permanent.
An open period may be finalized directly. Finalize is refused while charges await review.

Examples:
  openchargeback periods list
  openchargeback periods list --json
  openchargeback periods close 2025-01
  openchargeback periods reopen 2025-01 --reason "late AWS credits"
  openchargeback periods finalize 2025-01 --notes "statements sent 2025-02-05"`;

export function register(program: Command): void {
  const periods = program.command("periods")
    .description("list, create, close, reopen and finalize billing periods")
    .addHelpText("after", EXAMPLES);

  withGlobalOptions(
    periods.command("list").description("list periods with status, charge counts and totals")
      .option(
        "--json",
        "print JSON: [{period, status, charges, flagged, billedCost, listCost, statements}]",
      )
      .addHelpText("after", "\nExamples:\n  openchargeback periods list --json"),
  ).action((opts: GlobalOptions) =>
    withContext(opts, (ctx) => {
      const list = listPeriods(ctx);
      if (opts.json) return printJson(list.map(periodSummaryJson));
      if (list.length === 0) return console.log("no periods yet (they are created by ingest).");
      console.log(formatTextTable(
        [
          { header: "PERIOD" },
          { header: "STATUS" },
          { header: "CHARGES", right: true },
          { header: "FLAGGED", right: true },
          { header: "LIST", right: true },
          { header: "BILLED", right: true },
        ],
        list.map((p) => [
          p.period,
          p.status,
          String(p.charges),
          String(p.flagged),
          moneyTotalsText(p.money, "listCost"),
          moneyTotalsText(p.money, "billedCost"),
        ]),
      ));
      // what the statements bill against the exact charges, and what awaits review
      for (const p of list) {
        for (const t of p.statements?.totals ?? []) {
          console.log(`${p.period} ${t.currency}: ${statementRoundingText(t)}`);
        }
        for (const x of p.pending) {
          console.log(
            `${p.period} ${x.currency}: pending review (not billed) ${
              formatMoneyCode(x.billedCost, x.currency)
            }`,
          );
        }
      }
    })
  );

  withGlobalOptions(
    periods.command("create").description("create an open period by hand, before any import")
      .argument("<period>", "the period, YYYY-MM")
      .option("--json", "print JSON: {period, status, charges, flagged, billedCost, listCost}")
      .addHelpText("after", "\nExamples:\n  openchargeback periods create 2026-01"),
  ).action((period: string, opts: GlobalOptions & { json?: boolean }) =>
    withContext(opts, (ctx) => {
      const s = createPeriod(ctx, period);
      if (opts.json) printJson(periodSummaryJson(s));
      else console.log(`${s.period}: created, open.`);
    })
  );

  withGlobalOptions(
    periods.command("close").description("close an open period (locks imports and reviews)")
      .argument("<period>", "the period, YYYY-MM")
      .option("--allow-pending", "close although charges still await review (they stay locked)")
      .addHelpText(
        "after",
        "\nRefused while charges await review, naming how many, unless --allow-pending." +
          "\n\nExamples:\n  openchargeback periods close 2025-01" +
          "\n  openchargeback periods close 2025-01 --allow-pending",
      ),
  ).action((period: string, opts: GlobalOptions & { allowPending?: boolean }) =>
    withContext(
      opts,
      (ctx) => report(closePeriod(ctx, period, { allowPending: opts.allowPending })),
    )
  );

  withGlobalOptions(
    periods.command("reopen").description("reopen a closed period (a reason is required)")
      .argument("<period>", "the period, YYYY-MM")
      .requiredOption("--reason <text>", "why the period is reopened (audited)")
      .addHelpText(
        "after",
        '\nExamples:\n  openchargeback periods reopen 2025-01 --reason "late AWS credits"',
      ),
  ).action((period: string, opts: GlobalOptions & { reason: string }) =>
    withContext(opts, (ctx) => report(reopenPeriod(ctx, period, opts.reason)))
  );

  withGlobalOptions(
    periods.command("finalize")
      .description("finalize an open or closed period (permanent; no charge may await review)")
      .argument("<period>", "the period, YYYY-MM")
      .option("--notes <text>", "notes stored with the period (audited)")
      .addHelpText(
        "after",
        '\nExamples:\n  openchargeback periods finalize 2025-01 --notes "statements sent"',
      ),
  ).action((period: string, opts: GlobalOptions & { notes?: string }) =>
    withContext(opts, (ctx) => report(finalizePeriod(ctx, period, opts.notes)))
  );
}

const DONE: Record<PeriodChange["action"], string> = {
  close: "closed",
  reopen: "reopened",
  finalize: "finalized",
};

function report(c: PeriodChange): void {
  console.log(`${DONE[c.action]} ${c.period} (was ${c.before}, now ${c.after}).`);
  if (c.action === "close" && c.pendingReview > 0) {
    console.error(
      `warning: ${countOf(c.pendingReview, "charge")} of ${c.period} ${
        plural(c.pendingReview, "awaits")
      } review; ` +
        `reopen ${c.period} to approve or reject them before finalizing.`,
    );
  }
}
