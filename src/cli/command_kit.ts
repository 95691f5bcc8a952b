/**
 * Shared pieces of the thin CLI commands: config and context from the global
 * options, JSON printing, and turning errors into one line + exit code.
 */

import type { Command } from "commander";
import { loadConfig, type LoadedConfig } from "../config/mod.ts";
import {
  type AppContext,
  explainError,
  openArchiveContext,
  openContext,
  osUser,
} from "../app_context.ts";
import { UserError } from "../domain/errors.ts";
import { summariseProblems } from "../domain/problem_list.ts";

/** Options every command accepts. */
export interface GlobalOptions {
  config?: string;
  verbose?: boolean;
  json?: boolean;
  /** Read this archive file (db archive) instead of the live database. */
  archive?: string;
}

/** Add -c/--config and --verbose to a command. */
export function withGlobalOptions(cmd: Command): Command {
  return cmd
    .option(
      "-c, --config <path>",
      "config file (default: ./config.yaml if present, else built-in defaults)",
    )
    .option("--verbose", "print more detail on errors")
    .option(
      "--archive <file>",
      "read the archive file written by `db archive` instead of the live database (read-only)",
    );
}

/**
 * Load the config named by the options. A config with any problem (an
 * unknown key included) is refused with all of them; its warnings (0.4 keys
 * without effect) are printed by `config check` only, not by every command.
 */
export function loadCliConfig(opts: GlobalOptions): LoadedConfig {
  return loadConfig(opts.config);
}

/** Load config and open the database; the caller closes `ctx.db`. */
export function cliContext(opts: GlobalOptions): AppContext {
  const { config, path } = loadCliConfig(opts);
  if (opts.archive) return openArchiveContext(config, path, `cli:${osUser()}`, opts.archive);
  return openContext(config, path, `cli:${osUser()}`);
}

/** Run `fn` with a context, closing the database afterwards. */
export async function withContext<T>(
  opts: GlobalOptions,
  fn: (ctx: AppContext) => T | Promise<T>,
): Promise<T> {
  const ctx = cliContext(opts);
  try {
    return await fn(ctx);
  } finally {
    ctx.db.close();
  }
}

/** Print one JSON document on stdout. */
export function printJson(value: unknown): void {
  console.log(JSON.stringify(value, null, 2));
}

/**
 * Exit code for a thrown value, after printing it the way a user should see it. A long
 * list of problems is summarised by kind on a terminal; with `json` every line is kept.
 */
export function reportError(error: unknown, verbose: boolean, json = false): number {
  const e = explainError(error);
  if (e instanceof UserError) {
    const first = e.oneLine();
    console.error(`error: ${first}`);
    const lines = e.problems && !json ? summariseProblems(e.problems) : e.details;
    // a detail the first line already says is not printed again (a file's only error: once)
    for (const d of lines) if (!first.includes(d)) console.error(`  ${d}`);
    if (verbose && e.stack) console.error(e.stack);
    return 1;
  }
  console.error(`internal error (a bug, please report it): ${(e as Error)?.message ?? e}`);
  console.error((e as Error)?.stack ?? "");
  return 70;
}

/** Collect a repeatable option into an array. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Parse a positive integer option value. */
export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0) {
    throw new UserError(`'${value}' is not a positive whole number.`);
  }
  return n;
}
