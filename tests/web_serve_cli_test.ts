/** The real CLI: `serve` (health, login page, clean SIGTERM) and `users add|passwd|disable|list`. */

import { deepEqual, equal, match } from "node:assert/strict";
import { MAIN, runCli, tempWorkspace, write04Config } from "./cli_harness.ts";

Deno.test("web serve: listens on a free port, serves /health and /login, exits 0 on SIGTERM", async () => {
  const { dir, cleanup } = await tempWorkspace();
  try {
    const config = await write04Config(dir);
    const child = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "--quiet", MAIN, "serve", "--port", "0", "-c", config],
      cwd: dir,
      env: { NO_COLOR: "1" },
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const reader = child.stderr.pipeThrough(new TextDecoderStream()).getReader();
    let err = "";
    let url = "";
    while (!url) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`serve exited early:\n${err}`);
      err += value;
      url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(err)?.[1] ?? "";
    }
    const health = await fetch(`${url}/health`);
    equal(health.status, 200);
    deepEqual(await health.json(), { status: "ok" });
    const login = await fetch(`${url}/login`);
    equal(login.status, 200);
    match(await login.text(), /Sign in to OpenChargeback/);
    match(login.headers.get("content-security-policy") ?? "", /frame-ancestors 'none'/);
    const home = await fetch(`${url}/`, { redirect: "manual" });
    equal(home.status, 303);
    equal(home.headers.get("location"), "/login?next=%2F");
    await home.body?.cancel();
    child.kill("SIGTERM");
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      err += value;
    }
    const status = await child.status;
    await child.stdout.cancel();
    equal(status.code, 0, err);
    match(err, /stopped/);
    // request log lines in splunk format, also written to logging.file
    match(err, /event=http_request method=GET path=\/health status=200 ms=\d+ user=-/);
    const file = await Deno.readTextFile(`${dir}/instance/logs/openchargeback.log`);
    match(file, /path=\/login status=200/);
  } finally {
    await cleanup();
  }
});

Deno.test("web users CLI: add with --password-stdin, list --json, passwd, disable, policy, no TTY", async () => {
  const { dir, cleanup } = await tempWorkspace();
  try {
    const c = await write04Config(dir);
    const add = await runCli(
      [
        "users",
        "add",
        "alice",
        "--email",
        "Alice@Example.edu",
        "--role",
        "reviewer",
        "--password-stdin",
        "-c",
        c,
        "--json",
      ],
      { cwd: dir, stdin: "alice password\n" },
    );
    equal(add.code, 0, add.stderr);
    deepEqual(add.json(), {
      name: "alice",
      email: "alice@example.edu",
      displayName: "",
      role: "reviewer",
      disabled: false,
      origin: "database",
      recovery: false,
    });
    const weak = await runCli(
      [
        "users",
        "add",
        "bob",
        "--email",
        "bob@example.edu",
        "--role",
        "viewer",
        "--password-stdin",
        "-c",
        c,
      ],
      { cwd: dir, stdin: "short" },
    );
    equal(weak.code, 1);
    match(
      weak.stderr,
      /^error: key web\.password_requirements: the password does not meet the policy: it needs at least 8 characters\./,
    );
    const noTty = await runCli([
      "users",
      "add",
      "bob",
      "--email",
      "b@x.edu",
      "--role",
      "viewer",
      "-c",
      c,
    ], { cwd: dir });
    equal(noTty.code, 1);
    match(noTty.stderr, /no terminal to ask for the password/);
    const badRole = await runCli(
      ["users", "add", "bob", "--email", "b@x.edu", "--role", "boss", "--password-stdin", "-c", c],
      { cwd: dir, stdin: "long enough" },
    );
    equal(badRole.code, 1);
    match(badRole.stderr, /'boss' is not a role/);
    equal((await runCli(["users", "disable", "alice", "-c", c], { cwd: dir })).code, 0);
    const pw = await runCli(["users", "passwd", "alice", "--password-stdin", "-c", c], {
      cwd: dir,
      stdin: "new alice password",
    });
    equal(pw.code, 0, pw.stderr);
    match(pw.stdout, /password of alice changed; 0 sessions ended/);
    const cfgUser = await runCli(["users", "disable", "admin", "-c", c], { cwd: dir });
    equal(cfgUser.code, 1);
    match(cfgUser.stderr, /defined in the config file/);
    const list = await runCli(["users", "list", "--json", "-c", c], { cwd: dir });
    equal(list.code, 0);
    deepEqual(
      list.json<{ name: string; role: string; disabled: boolean; origin: string }[]>().map((
        u,
      ) => [u.name, u.role, u.disabled, u.origin]),
      [["admin", "admin", false, "config"], ["alice", "reviewer", true, "database"]],
    );
    const audit = await runCli(["users", "list", "-c", c], { cwd: dir });
    match(audit.stdout, /alice\s+alice@example\.edu\s+reviewer\s+disabled/);
  } finally {
    await cleanup();
  }
});
