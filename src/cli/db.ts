/** `openchargeback db backup|restore|verify`: consistent backups of the database and restores. */

import type { Command } from "commander";
import { osUser, systemClock } from "../app_context.ts";
import {
  archivePeriods,
  type ArchiveResult,
  backupDatabase,
  resetDevData,
  restoreDatabase,
  unarchivePeriods,
  verifyDatabaseFile,
} from "../backup/mod.ts";
import {
  collect,
  type GlobalOptions,
  loadCliConfig,
  printJson,
  withContext,
  withGlobalOptions,
} from "./command_kit.ts";
import { countOf } from "../domain/plural.ts";

const EXAMPLES = `
A backup is an online, consistent copy: run it while \`serve\` and cron jobs
are running. A restore replaces the live database and needs everything else
stopped; the replaced database is kept beside it as <db>.before-restore-<time>.

Examples:
  openchargeback db backup /backup/billing-2025-02-03.db
  openchargeback db verify /backup/billing-2025-02-03.db
  openchargeback db restore /backup/billing-2025-02-03.db --json
  openchargeback db archive --before 2025-01
  openchargeback periods list --archive instance/billing-archive.db
  openchargeback db unarchive --period 2024-06`;

interface BackupCliOptions extends GlobalOptions {
  force?: boolean;
}

/** Register the db command. */
export function register(program: Command): void {
  const db = program.command("db").description("back up, verify and restore the database")
    .addHelpText("after", EXAMPLES);

  withGlobalOptions(
    db.command("backup").description("write an online, consistent copy of the database to PATH")
      .argument("<path>", "the backup file to write (must not exist unless --force)")
      .option("--force", "replace an existing file at PATH")
      .option("--json", "print JSON: {path, bytes, schemaVersion, counts, database, at}")
      .addHelpText("after", "\nExamples:\n  openchargeback db backup /backup/billing.db"),
  ).action((path: string, opts: BackupCliOptions) =>
    withContext(opts, (ctx) => {
      const r = backupDatabase(ctx, path, { force: opts.force });
      if (opts.json) return printJson(r);
      console.log(
        `backup written: ${r.path} (${r.bytes} bytes, schema version ${r.schemaVersion})`,
      );
      console.log(`  integrity: ok; ${countsText(r.counts)}`);
    })
  );

  withGlobalOptions(
    db.command("verify").description("check a backup file: integrity, schema version, contents")
      .argument("<path>", "the backup file")
      .option("--json", "print JSON: {path, bytes, schemaVersion, counts}")
      .addHelpText("after", "\nExamples:\n  openchargeback db verify /backup/billing.db"),
  ).action((path: string, opts: GlobalOptions) => {
    const r = verifyDatabaseFile(path);
    if (opts.json) return printJson(r);
    console.log(`${r.path}: ok (${r.bytes} bytes, schema version ${r.schemaVersion})`);
    console.log(`  ${countsText(r.counts)}`);
  });

  registerArchive(db);
  registerReset(db);

  withGlobalOptions(
    db.command("restore").description(
      "replace the live database with a verified backup (stop `serve` and cron jobs first)",
    )
      .argument("<path>", "the backup file")
      .option("--json", "print JSON: {from, database, schemaVersion, previousSavedAs, counts}")
      .addHelpText("after", "\nExamples:\n  openchargeback db restore /backup/billing.db"),
  ).action((path: string, opts: GlobalOptions) => {
    const { config } = loadCliConfig(opts);
    const r = restoreDatabase({
      databasePath: config.database.path,
      backupPath: path,
      actor: `cli:${osUser()}`,
      now: systemClock(),
    });
    if (opts.json) return printJson(r);
    console.log(`restored ${r.from} -> ${r.database} (schema version ${r.schemaVersion})`);
    console.log(`  ${countsText(r.counts)}`);
    if (r.previousSavedAs) console.log(`  the replaced database was kept as ${r.previousSavedAs}`);
  });
}

interface ArchiveCliOptions extends GlobalOptions {
  before?: string;
  to?: string;
  from?: string;
  period?: string[];
}

