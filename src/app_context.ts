/**
 * What every service call needs: the effective config, the open database,
 * who is acting (OS user for the CLI, the login for the web) and the clock.
 * The CLI and the web build one; services receive it.
 */

import { userInfo } from "node:os";
import type { Config } from "./config/mod.ts";
import { DatabaseBusyError, UserError } from "./domain/errors.ts";
import {
  type Database,
  isDatabaseBusy,
  isReadOnlyRefusal,
  makeQueryOnly,
  openDatabase,
} from "./storage/mod.ts";

/** The context passed to services. */
export interface AppContext {
  config: Config;
  /** The config file read, or null for built-in defaults. */
  configPath: string | null;
  db: Database;
  /** Who acts: "cli:<os user>" or "web:<login>". */
  actor: string;
  /** The clock; pinned by OPENCHARGEBACK_NOW (ISO 8601) for golden files. */
  now: () => Date;
}

/** The clock: OPENCHARGEBACK_NOW when set (tests, golden files), else real time. */
export function systemClock(): () => Date {
  const pinned = Deno.env.get("OPENCHARGEBACK_NOW");
  if (pinned) {
    const t = new Date(pinned);
    if (!Number.isNaN(t.getTime())) return () => new Date(t.getTime());
  }
  return () => new Date();
}

/** The OS user running the CLI. */
export function osUser(): string {
  const fromEnv = Deno.env.get("USER") ?? Deno.env.get("USERNAME") ?? Deno.env.get("LOGNAME");
  if (fromEnv) return fromEnv;
  try {
    return userInfo().username || "unknown";
  } catch {
    return "unknown"; // no passwd entry for this uid (containers)
  }
}

/** Open the database named by the config and build a context. */
export function openContext(
  config: Config,
  configPath: string | null,
  actor: string,
): AppContext {
  const db = openDatabase(config.database.path, { busyTimeoutMs: config.database.busy_timeout_ms });
  return { config, configPath, db, actor, now: systemClock() };
}

/**
 * A context over an archive file written by `db archive`: the same schema, opened so that
 * SQLite refuses every write (PRAGMA query_only). A command that would change it fails
 * with one line (explainError).
 */
export function openArchiveContext(
  config: Config,
  configPath: string | null,
  actor: string,
  archivePath: string,
): AppContext {
  try {
    if (!Deno.statSync(archivePath).isFile) throw new Error("not a file");
  } catch {
    throw new UserError(`no archive file at ${archivePath}.`, {
      hint: "Name the file that `openchargeback db archive` wrote (database.archive_path).",
    });
  }
  const db = openDatabase(archivePath, {
    busyTimeoutMs: config.database.busy_timeout_ms,
    create: false,
  });
  makeQueryOnly(db);
  return { config, configPath, db, actor, now: systemClock() };
}

/**
 * An error as the user should see it: SQLite's "database is locked" (another
 * writer outlasted the busy timeout) becomes a DatabaseBusyError; anything
 * else is returned as it is.
 */
export function explainError(e: unknown): unknown {
  if (isReadOnlyRefusal(e)) {
    return new UserError("the archive is read-only: this command would change it.", {
      hint: "Run it without --archive, on the live database (or db unarchive the period first).",
    });
  }
  return isDatabaseBusy(e) ? new DatabaseBusyError() : e;
}
