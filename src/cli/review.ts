/** `openchargeback review list|approve|reject|reopen`: the queue of charges held for review. */

import { type Command, InvalidArgumentError } from "commander";
import {
  approveCharges,
  assignCharges,
  listPendingCharges,
  pendingChargeJson,
  rejectCharges,
  reopenRejections,
  type ReviewOutcome,
  reviewOutcomeJson,
} from "../review/mod.ts";
import { combineCurrencyTotals, moneyTotalsText } from "../charges/mod.ts";
import { formatMoneyCode } from "../domain/money_format.ts";
import { type GlobalOptions, printJson, withContext, withGlobalOptions } from "./command_kit.ts";
import { formatTextTable } from "./text_table.ts";
import { countOf, plural } from "../domain/plural.ts";

const EXAMPLES = `
Flagged charges are not billed until approved. Rejected charges stay in the
database and are never billed; review reopen puts a rejection back in the queue.
Decisions are refused on closed or finalized periods.
--reason matches a flag reason exactly or by prefix: "pattern" matches every "pattern:<regex>".

Examples:
  openchargeback review list -p 2025-01
  openchargeback review list --reason missing_fund_org --json
  openchargeback review approve --id 12 --id 13 --note "checked with the PI"
  openchargeback review approve -p 2025-01 --reason pattern
  openchargeback review reject --id 14 --note "test instance, not billable"
  openchargeback review reopen --id 14 --note "rejected by mistake"`;

interface ListOptions extends GlobalOptions {
  period?: string;
  reason?: string;
  source?: string;
  pi?: string;
}

interface DecideOptions extends GlobalOptions {
  id?: number[];
  period?: string;
  reason?: string;
  note?: string;
}

/** Parse "--id 3", "--id 3 4", "--id 3,4" (repeatable) into a list of ids. */
function parseIds(value: string, previous: number[] | undefined): number[] {
  const ids = value.split(",").map((v) => v.trim()).filter((v) => v !== "").map((v) => {
    if (!/^\d+$/.test(v) || Number(v) <= 0 || !Number.isSafeInteger(Number(v))) {
      throw new InvalidArgumentError(`'${v}' is not a charge id (a positive whole number).`);
    }
    return Number(v);
  });
  return [...(previous ?? []), ...ids];
}

export function register(program: Command): void {
  const review = program.command("review")
    .description("list, approve and reject charges held for review")
    .addHelpText("after", EXAMPLES);

  withGlobalOptions(
    review.command("list").description("list charges awaiting review")
      .option("-p, --period <period>", "only this period (YYYY-MM)")
      .option("--reason <reason>", "only this flag reason (exact or prefix, e.g. pattern)")
      .option("--source <name>", "only this source")
      .option("--pi <email>", "only this PI")
      .option("--json", "print JSON: [{id, period, source, piEmail, ..., billedCost, reasons}]")
      .addHelpText(
        "after",
        "\nExamples:\n  openchargeback review list -p 2025-01 --source aws\n  openchargeback review list --pi pi@example.edu --json",
      ),
  ).action((opts: ListOptions) =>
    withContext(opts, (ctx) => {
      const list = listPendingCharges(ctx, {
        period: opts.period,
        reason: opts.reason,
        source: opts.source,
        pi: opts.pi,
      });
      if (opts.json) return printJson(list.map(pendingChargeJson));
      if (list.length === 0) return console.log("no charges await review.");
      console.log(formatTextTable(
        [
          { header: "ID", right: true },
          { header: "PERIOD" },
          { header: "SOURCE" },
          { header: "PI", max: 32 },
          { header: "PROJECT", max: 24 },
          { header: "FUND/ORG", max: 20 },
          { header: "SERVICE", max: 24 },
          { header: "RESOURCE", max: 28 },
          { header: "BILLED", right: true },
          { header: "REASONS" },
        ],
        list.map((c) => [
          String(c.id),
          c.period,
          c.source,
          c.piEmail ?? "-",
          c.projectId ?? "-",
          c.fundOrg ?? "-",
          c.serviceName ?? "-",
          c.resourceId ?? "-",
          formatMoneyCode(c.billedCost, c.currency),
          c.reasons.join(", "),
        ]),
      ));
      const money = combineCurrencyTotals(
        list.map((c) => ({ currency: c.currency, billedCost: c.billedCost, listCost: 0 })),
      );
      console.log(
        `\n${countOf(list.length, "charge")} ${plural(list.length, "awaits")} review, ` +
          `billed ${moneyTotalsText(money)}.`,
      );
    })
  );

  const approve = withGlobalOptions(
    review.command("approve")
      .description("approve charges (by id, or every pending charge of a period): they are billed")
      .option("--id <ids...>", "charge id(s); repeatable, or comma-separated", parseIds)
      .option("-p, --period <period>", "approve every pending charge of this period")
      .option("--reason <reason>", "with -p: only charges with this flag reason (exact or prefix)")
      .option("--note <text>", "note stored with each decision (audited)")
      .option("--json", "print JSON: {decision, count, ids, periods, billedCost, note}")
      .addHelpText(
        "after",
        '\nExamples:\n  openchargeback review approve --id 12 13 --note "ok per PI"\n  openchargeback review approve -p 2025-01 --reason missing_fund_org',
      ),
  );
  approve.action((opts: DecideOptions) => {
    const byIds = opts.id !== undefined;
    if (byIds === (opts.period !== undefined)) {
      approve.error("error: give either --id N... or -p PERIOD (exactly one of them).", {
        exitCode: 2,
      });
    }
    if (byIds && opts.reason !== undefined) {
      approve.error("error: --reason selects within a period; use it with -p.", { exitCode: 2 });
    }
    return withContext(opts, (ctx) => {
      const selector = byIds ? { ids: opts.id! } : { period: opts.period!, reason: opts.reason };
      const outcome = approveCharges(ctx, selector, opts.note);
      if (opts.json) return printJson(reviewOutcomeJson(outcome));
      if (outcome.count === 0) {
        const why = opts.reason ? ` with reason '${opts.reason}'` : "";
        return console.log(`nothing to approve: no charge of ${opts.period}${why} awaits review.`);
      }
      console.log(summary(outcome));
    });
  });

  registerAssign(review);

  withGlobalOptions(
    review.command("reject")
      .description("reject charges: kept in the database, never billed (a note is required)")
      .requiredOption("--id <ids...>", "charge id(s); repeatable, or comma-separated", parseIds)
      .requiredOption("--note <text>", "why they are rejected (stored and audited)")
      .option("--json", "print JSON: {decision, count, ids, periods, billedCost, note}")
      .addHelpText(
        "after",
        '\nExamples:\n  openchargeback review reject --id 14 --note "test instance, not billable"',
      ),
  ).action((opts: DecideOptions) =>
    withContext(opts, (ctx) => {
      const outcome = rejectCharges(ctx, opts.id!, opts.note!);
      if (opts.json) return printJson(reviewOutcomeJson(outcome));
      console.log(summary(outcome));
    })
  );

  withGlobalOptions(
    review.command("reopen")
      .description("reopen rejected charges of an open period: they await review again")
      .requiredOption("--id <ids...>", "charge id(s); repeatable, or comma-separated", parseIds)
      .requiredOption("--note <text>", "why the rejection is reopened (audited)")
      .option("--json", "print JSON: {decision, count, ids, periods, billedCost, note}")
      .addHelpText(
        "after",
        '\nExamples:\n  openchargeback review reopen --id 14 --note "rejected by mistake"',
      ),
  ).action((opts: DecideOptions) =>
    withContext(opts, (ctx) => {
      const outcome = reopenRejections(ctx, opts.id!, opts.note!);
      if (opts.json) return printJson(reviewOutcomeJson(outcome));
      console.log(summary(outcome));
    })
  );
}

