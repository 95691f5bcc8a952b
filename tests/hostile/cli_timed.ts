/** Run the real CLI with a time limit: a run that does not end in time is a hang (the test fails). */

import { type CliResult, MAIN } from "../cli_harness.ts";

/** Run `openchargeback ...args` in `cwd`; kills it and throws after `limitMs`. */
export async function runCliTimed(
  args: string[],
  cwd: string,
  limitMs = 60_000,
  env: Record<string, string> = {},
): Promise<CliResult> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), limitMs);
  try {
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "--quiet", MAIN, ...args],
      cwd,
      env: { NO_COLOR: "1", OPENCHARGEBACK_NOW: "2025-02-03T10:00:00Z", ...env },
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
      signal: abort.signal,
    }).output();
    if (abort.signal.aborted) throw new Error(`hang: ${args.join(" ")} ran over ${limitMs} ms`);
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
  } finally {
    clearTimeout(timer);
  }
}

/** Run `jobs` with at most `width` at a time; results in input order. */
export async function inPool<T, R>(
  items: T[],
  width: number,
  job: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await job(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return results;
}
