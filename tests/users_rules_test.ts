/**
 * Issue 19, item 1: a database user may not take a config user's name or
 * email, and the last enabled admin can never be demoted or disabled, on the
 * CLI (real subprocess), the web (app.request) and the service alike.
 */

import { equal, match, throws } from "node:assert/strict";
import { RuleError } from "../src/domain/errors.ts";
import { addUser, listUsers, setUserDisabled, setUserRole } from "../src/users/mod.ts";
import { runCli } from "./cli_harness.ts";
import { seededContext, seededWorkspace } from "./seed_charges.ts";
import { send, sessionFor, webFixture } from "./web_harness.ts";
import { pageText } from "./web_pages_kit.ts";

const PW = "correct horse 1";

Deno.test("users service: the last enabled admin cannot be demoted or disabled", async () => {
  const { ctx, cleanup } = await seededContext([]);
  try {
    equal(Object.keys(ctx.config.web.users).length, 0, "no config users in the defaults");
    addUser(ctx, { name: "ann", email: "ann@uni.edu", role: "admin", password: PW }, 4);
    throws(() => setUserRole(ctx, "ann", "viewer"), (e: Error) => {
      equal(e instanceof RuleError, true);
      equal(
        e.message,
        "making 'ann' a viewer refused: 'ann' is the last enabled admin.",
      );
      return true;
    });
    throws(() => setUserDisabled(ctx, "ann", true), /disabling refused: 'ann' is the last/);
    addUser(ctx, { name: "ben", email: "ben@uni.edu", role: "admin", password: PW }, 4);
    equal(setUserRole(ctx, "ann", "reviewer").role, "reviewer", "ben is still an admin");
    throws(() => setUserDisabled(ctx, "ben", true), /'ben' is the last enabled admin/);
    throws(() => setUserRole(ctx, "ben", "pi"), /'ben' is the last enabled admin/);
    equal(setUserRole(ctx, "ann", "admin").role, "admin");
    equal(setUserDisabled(ctx, "ben", true).disabled, true, "ann is an admin again");
    // a disabled admin does not count
    throws(() => setUserRole(ctx, "ann", "viewer"), /'ann' is the last enabled admin/);
    equal(listUsers(ctx).filter((u) => u.role === "admin" && !u.disabled).length, 1);
    const audit = ctx.db.all<{ action: string }>(
      "SELECT action FROM audit_log WHERE action LIKE 'user.%' ORDER BY id",
    ).map((r) => r.action);
    equal(audit.join(","), "user.add,user.add,user.role,user.role,user.disable");
  } finally {
    await cleanup();
  }
});

Deno.test("users cli: a config user's name or email is refused with the reason", async () => {
  const ws = await seededWorkspace(false);
  try {
    const add = (args: string[]) =>
      runCli(["users", "add", ...args, "--password-stdin", "-c", "config.yaml"], {
        cwd: ws.dir,
        stdin: PW,
      });
    const name = await add(["Admin", "--email", "boss@example.edu", "--role", "viewer"]);
    equal(name.code, 1);
    equal(name.stdout, "");
    equal(name.stderr.trim().split("\n").length, 1, name.stderr);
    match(
      name.stderr,
      /^error: the name 'Admin' belongs to the config user 'admin' \(web\.users in .*config\.yaml\); a database user with it would take over that sign-in and its role \(admin\)\. Choose another user name\.\n$/,
    );
    const email = await add(["boss", "--email", "ADMIN@example.edu", "--role", "viewer"]);
    equal(email.code, 1);
    match(email.stderr, /^error: the email admin@example\.edu belongs to the config user 'admin'/);
    const ok = await add(["boss", "--email", "boss@example.edu", "--role", "admin", "--json"]);
    equal(ok.code, 0, ok.stderr);
    equal(ok.json<{ name: string }>().name, "boss");
    // the config admin (enabled) remains, so boss may be demoted
    const demote = await ws.run(["users", "role", "boss", "viewer"]);
    equal(demote.code, 0, demote.stderr);
    equal(demote.stdout, "changed user boss <boss@example.edu> (viewer)\n");
  } finally {
    await ws.cleanup();
  }
});

Deno.test("users web: adding a config user's name is refused in the page; the wording names the page", async () => {
  const f = await webFixture();
  try {
    const admin = sessionFor(f, "admin");
    const res = await send(f, "POST", "/users", {
      as: admin,
      form: { name: "admin", email: "x@example.edu", role: "viewer", password: PW },
    });
    equal(res.status, 400);
    const text = await pageText(res);
    match(text, /the name 'admin' belongs to the config user 'admin' \(web\.users in /);
    equal(listUsers(f.ctx()).find((u) => u.name === "admin")?.origin, "config");
    // an existing database name: the web hint names the buttons, not `users passwd`
    const dup = await send(f, "POST", "/users", {
      as: admin,
      form: { name: "rita", email: "r2@example.edu", role: "viewer", password: PW },
    });
    equal(dup.status, 400);
    const dupText = await pageText(dup);
    match(
      dupText,
      /user 'rita' already exists\. Choose another name, or change that user in its row of the table above \(Set role, Reset password\)\./,
    );
    equal(dupText.includes("users passwd"), false);
  } finally {
    await f.close();
  }
});
