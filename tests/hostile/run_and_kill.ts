/** Running the real CLI and killing it at a chosen moment (crash-safety tests). */

import { MAIN } from "../cli_harness.ts";

/** Start the CLI and SIGKILL it after `killAfterMs`; whether it finished first, and its exit. */
export async function runAndKill(args: string[], cwd: string, killAfterMs: number) {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--quiet", MAIN, ...args],
    cwd,
    env: { NO_COLOR: "1", OPENCHARGEBACK_NOW: "2025-02-03T10:00:00Z" },
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  }).spawn();
  let killed = false;
  const timer = setTimeout(() => {
    killed = true;
    try {
      child.kill("SIGKILL");
    } catch { /* already exited */ }
  }, killAfterMs);
  const stderr = new TextDecoder().decode(await new Response(child.stderr).arrayBuffer());
  const status = await child.status;
  clearTimeout(timer);
  return { killed: killed && status.signal === "SIGKILL", code: status.code, stderr };
}
