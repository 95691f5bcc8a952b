import { equal, match } from "node:assert/strict";
import { runCli, tempWorkspace } from "./cli_harness.ts";

Deno.test("cli: --help lists every command and exits 0", async () => {
  const { dir, cleanup } = await tempWorkspace();
  try {
    const r = await runCli(["--help"], { cwd: dir });
    equal(r.code, 0);
    for (const c of ["ingest", "validate", "periods", "sources", "review", "show", "config"]) {
      match(r.stdout, new RegExp(`\\n  ${c} `));
    }
  } finally {
    await cleanup();
  }
});

Deno.test("cli: usage errors exit 2, user errors exit 1 in one line", async () => {
  const { dir, cleanup } = await tempWorkspace();
  try {
    equal((await runCli(["bogus"], { cwd: dir })).code, 2);
    equal((await runCli(["config", "check", "--nope"], { cwd: dir })).code, 2);
    const missing = await runCli(["config", "check", "-c", "missing.yaml"], { cwd: dir });
    equal(missing.code, 1);
    equal(missing.stderr.trim().split("\n").length, 1);
    match(missing.stderr, /config file not found: missing\.yaml/);
  } finally {
    await cleanup();
  }
});

Deno.test("cli: config show masks secrets", async () => {
  const { dir, cleanup } = await tempWorkspace();
  try {
    await Deno.writeTextFile(`${dir}/c.yaml`, "smtp:\n  password: ${PW}\n");
    const r = await runCli(["config", "show", "--json", "-c", "c.yaml"], {
      cwd: dir,
      env: { PW: "hunter2" },
    });
    equal(r.code, 0);
    equal(r.stdout.includes("hunter2"), false);
    equal(r.json<{ smtp: { password: string } }>().smtp.password, "********");
  } finally {
    await cleanup();
  }
});
