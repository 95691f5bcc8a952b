/**
 * End-to-end test harness: run the real CLI as a subprocess in a temporary
 * folder against a real SQLite file.
 */

import { fileURLToPath as fromFileUrl } from "node:url";

/** Absolute path of main.ts. */
export const MAIN = fromFileUrl(new URL("../main.ts", import.meta.url));
/** Absolute path of the repository root. */
export const REPO_ROOT = fromFileUrl(new URL("../", import.meta.url));
/**
 * The project's own test month in the OpenChargeback 0.4 layout (tests/fixtures/month/,
 * figures in tests/fixtures/README.md). The third-party 0.4 files are read only by
 * tests/conformance/.
 */
export const MONTH = `${REPO_ROOT}tests/fixtures/month/`;
/** The project's own FOCUS quirk files (tests/fixtures/quirks/). */
export const QUIRKS = `${REPO_ROOT}tests/fixtures/quirks/`;

/** The outcome of one CLI run. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON. */
  json<T = unknown>(): T;
}

/** Options for runCli. */
export interface CliOptions {
  cwd: string;
  env?: Record<string, string>;
  stdin?: string;
  /** Kill the run and throw ("hang") when it takes longer than this. */
  limitMs?: number;
}

/** Run `openchargeback ...args` with `deno run -A main.ts` in `cwd`. */
export async function runCli(args: string[], opts: CliOptions): Promise<CliResult> {
  const abort = new AbortController();
  const timer = opts.limitMs ? setTimeout(() => abort.abort(), opts.limitMs) : undefined;
  try {
    return await runCliOnce(args, opts, abort.signal);
  } catch (e) {
    if (abort.signal.aborted) {
      throw new Error(`hang: ${args.join(" ")} ran over ${opts.limitMs} ms`);
    }
    throw e;
  } finally {
    clearTimeout(timer);
  }
}

async function runCliOnce(
  args: string[],
  opts: CliOptions,
  signal: AbortSignal,
): Promise<CliResult> {
  const cmd = new Deno.Command(Deno.execPath(), {
    signal,
    args: ["run", "-A", "--quiet", MAIN, ...args],
    cwd: opts.cwd,
    env: { NO_COLOR: "1", OPENCHARGEBACK_NOW: "2025-02-03T10:00:00Z", ...opts.env },
    stdin: opts.stdin !== undefined ? "piped" : "null",
    stdout: "piped",
    stderr: "piped",
  });
  const child = cmd.spawn();
  if (opts.stdin !== undefined) {
    const w = child.stdin.getWriter();
    await w.write(new TextEncoder().encode(opts.stdin));
    await w.close();
  }
  const out = await child.output();
  if (signal.aborted) throw new Error("aborted");
  const stdout = new TextDecoder().decode(out.stdout);
  const stderr = new TextDecoder().decode(out.stderr);
  return {
    code: out.code,
    stdout,
    stderr,
    json<T>() {
      try {
        return JSON.parse(stdout) as T;
      } catch {
        throw new Error(`stdout is not JSON (exit ${out.code}):\n${stdout}\nstderr:\n${stderr}`);
      }
    },
  };
}

/** A fresh temporary workspace folder, removed by the returned cleanup. */
export async function tempWorkspace(
  prefix = "oc-test-",
): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await Deno.makeTempDir({ prefix });
  return { dir, cleanup: () => Deno.remove(dir, { recursive: true }) };
}

/** The own 0.4-layout config with its database and outputs inside `dir`, written to dir/config.yaml. */
export async function write04Config(dir: string, extra = ""): Promise<string> {
  const base = await Deno.readTextFile(`${MONTH}config.yaml`);
  const text = base.replaceAll("./instance/", `${dir}/instance/`) + "\n" + extra;
  const path = `${dir}/config.yaml`;
  await Deno.writeTextFile(path, text);
  return path;
}