interface AssignOptions extends GlobalOptions {
  id: number[];
  pi: string;
  piName?: string;
  project: string;
  fund: string;
  note: string;
  saveRule?: string;
}

function registerAssign(review: Command): void {
  withGlobalOptions(
    review.command("assign")
      .description("set who pays for charges (PI, project, fund/org); flags are recomputed")
      .requiredOption("--id <ids...>", "charge id(s); repeatable, or comma-separated", parseIds)
      .requiredOption("--pi <email>", "the PI's email")
      .option("--pi-name <name>", "the PI's display name")
      .requiredOption("--project <id>", "the project id")
      .requiredOption("--fund <fund_org>", "the fund/org")
      .requiredOption("--note <text>", "why (stored in the audit log)")
      .option("--save-rule <name>", "also save what the charges share as an attribution rule")
      .option("--json", "print JSON: {ids, count, periods, cleared, stillFlagged, rule}")
      .addHelpText(
        "after",
        '\nExamples:\n  openchargeback review assign --id 12 --id 13 --pi dana.li@univ.example --project data-platform --fund CS-10001 --note "per PI email"\n  openchargeback review assign --id 12 --pi dana.li@univ.example --project p --fund CS-10001 --note "team-data" --save-rule data-team',
      ),
  ).action((opts: AssignOptions) =>
    withContext(opts, (ctx) => {
      const out = assignCharges(ctx, {
        ids: opts.id,
        piEmail: opts.pi,
        piName: opts.piName,
        projectId: opts.project,
        fundOrg: opts.fund,
        note: opts.note,
        saveRule: opts.saveRule,
      });
      if (opts.json) return printJson(out);
      console.log(
        `assigned ${plural(out.count, "charge")} (${out.ids.join(", ")}) in ${
          out.periods.join(", ")
        }: ${out.cleared} no longer flagged, ${out.stillFlagged.length} still flagged.`,
      );
      for (const s of out.stillFlagged) console.log(`  ${s.id}: ${s.flags.join(", ")}`);
      if (out.rule) {
        console.log(
          `saved rule '${out.rule.name}': ${
            Object.entries(out.rule.match).map(([k, v]) => `${k}=${v}`).join(" ")
          }`,
        );
      }
    })
  );
}

function summary(o: ReviewOutcome): string {
  return `${o.decision} ${countOf(o.count, "charge")} (${o.ids.join(", ")}) in ` +
    `${o.periods.join(", ")}, carrying ${moneyTotalsText(o.money)} billed.`;
}
