/**
 * The progress line of `generate` and `statements send`: on a terminal (a
 * pseudo-terminal made by util-linux `script`) stderr shows "rendering
 * statements N of M" / "emailing PIs N of M"; in a pipe, or with --json, no
 * progress text appears anywhere.
 */

import { equal, match, ok } from "node:assert/strict";
import { MAIN, runCli, tempWorkspace } from "./cli_harness.ts";
import { type SeedCharge, seedCharges, writeStatementsConfig } from "./statements_seed.ts";

const CHARGES: SeedCharge[] = [
  {
    pi: "ada@example.edu",
    project: "alpha",
    fund: "F-1",
    service: "EC2",
    billed: "10",
    list: "10",
  },
  { pi: "ada@example.edu", project: "beta", fund: "F-2", service: "S3", billed: "2.5", list: "3" },
  { pi: "bob@example.edu", project: "gamma", fund: "F-3", service: "HPC", billed: "7", list: "7" },
];

const PROGRESS = /rendering statements|emailing PIs/;

async function workspace() {
  const ws = await tempWorkspace();
  const cfg = await writeStatementsConfig(ws.dir);
  seedCharges(`${ws.dir}/instance/billing.db`, "2025-01", CHARGES);
  return { ...ws, cfg };
}

const hasScript = (() => {
  try {
    return Deno.statSync("/usr/bin/script").isFile;
  } catch {
    return false;
  }
})();

/** Run the CLI with stdout and stderr on a pseudo-terminal; returns what the terminal showed. */
async function onTerminal(args: string[], cwd: string): Promise<{ code: number; screen: string }> {
  const quote = (a: string) => `'${a.replaceAll("'", `'\\''`)}'`;
  const line = [Deno.execPath(), "run", "-A", "--quiet", MAIN, ...args].map(quote).join(" ");
  const out = await new Deno.Command("/usr/bin/script", {
    args: ["-qec", line, "/dev/null"],
    cwd,
    env: { NO_COLOR: "1", OPENCHARGEBACK_NOW: "2025-02-03T10:00:00Z" },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  return { code: out.code, screen: new TextDecoder().decode(out.stdout) };
}

Deno.test("progress: piped stderr and --json carry no progress text (generate, statements send)", async () => {
  const { dir, cfg, cleanup } = await workspace();
  try {
    const piped = await runCli(["generate", "-p", "2025-01", "-c", cfg], { cwd: dir });
    equal(piped.code, 0, piped.stderr);
    equal(piped.stderr, "", "a pipe gets no progress line");
    match(piped.stdout, /3 statements: 3 new, 0 revised, 0 unchanged; amount due \$19\.50/);
    ok(!PROGRESS.test(piped.stdout));
    const json = await runCli(["statements", "send", "-p", "2025-01", "-c", cfg, "--json"], {
      cwd: dir,
    });
    equal(json.code, 0, json.stderr);
    equal(json.stderr, "");
    const r = json.json<{ emails: { written: number }; recipients: string[] }>();
    equal(r.emails.written, 2);
    equal(r.recipients.length, 2);
    ok(!PROGRESS.test(json.stdout));
  } finally {
    await cleanup();
  }
});

Deno.test({
  name: "progress: on a terminal, generate and send show their progress line; --json shows none",
  ignore: !hasScript,
  fn: async () => {
    const { dir, cfg, cleanup } = await workspace();
    try {
      const gen = await onTerminal(["generate", "-p", "2025-01", "-c", cfg, "--send"], dir);
      equal(gen.code, 0, gen.screen);
      // 3 statements drawn, then 2 PIs emailed (one email per PI)
      match(gen.screen, /rendering statements 0 of 3/);
      match(gen.screen, /rendering statements 3 of 3: 2025-01-0003/);
      match(gen.screen, /emailing PIs 1 of 2: bob@example\.edu/);
      match(gen.screen, /emailing PIs 2 of 2/);
      match(gen.screen, /3 statements: 3 new/);
      ok(gen.screen.includes("\r\x1b[K"), "the line is cleared before the result");
      const json = await onTerminal(
        ["generate", "-p", "2025-01", "-c", cfg, "--allow-pending", "--json"],
        dir,
      );
      equal(json.code, 0, json.screen);
      ok(!PROGRESS.test(json.screen), json.screen);
      match(json.screen, /"status": "unchanged"/);
      const resend = await onTerminal(
        ["statements", "send", "-p", "2025-01", "-c", cfg, "--resend"],
        dir,
      );
      equal(resend.code, 0, resend.screen);
      match(resend.screen, /emailing PIs 0 of 2: ada@example\.edu/);
      match(resend.screen, /emails: 0 sent, 2 written \(dev mode\)/);
    } finally {
      await cleanup();
    }
  },
});
