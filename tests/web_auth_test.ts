/**
 * Sign-in (user name or email, 0.4 bcrypt hash, recovery semantics), sessions
 * (idle and absolute expiry with an injected clock, logout, revocation on
 * password change and disable) and login throttling. Every event audited.
 */

import { deepEqual, equal, match, ok } from "node:assert/strict";
import { changePassword, hashPassword, setUserDisabled } from "../src/users/mod.ts";
import { insertUser } from "../src/storage/mod.ts";
import {
  ADMIN_PASSWORD,
  send,
  signIn,
  USER_PASSWORD,
  type WebFixture,
  webFixture,
} from "./web_harness.ts";

function audit(f: WebFixture, action: string) {
  return f.db.all<{ actor: string; entity_id: string | null; details: string | null }>(
    "SELECT actor, entity_id, details FROM audit_log WHERE action = ? ORDER BY id",
    action,
  );
}

const MINUTE = 60_000;

Deno.test("web auth: the 0.4 config admin signs in by name and by email; cookie flags; audited", async () => {
  const f = await webFixture({ users: false });
  try {
    const byName = await signIn(f, "admin", ADMIN_PASSWORD);
    equal(byName.res.status, 303);
    equal(byName.res.headers.get("location"), "/");
    const cookie = byName.res.headers.get("set-cookie") ?? "";
    match(
      cookie,
      /oc_session=[A-Za-z0-9_-]{43}; Path=\/; Expires=Mon, 03 Feb 2025 18:00:00 GMT; HttpOnly; Secure; SameSite=Lax/,
    );
    ok(byName.browser);
    const home = await send(f, "GET", "/", { as: byName.browser });
    equal(home.status, 200);
    match(await home.text(), /Admin User/);
    const byEmail = await signIn(f, "ADMIN@example.edu", ADMIN_PASSWORD);
    equal(byEmail.res.status, 303);
    ok(byEmail.browser);
    equal(audit(f, "web.login").length, 2);
    equal(audit(f, "web.login")[0].actor, "web:admin");
    // only the hash of the session id is stored
    const stored = f.db.all<{ id_hash: string }>("SELECT id_hash FROM sessions");
    equal(stored.length, 2);
    const sid = byName.browser.cookie.split("=")[1];
    ok(stored.every((s) => s.id_hash !== sid && /^[0-9a-f]{64}$/.test(s.id_hash)));
  } finally {
    await f.close();
  }
});

Deno.test("web auth: a wrong password or unknown user fails with one message and is audited", async () => {
  const f = await webFixture({ users: false });
  try {
    const bad = await signIn(f, "admin", "admin124");
    equal(bad.res.status, 401);
    match(await bad.res.text(), /wrong user name, email or password/);
    const unknown = await signIn(f, "nobody", "x");
    equal(unknown.res.status, 401);
    const failed = audit(f, "web.login_failed");
    deepEqual(failed.map((a) => JSON.parse(a.details!).reason), ["password", "unknown"]);
    equal(f.db.get<{ n: number }>("SELECT count(*) AS n FROM sessions")?.n, 0);
  } finally {
    await f.close();
  }
});

Deno.test("web auth: the sign-in form needs its own token and our Origin", async () => {
  const f = await webFixture({ users: false });
  try {
    const noToken = await send(f, "POST", "/login", {
      form: { login: "admin", password: ADMIN_PASSWORD },
    });
    equal(noToken.status, 403);
    const foreign = await send(f, "POST", "/login", {
      origin: "https://evil.example",
      form: { login: "admin", password: ADMIN_PASSWORD },
    });
    equal(foreign.status, 403);
    equal(audit(f, "web.login").length + audit(f, "web.login_failed").length, 0);
  } finally {
    await f.close();
  }
});

Deno.test("web auth: recovery users always use the config; otherwise a database user of the same name wins", async () => {
  const f = await webFixture({ users: false });
  try {
    // a database from before addUser refused config users' names (it refuses them now)
    insertUser(f.db, {
      name: "admin",
      email: "root@example.edu",
      role: "viewer",
      displayName: "",
      passwordHash: hashPassword("db-password", 4),
    }, "2025-01-01T00:00:00Z");
    // recovery: true (the own test config, tests/fixtures/month/config.yaml): the config hash and role apply, the database one is ignored
    equal((await signIn(f, "admin", "db-password")).res.status, 401);
    const rec = await signIn(f, "admin", ADMIN_PASSWORD);
    equal(rec.res.status, 303);
    match(await (await send(f, "GET", "/users", { as: rec.browser! })).text(), /<h1>Users<\/h1>/);
    // recovery: false: the database user takes over (its password, its role)
    f.config.web.users.admin.recovery = false;
    equal((await send(f, "GET", "/users", { as: rec.browser! })).status, 303, "old session ends");
    equal((await signIn(f, "admin", ADMIN_PASSWORD)).res.status, 401);
    const db = await signIn(f, "admin", "db-password");
    equal(db.res.status, 303);
    equal((await send(f, "GET", "/users", { as: db.browser! })).status, 403, "now a viewer");
  } finally {
    await f.close();
  }
});

