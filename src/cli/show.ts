/** `openchargeback show PI -p P`: one PI's billable charges of a period, per project. */

import type { Command } from "commander";
import { moneyTotalsText, piSummaryJson, showPi } from "../charges/mod.ts";
import { formatAmount } from "../domain/money_format.ts";
import { type GlobalOptions, printJson, withContext, withGlobalOptions } from "./command_kit.ts";
import { formatTextTable } from "./text_table.ts";
import { countOf, plural } from "../domain/plural.ts";

const EXAMPLES = `
Totals count billable charges only (never flagged, or approved). Charges awaiting
review are counted under FLAGGED and left out of the totals; rejected ones are left out.
Amounts in different currencies are never added: each project line has one currency.

Examples:
  openchargeback show pi@example.edu -p 2025-01
  openchargeback show PI@Example.edu -p 2025-01 --json`;

export function register(program: Command): void {
  withGlobalOptions(
    program.command("show").description("show one PI's charges for a period, per project")
      .argument("<pi_email>", "the PI's email (any case)")
      .requiredOption("-p, --period <period>", "the period, YYYY-MM")
      .option("--json", "print JSON: {pi, period, billedCost, listCost, projects: [...]}")
      .addHelpText("after", EXAMPLES),
  ).action((pi: string, opts: GlobalOptions & { period: string }) =>
    withContext(opts, (ctx) => {
      const s = showPi(ctx, pi, opts.period);
      if (opts.json) return printJson(piSummaryJson(s));
      console.log(`PI ${s.pi}, period ${s.period} (${s.periodStatus})\n`);
      if (s.projects.length > 0) {
        console.log(formatTextTable(
          [
            { header: "PROJECT" },
            { header: "FUND/ORG" },
            { header: "CURRENCY" },
            { header: "CHARGES", right: true },
            { header: "FLAGGED", right: true },
            { header: "LIST", right: true },
            { header: "BILLED", right: true },
          ],
          s.projects.map((x) => [
            x.project ?? "(no project)",
            x.fundOrg ?? "-",
            x.currency,
            String(x.charges),
            String(x.flagged),
            formatAmount(x.listCost, x.currency),
            formatAmount(x.billedCost, x.currency),
          ]),
        ));
        console.log("");
      }
      console.log(
        `Total billed: ${moneyTotalsText(s.money)} (list ${moneyTotalsText(s.money, "listCost")})` +
          ` over ${countOf(s.charges, "charge")}.`,
      );
      if (s.flagged > 0) {
        console.log(
          `${countOf(s.flagged, "charge")} ${plural(s.flagged, "awaits")} review and ${
            plural(s.flagged, "is")
          } not included: ` +
            `openchargeback review list -p ${s.period} --pi ${s.pi}`,
        );
      }
    })
  );
}
