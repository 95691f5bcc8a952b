/**
 * Benchmark workspaces: a folder with a config (the project's own 0.4-layout
 * test config, tests/fixtures/month/config.yaml, its paths moved inside the
 * folder, plus a `bench` source with a credit fund/org and account so
 * `export-journal -f gl` balances) and the database in it.
 */

import { fileURLToPath } from "node:url";
import { parse, stringify } from "yaml";

const BASE_CONFIG = fileURLToPath(
  new URL("../tests/fixtures/month/config.yaml", import.meta.url),
);

/** A workspace: its folder, config file and database path. */
export interface BenchWorkspace {
  dir: string;
  config: string;
  db: string;
}

/** Write the bench config into `dir` (created) and return the workspace. */
export async function benchWorkspace(dir: string): Promise<BenchWorkspace> {
  await Deno.mkdir(dir, { recursive: true });
  const base = await Deno.readTextFile(BASE_CONFIG);
  const doc = parse(base.replaceAll("./instance/", `${dir}/instance/`)) as Record<string, unknown>;
  const imports = (doc.imports ?? {}) as { known_sources?: Record<string, string>[] };
  imports.known_sources = [
    ...(imports.known_sources ?? []),
    { name: "bench", pattern: "bench", fund_org: "D99-CREDIT", account_code: "61000" },
  ];
  doc.imports = imports;
  doc.dev_mode = true;
  const config = `${dir}/config.yaml`;
  await Deno.writeTextFile(config, stringify(doc));
  return { dir, config, db: `${dir}/instance/billing.db` };
}

/** Remove a folder if it exists. */
export async function removeDir(dir: string): Promise<void> {
  await Deno.remove(dir, { recursive: true }).catch(() => {});
}

/** Copy a database file (closed, checkpointed) to a new workspace's database path. */
export async function copyDatabase(from: string, to: BenchWorkspace): Promise<void> {
  await Deno.mkdir(`${to.dir}/instance`, { recursive: true });
  await Deno.copyFile(from, to.db);
}
