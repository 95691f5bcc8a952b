/** Helpers for the ingest end-to-end tests: run `ingest`, query the db file directly. */

import { DatabaseSync } from "node:sqlite";
import { type CliResult, runCli, tempWorkspace, write04Config } from "./cli_harness.ts";

/** The --json summary of ingest. */
export interface IngestJson {
  source: string;
  files: string[];
  focusVersion: string | null;
  periods: string[];
  rows: number;
  added: number;
  removed: number;
  unchanged: number;
  flagged: number;
  billedCost: string;
  listCost: string;
  status: string;
  dryRun: boolean;
  importId: number | null;
}

/** A workspace with a 0.4-layout config (own, or `writeConfig`); `ingest(...)` runs the CLI there. */
export async function ingestWorkspace(
  extraConfig = "",
  writeConfig: (dir: string, extra: string) => Promise<string> = write04Config,
) {
  const ws = await tempWorkspace("oc-ingest-");
  await writeConfig(ws.dir, extraConfig);
  const dbPath = `${ws.dir}/instance/billing.db`;
  return {
    ...ws,
    dbPath,
    ingest: (args: string[]): Promise<CliResult> =>
      // --new-source: the workspace registers the sources its tests name (the refusal of an
      // unknown source is tested with runCli directly: tests/sources_guard_cli_test.ts)
      runCli(["ingest", "--new-source", ...args, "-c", "config.yaml"], { cwd: ws.dir }),
    /** Run a query on the db file (a fresh connection each time). */
    query<T = Record<string, unknown>>(sql: string, ...params: (string | number)[]): T[] {
      try {
        Deno.statSync(dbPath);
      } catch {
        return [];
      }
      const db = new DatabaseSync(dbPath);
      try {
        return db.prepare(sql).all(...params) as T[];
      } finally {
        db.close();
      }
    },
    /** Run a write statement on the db file. */
    exec(sql: string, ...params: (string | number)[]): void {
      const db = new DatabaseSync(dbPath);
      try {
        db.prepare(sql).run(...params);
      } finally {
        db.close();
      }
    },
  };
}

/** Write a text file into the workspace; returns its path. */
export async function writeFile(dir: string, name: string, text: string): Promise<string> {
  const path = `${dir}/${name}`;
  await Deno.writeTextFile(path, text);
  return path;
}
