/** `openchargeback db backup|restore|verify`: consistent backups of the database and restores. */

import type { Command } from "commander";
import { osUser, systemClock } from "../app_context.ts";
import { backupDatabase, restoreDatabase, verifyDatabaseFile } from "../backup/mod.ts";
import {
  type GlobalOptions,
  loadCliConfig,
  printJson,
  withContext,
  withGlobalOptions,
} from "./command_kit.ts";

const EXAMPLES = `
A backup is an online, consistent copy: run it while \`serve\` and cron jobs
are running. A restore replaces the live database and needs everything else
stopped; the replaced database is kept beside it as <db>.before-restore-<time>.

Examples:
  openchargeback db backup /backup/billing-2025-02-03.db
  openchargeback db verify /backup/billing-2025-02-03.db
  openchargeback db restore /backup/billing-2025-02-03.db --json`;

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

function countsText(
  c: { charges: number; imports: number; statements: number; auditEntries: number },
) {
  return `${c.charges} charges, ${c.imports} imports, ${c.statements} statements, ${c.auditEntries} audit entries`;
}
