/** The real `openchargeback serve` as a child process on a free loopback port. */

import { MAIN } from "../cli_harness.ts";

/** A running server. */
export interface ServeProcess {
  url: string;
  /** Everything the server wrote to stderr so far. */
  stderr(): string;
  /** SIGTERM, wait for exit; returns the exit code and the whole stderr. */
  stop(): Promise<{ code: number; stderr: string }>;
}

/** Start `serve --port 0 -c configPath` in `cwd` and wait until it listens. */
export async function startServe(
  cwd: string,
  configPath: string,
  env: Record<string, string> = {},
): Promise<ServeProcess> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--quiet", MAIN, "serve", "--port", "0", "-c", configPath],
    cwd,
    env: { NO_COLOR: "1", ...env },
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  }).spawn();
  let err = "";
  const reader = child.stderr.pipeThrough(new TextDecoderStream()).getReader();
  let url = "";
  while (!url) {
    const { value, done } = await reader.read();
    if (done) {
      await child.status;
      throw new Error(`serve exited early:\n${err}`);
    }
    err += value;
    url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(err)?.[1] ?? "";
  }
  const pump = (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      err += value;
    }
  })();
  return {
    url,
    stderr: () => err,
    async stop() {
      try {
        child.kill("SIGTERM");
      } catch { /* already gone */ }
      const status = await child.status;
      await pump;
      return { code: status.code, stderr: err };
    },
  };
}
