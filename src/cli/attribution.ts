/** `openchargeback attribution list|test|apply`: who pays, by rule. */

import type { Command } from "commander";
import {
  applyAttribution,
  type AttributionApplyOutcome,
  listAttributionRules,
} from "../attribution/mod.ts";
import { formatMicros } from "../domain/money.ts";
import { formatAmount } from "../domain/money_format.ts";
import { filesFromPaths, testRulesOnFiles } from "../ingest/mod.ts";
import { type GlobalOptions, printJson, withContext, withGlobalOptions } from "./command_kit.ts";
import { formatTextTable } from "./text_table.ts";

const EXAMPLES = `
Rules map columns (SubAccountId, x_ResourceGroupName...) and tags (tag:Owner) to the PI,
project and fund/org. They come from the config (attribution.rules, read-only) and the
database (web Settings, or review assign --save-rule), in that order, and apply at ingest.

Examples:
  openchargeback attribution list
  openchargeback attribution test aws_2026-05.csv -s aws
  openchargeback attribution apply -p 2026-05 --dry-run
  openchargeback attribution apply -p 2026-05`;

interface ApplyOptions extends GlobalOptions {
  period: string;
  dryRun?: boolean;
}

interface TestOptions extends GlobalOptions {
  source?: string;
}

/** Register the attribution command. */
export function register(program: Command): void {
  const cmd = program.command("attribution")
    .description("list, test and re-apply attribution rules")
    .addHelpText("after", EXAMPLES);

  withGlobalOptions(
    cmd.command("list").description("list the attribution rules in evaluation order")
      .addHelpText(
        "after",
        "\nExamples:\n  openchargeback attribution list\n  openchargeback attribution list --json",
      )
      .option("--json", "print JSON: [{name, origin, source, match, set}]"),
  ).action((opts: GlobalOptions) =>
    withContext(opts, (ctx) => {
      const rules = listAttributionRules(ctx);
      if (opts.json) return printJson(rules);
      console.log(
        `precedence: ${ctx.config.attribution.precedence} (${
          ctx.config.attribution.precedence === "tags"
            ? "tags first, rules fill what is missing"
            : "rules override tags"
        })`,
      );
      if (rules.length === 0) return console.log("no attribution rules.");
      console.log(formatTextTable(
        [{ header: "#" }, { header: "name" }, { header: "from" }, { header: "source" }, {
          header: "match",
        }, { header: "set" }],
        rules.map((r, i) => [
          String(i + 1),
          r.name,
          r.origin,
          r.source ?? "any",
          Object.entries(r.match).map(([k, v]) => `${k}=${v}`).join(" "),
          Object.entries(r.set).map(([k, v]) => `${k}=${v}`).join(" "),
        ]),
      ));
    })
  );

  withGlobalOptions(
    cmd.command("test").description("show which rules match which rows of FOCUS files")
      .addHelpText("after", "\nExamples:\n  openchargeback attribution test aws_2026-05.csv -s aws")
      .argument("<files...>", "FOCUS CSV files (nothing is stored)")
      .option("-s, --source <name>", "apply only the rules of this source (default: every rule)")
      .option("--json", "print JSON: {rows, unmatched, rules: [{name, matched, applied}], flags}"),
  ).action((paths: string[], opts: TestOptions) =>
    withContext(opts, async (ctx) => {
      const t = await testRulesOnFiles(ctx, filesFromPaths(paths), opts.source);
      if (opts.json) return printJson(t);
      console.log(`${t.rows} rows read; ${t.unmatched} matched no rule.`);
      if (t.rules.length > 0) {
        console.log(formatTextTable(
          [{ header: "rule" }, { header: "matched" }, { header: "applied" }, {
            header: "first rows",
          }],
          t.rules.map((r) => [r.name, String(r.matched), String(r.applied), r.firstRows.join(" ")]),
        ));
      }
      const flags = Object.entries(t.flags).sort();
      console.log(
        flags.length === 0
          ? "no row would be flagged."
          : `would be flagged: ${flags.map(([k, n]) => `${k} ${n}`).join(", ")}`,
      );
    })
  );

  withGlobalOptions(
    cmd.command("apply").description("re-apply the rules to the charges of an open period")
      .addHelpText(
        "after",
        "\nExamples:\n  openchargeback attribution apply -p 2026-05 --dry-run\n  openchargeback attribution apply -p 2026-05",
      )
      .requiredOption("-p, --period <YYYY-MM>", "the period (must be open)")
      .option("--dry-run", "change nothing; show the before and after per PI, project and fund")
      .option("--json", "print JSON: {period, changed, groups: [...], totals}"),
  ).action((opts: ApplyOptions) =>
    withContext(opts, (ctx) => {
      const out = applyAttribution(ctx, opts.period, { dryRun: opts.dryRun });
      if (opts.json) return printJson(applyJson(out));
      console.log(humanApply(out));
    })
  );
}

function applyJson(o: AttributionApplyOutcome) {
  return {
    ...o,
    groups: o.groups.map((g) => ({
      ...g,
      billedBefore: formatMicros(g.billedBefore, 6),
      billedAfter: formatMicros(g.billedAfter, 6),
    })),
    totals: o.totals.map((t) => ({ currency: t.currency, billed: formatMicros(t.billed, 6) })),
  };
}

function humanApply(o: AttributionApplyOutcome): string {
  const lines = [
    `${o.period}: ${
      o.dryRun ? "dry run, nothing changed" : "rules re-applied"
    }: ${o.changed} of ${o.charges} charges ${
      o.dryRun ? "would change" : "changed"
    } (${o.unflagged} no longer flagged, ${o.flagged} newly flagged)`,
  ];
  const moved = o.groups.filter((g) =>
    g.chargesBefore !== g.chargesAfter || g.billedBefore !== g.billedAfter
  );
  if (moved.length > 0) {
    lines.push(formatTextTable(
      [
        { header: "PI" },
        { header: "project" },
        { header: "fund/org" },
        { header: "cur" },
        { header: "charges before" },
        { header: "after" },
        { header: "billed before" },
        { header: "after" },
      ],
      moved.map((g) => [
        g.piEmail ?? "(none)",
        g.projectId ?? "(none)",
        g.fundOrg ?? "(none)",
        g.currency,
        String(g.chargesBefore),
        String(g.chargesAfter),
        formatAmount(g.billedBefore, g.currency),
        formatAmount(g.billedAfter, g.currency),
      ]),
    ));
  }
  for (const t of o.totals) {
    lines.push(`total ${t.currency}: ${formatAmount(t.billed, t.currency)} before and after`);
  }
  return lines.join("\n");
}
