/** `openchargeback audit list`: read the append-only audit log with filters. */

import type { Command } from "commander";
import {
  type AuditEntryJson,
  type AuditQuery,
  listAuditEntries,
  terminalSafe,
} from "../audit/mod.ts";
import {
  type GlobalOptions,
  positiveInt,
  printJson,
  withContext,
  withGlobalOptions,
} from "./command_kit.ts";
import { formatTextTable } from "./text_table.ts";

/** The filters of `audit list` are the service's (the web's paging offset aside). */
interface AuditListOptions extends GlobalOptions, Omit<AuditQuery, "offset"> {}

const EXAMPLES = `
The audit log is append-only: the database refuses to change or delete its
entries, and no command or page offers a way to.

Examples:
  openchargeback audit list
  openchargeback audit list --action review --period 2025-01
  openchargeback audit list --actor cli:alice --from 2025-02-01 --to 2025-02-28 --json
  openchargeback audit list --action db.backup --limit 5`;

/** Register the audit command. */
export function register(program: Command): void {
  const audit = program.command("audit").description("read the audit log")
    .addHelpText("after", EXAMPLES);
  withGlobalOptions(
    audit.command("list").description("list audit entries, newest first")
      .option(
        "--actor <who>",
        "only this actor, e.g. cli:alice or web:admin (web actors are user names)",
      )
      .option("--action <name>", "only this action or dotted prefix (review, period.close)")
      .option("-p, --period <YYYY-MM>", "only entries about this period")
      .option("--from <date>", "from this date or ISO datetime (inclusive)")
      .option("--to <date>", "up to this date (inclusive) or ISO datetime (exclusive)")
      .option("--limit <n>", "most entries shown (default 100)", positiveInt)
      .option(
        "--json",
        "print JSON: [{id, at, actor, action, entity, entityId, period, details}]",
      )
      .addHelpText("after", EXAMPLES),
  ).action((opts: AuditListOptions) =>
    withContext(opts, (ctx) => {
      const entries = listAuditEntries(ctx, opts);
      if (opts.json) return printJson(entries);
      if (entries.length === 0) return console.log("no audit entries match.");
      console.log(humanTable(entries));
    })
  );
}

function humanTable(entries: AuditEntryJson[]): string {
  return formatTextTable(
    [
      { header: "ID", right: true },
      { header: "AT" },
      { header: "ACTOR", max: 32 },
      { header: "ACTION", max: 24 },
      { header: "ENTITY", max: 32 },
      { header: "PERIOD" },
      { header: "DETAILS", max: 80 },
    ],
    entries.map((e) => [
      String(e.id),
      e.at,
      terminalSafe(e.actor),
      terminalSafe(e.action),
      terminalSafe([e.entity, e.entityId].filter((x) => x !== null).join(" ")),
      e.period ?? "",
      e.details === null ? "" : terminalSafe(JSON.stringify(e.details)),
    ]),
  );
}
