/**
 * Issue 19, sign-in time: new password hashes use bcrypt cost 10
 * (BCRYPT_COST; docs/operations.md "Security: sign-in and password hashes"
 * has the measured figures), and hashes of cost 12 (OpenChargeback 0.4's,
 * and ours before) keep signing in, on the web and from the config alike.
 * No timing is asserted: bench/sign_in_cost.ts measures it.
 */

import { equal, ok } from "node:assert/strict";
import { addUser, BCRYPT_COST } from "../src/users/mod.ts";
import { ADMIN_PASSWORD, signIn, webFixture } from "./web_harness.ts";
import { runCli, tempWorkspace } from "./cli_harness.ts";
import { openDatabase } from "../src/storage/mod.ts";

/** The 0.4 config example's admin: bcrypt cost 12 of "admin123" (OpenChargeback 0.4 wrote it). */
const HASH_04_COST_12 = "$2b$12$Fxu99zxFh4plt3a2FDyEnuFyg2Co/osXmQGGYw.HFl0/Id6V.Uvey";

Deno.test("sign-in: cost-12 hashes (a 0.4 config user, a database user) sign in; a wrong password does not", async () => {
  const f = await webFixture({
    users: false,
    tweak: (c) => {
      c.web.users.admin.password_hash = HASH_04_COST_12;
    },
  });
  try {
    equal(ADMIN_PASSWORD, "admin123");
    const admin = await signIn(f, "admin", ADMIN_PASSWORD);
    equal(admin.res.status, 303);
    ok(admin.browser);
    const wrong = await signIn(f, "admin", "admin124");
    equal(wrong.res.status, 401);

    addUser(f.ctx(), {
      name: "old",
      email: "old@example.edu",
      role: "viewer",
      password: "kept since 0.4",
    }, 12);
    const stored = f.db.get<{ password_hash: string }>(
      "SELECT password_hash FROM users WHERE name = 'old'",
    );
    equal(stored?.password_hash.slice(0, 7), "$2b$12$");
    equal((await signIn(f, "old", "kept since 0.4")).res.status, 303);
    equal((await signIn(f, "old@example.edu", "kept since 0.5")).res.status, 401);
  } finally {
    await f.close();
  }
});

Deno.test("sign-in: users add (the real CLI) stores a cost-10 hash", async () => {
  equal(BCRYPT_COST, 10);
  const { dir, cleanup } = await tempWorkspace();
  try {
    await Deno.writeTextFile(`${dir}/c.yaml`, `database:\n  path: ${dir}/b.db\n`);
    const r = await runCli(
      [
        "users",
        "add",
        "alice",
        "--email",
        "alice@example.edu",
        "--role",
        "viewer",
        "--password-stdin",
        "-c",
        "c.yaml",
      ],
      { cwd: dir, stdin: "a long enough password\n" },
    );
    equal(r.code, 0, r.stderr);
    const db = openDatabase(`${dir}/b.db`);
    try {
      const row = db.get<{ password_hash: string }>(
        "SELECT password_hash FROM users WHERE name = 'alice'",
      );
      equal(row?.password_hash.slice(0, 7), "$2b$10$");
    } finally {
      db.close();
    }
  } finally {
    await cleanup();
  }
});