Deno.test("web auth: logout revokes the session server-side (the old cookie is useless)", async () => {
  const f = await webFixture();
  try {
    const { browser } = await signIn(f, "rita", USER_PASSWORD);
    ok(browser);
    equal((await send(f, "GET", "/logout", { as: browser })).status, 200, "GET only asks");
    equal((await send(f, "GET", "/", { as: browser })).status, 200);
    const out = await send(f, "POST", "/logout", { as: browser });
    equal(out.status, 303);
    equal(out.headers.get("location"), "/login?m=bye");
    match(out.headers.get("set-cookie") ?? "", /oc_session=; Max-Age=0/);
    const after = await send(f, "GET", "/", { as: browser });
    equal(after.status, 303);
    equal(after.headers.get("location"), "/login?next=%2F");
    equal(audit(f, "web.logout").length, 1);
    equal(audit(f, "web.logout")[0].actor, "web:rita");
  } finally {
    await f.close();
  }
});

Deno.test("web auth: idle timeout (60 min) and absolute lifetime (8 h) with the injected clock", async () => {
  const f = await webFixture();
  try {
    const a = (await signIn(f, "vic", USER_PASSWORD)).browser!;
    f.clock.t += 59 * MINUTE;
    equal((await send(f, "GET", "/", { as: a })).status, 200, "59 idle minutes: still in");
    f.clock.t += 61 * MINUTE;
    equal((await send(f, "GET", "/", { as: a })).status, 303, "61 idle minutes: out");
    const b = (await signIn(f, "vic", USER_PASSWORD)).browser!;
    for (let i = 0; i < 15; i++) {
      f.clock.t += 30 * MINUTE; // active every 30 minutes: never idle
      equal((await send(f, "GET", "/help", { as: b })).status, 200, `after ${(i + 1) * 30} min`);
    }
    f.clock.t += 30 * MINUTE; // 8 h since sign-in
    equal((await send(f, "GET", "/help", { as: b })).status, 303, "absolute lifetime reached");
    equal(f.db.get<{ n: number }>("SELECT count(*) AS n FROM sessions")?.n, 0);
  } finally {
    await f.close();
  }
});

Deno.test("web auth: a password change or disabling the user ends all their sessions", async () => {
  const f = await webFixture();
  try {
    const one = (await signIn(f, "rita", USER_PASSWORD)).browser!;
    const two = (await signIn(f, "rita", USER_PASSWORD)).browser!;
    const own = await send(f, "POST", "/account/password", {
      as: one,
      form: { current: USER_PASSWORD, password: "a new password 2" },
    });
    equal(own.status, 303);
    equal(own.headers.get("location"), "/login?m=changed");
    equal((await send(f, "GET", "/", { as: one })).status, 303);
    equal((await send(f, "GET", "/", { as: two })).status, 303);
    equal((await signIn(f, "rita", USER_PASSWORD)).res.status, 401);
    const three = (await signIn(f, "rita", "a new password 2")).browser!;
    changePassword(f.ctx("cli:ops"), "rita", "third password 3", 4);
    equal((await send(f, "GET", "/", { as: three })).status, 303, "CLI passwd revokes too");
    const four = (await signIn(f, "rita", "third password 3")).browser!;
    setUserDisabled(f.ctx("cli:ops"), "rita", true);
    equal((await send(f, "GET", "/", { as: four })).status, 303, "disabled");
    equal((await signIn(f, "rita", "third password 3")).res.status, 401);
    deepEqual(audit(f, "user.passwd").map((a) => a.actor), ["web:rita", "cli:ops"]);
  } finally {
    await f.close();
  }
});

Deno.test("web auth: 5 failures lock the account for 15 minutes (429, even with the right password)", async () => {
  const f = await webFixture();
  try {
    for (let i = 0; i < 5; i++) equal((await signIn(f, "vic", "wrong")).res.status, 401);
    const locked = await signIn(f, "vic", USER_PASSWORD, "10.9.9.9");
    equal(locked.res.status, 429);
    equal(locked.res.headers.get("retry-after"), "900");
    match(await locked.res.text(), /too many failed sign-in attempts/);
    equal((await signIn(f, "rita", USER_PASSWORD)).res.status, 303, "other accounts unaffected");
    equal(audit(f, "web.login_throttled").length, 1);
    f.clock.t += 15 * MINUTE + 1000;
    equal((await signIn(f, "vic", USER_PASSWORD)).res.status, 303, "lock lifted");
  } finally {
    await f.close();
  }
});

Deno.test("web auth: failures from one address lock that address, not others", async () => {
  const f = await webFixture({
    throttle: { windowMinutes: 15, maxPerAccount: 5, maxPerAddress: 6 },
  });
  try {
    for (const login of ["a1", "a2", "a3", "a4", "a5", "a6"]) {
      equal((await signIn(f, login, "x", "10.1.1.1")).res.status, 401);
    }
    const blocked = await signIn(f, "rita", USER_PASSWORD, "10.1.1.1");
    equal(blocked.res.status, 429);
    equal((await signIn(f, "rita", USER_PASSWORD, "10.2.2.2")).res.status, 303);
    const t = audit(f, "web.login_throttled");
    equal(JSON.parse(t[0].details!).by, "address");
  } finally {
    await f.close();
  }
});