function printArchive(verb: string, r: ArchiveResult): void {
  if (r.periods.length === 0) {
    console.log(`nothing to ${verb}: no finalized period before the date given.`);
  } else {
    const charges = r.rows.charges ?? 0;
    console.log(
      `${verb === "archive" ? "archived" : "unarchived"} ${r.periods.join(", ")}: ` +
        `${charges} charge${charges === 1 ? "" : "s"} (${r.archive}, ${r.bytes} bytes)`,
    );
  }
  console.log(`  the archive holds: ${r.archivedPeriods.join(", ") || "no period"}`);
}

/** Register `db archive` and `db unarchive`. */
function registerArchive(db: Command): void {
  withGlobalOptions(
    db.command("archive").description(
      "move finalized periods before a month into the read-only archive file",
    )
      .requiredOption("--before <YYYY-MM>", "archive finalized periods before this month")
      .option("--to <path>", "the archive file (default: database.archive_path)")
      .option(
        "--json",
        "print JSON: {archive, database, periods, rows, archivedPeriods, bytes, at}",
      )
      .addHelpText(
        "after",
        `
The archive is written under a temporary name, verified and renamed into place
(like db backup); only then are the periods removed from the live database.
Read it with --archive FILE on any read command (periods list, show, charges...).

Examples:
  openchargeback db archive --before 2025-01
  openchargeback db archive --before 2025-01 --to /archive/billing-2024.db --json`,
      ),
  ).action((opts: ArchiveCliOptions) =>
    withContext(opts, (ctx) => {
      const r = archivePeriods(ctx, { before: opts.before!, to: opts.to });
      if (opts.json) return printJson(r);
      printArchive("archive", r);
    })
  );

  withGlobalOptions(
    db.command("unarchive").description("bring archived periods back into the live database")
      .requiredOption("--period <YYYY-MM>", "a period to bring back (repeatable)", collect)
      .option("--from <path>", "the archive file (default: database.archive_path)")
      .option(
        "--json",
        "print JSON: {archive, database, periods, rows, archivedPeriods, bytes, at}",
      )
      .addHelpText(
        "after",
        "\nExamples:\n  openchargeback db unarchive --period 2024-06\n" +
          "  openchargeback db unarchive --period 2024-06 --period 2024-07 --from /archive/b.db",
      ),
  ).action((opts: ArchiveCliOptions) =>
    withContext(opts, (ctx) => {
      const r = unarchivePeriods(ctx, { periods: opts.period ?? [], from: opts.from });
      if (opts.json) return printJson(r);
      printArchive("unarchive", r);
    })
  );
}

/** Register `db reset` (dev mode only). */
function registerReset(db: Command): void {
  withGlobalOptions(
    db.command("reset").description(
      "empty the database of its data to start a demo over (dev_mode: true only; needs --yes)",
    )
      .option("--yes", "really empty it (charges, imports, periods, statements, settings, rules)")
      .option("--json", "print JSON: {removed, kept, at}")
      .addHelpText(
        "after",
        `
Refused unless the config says dev_mode: true (a demo or test install). Web
users, sessions and the audit log are kept; the reset is audited (db.reset).
Files already written (PDFs, .eml) stay where they are.

Examples:
  openchargeback db reset --yes
  openchargeback db reset --yes --json`,
      ),
  ).action((opts: GlobalOptions & { yes?: boolean }) =>
    withContext(opts, (ctx) => {
      const r = resetDevData(ctx, { confirmed: !!opts.yes });
      if (opts.json) return printJson(r);
      const n = (t: string) => r.removed[t] ?? 0;
      console.log(
        `database reset: removed ${countOf(n("charges"), "charge")}, ${
          countOf(n("imports"), "import")
        }, ${countOf(n("periods"), "period")}, ${countOf(n("statements"), "statement")}; ` +
          `kept ${r.kept.join(", ")}`,
      );
    })
  );
}

function countsText(
  c: { charges: number; imports: number; statements: number; auditEntries: number },
) {
  return `${c.charges} charges, ${c.imports} imports, ${c.statements} statements, ${c.auditEntries} audit entries`;
}
