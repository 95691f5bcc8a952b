/** Run the real CLI with a time limit: a run that does not end in time is a hang (the test fails). */

import { type CliResult, runCli } from "../cli_harness.ts";

/** Run `openchargeback ...args` in `cwd`; kills it and throws after `limitMs`. */
export function runCliTimed(
  args: string[],
  cwd: string,
  limitMs = 60_000,
  env: Record<string, string> = {},
): Promise<CliResult> {
  return runCli(args, { cwd, env, limitMs });
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
