/**
 * Issue 19, small items: config problems come all at once, each with file,
 * line, column and key; an unknown key (`databse`) is refused with "did you
 * mean database?" instead of running against the default database; the 0.4
 * config still loads.
 */

import { deepEqual, equal, match } from "node:assert/strict";
import { runCli, tempWorkspace, write04Config } from "./cli_harness.ts";

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch {
    return false;
  }
}

Deno.test("cli: a mistyped key is refused (exit 1) and no default database is created", async () => {
  const { dir, cleanup } = await tempWorkspace();
  try {
    await Deno.writeTextFile(`${dir}/c.yaml`, "currency: USD\ndatabse:\n  path: ./mine.db\n");
    for (const args of [["periods", "list"], ["config", "check"]]) {
      const r = await runCli([...args, "-c", "c.yaml"], { cwd: dir });
      equal(r.code, 1, args.join(" "));
      equal(r.stdout, "");
      equal(
        r.stderr.trim(),
        "error: c.yaml:2:1: key databse: unknown key 'databse' (did you mean database?). " +
          "Rename it to database (or remove it).",
      );
    }
    equal(await exists(`${dir}/instance/billing.db`), false);
    equal(await exists(`${dir}/mine.db`), false);
  } finally {
    await cleanup();
  }
});

Deno.test("cli: three mistakes in a config are reported together, each at its place", async () => {
  const { dir, cleanup } = await tempWorkspace();
  try {
    await Deno.writeTextFile(
      `${dir}/c.yaml`,
      [
        "smtp:",
        "  prot: 25", //                                 2:3 unknown key
        "web:",
        "  port: eighty", //                             4:9 not a number
        "journal:",
        "  fund_org_regex: '^(?P<orgn>[^-]+'", //       6:19 bad regex
      ].join("\n") + "\n",
    );
    const r = await runCli(["config", "check", "-c", "c.yaml"], { cwd: dir });
    equal(r.code, 1);
    const lines = r.stderr.trimEnd().split("\n");
    equal(
      lines[0],
      "error: c.yaml: the config has 3 problems; nothing was done. Fix each one as its line " +
        "below says (docs/configuration.md describes every key).",
    );
    deepEqual(lines.slice(1).map((l) => l.split(": ").slice(0, 2).join(": ")), [
      "  c.yaml:2:3: key smtp.prot",
      "  c.yaml:4:9: key web.port",
      "  c.yaml:6:19: key journal.fund_org_regex",
    ]);
    match(lines[1], /unknown key 'prot' \(did you mean port\?\)\. Rename it to port/);
    match(lines[2], /\(value: "eighty"\)\. Write a number for this key\.$/);
    match(lines[3], /invalid regular expression '\^\(\?P<orgn>\[\^-\]\+'.*Fix the pattern/);
  } finally {
    await cleanup();
  }
});

Deno.test("cli: the 0.4 config loads; 0.4 keys without effect are notes of config check only", async () => {
  const { dir, cleanup } = await tempWorkspace();
  try {
    const plain = await runCli(["config", "check", "-c", await write04Config(dir)], { cwd: dir });
    equal(plain.code, 0);
    equal(plain.stderr, "");
    match(plain.stdout, /config\.yaml: ok \(0 warnings\)/);

    // keys 0.4's config model had and this program ignores: logging.enabled, sources.*
    const extra = "sources:\n  aws:\n    api_url: https://ce.example\n    api_key: ${AWS_KEY}\n";
    const path = await write04Config(dir, extra);
    const text = await Deno.readTextFile(path);
    await Deno.writeTextFile(path, text.replace("logging:\n", "logging:\n  enabled: true\n"));
    const check = await runCli(["config", "check", "-c", path], { cwd: dir });
    equal(check.code, 0);
    match(check.stdout, /ok \(2 warnings\)/);
    const notes = check.stderr.trimEnd().split("\n");
    equal(notes.length, 2);
    match(
      notes[0],
      /^warning: .*config\.yaml:\d+:3: key logging\.enabled: a key of OpenChargeback 0\.4/,
    );
    match(notes[1], /^warning: .*config\.yaml:\d+:1: key sources: a key of OpenChargeback 0\.4/);

    const run = await runCli(["periods", "list", "-c", path], { cwd: dir });
    equal(run.code, 0);
    equal(run.stderr, "");
  } finally {
    await cleanup();
  }
});
