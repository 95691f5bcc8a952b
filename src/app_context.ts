/**
 * What every service call needs: the effective config, the open database,
 * who is acting (OS user for the CLI, the login for the web) and the clock.
 * The CLI and the web build one; services receive it.
 */

import { userInfo } from "node:os";
import type { Config } from "./config/mod.ts";
import { DatabaseBusyError } from "./domain/errors.ts";
import { type Database, isDatabaseBusy, openDatabase } from "./storage/mod.ts";

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
 * An error as the user should see it: SQLite's "database is locked" (another
 * writer outlasted the busy timeout) becomes a DatabaseBusyError; anything
 * else is returned as it is.
 */
export function explainError(e: unknown): unknown {
  return isDatabaseBusy(e) ? new DatabaseBusyError() : e;
}
