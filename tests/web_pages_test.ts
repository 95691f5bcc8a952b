/**
 * The foundation's pages on real data: the dashboard (aws_2025-01.csv imported
 * by the real CLI; a PI sees only their figures), settings patterns with the
 * live tester, user administration, the audit log filter.
 */

import { deepEqual, equal, match, ok } from "node:assert/strict";
import { getSetting, SCHEMA_VERSION } from "../src/storage/mod.ts";
import { runCli } from "./cli_harness.ts";
// TODO(issue 14): still the third-party 0.4 files; moving to tests/fixtures/month/
import { OC04 as MONTH } from "./conformance/fixtures.ts";
import { send, sessionFor, signIn, type WebFixture, webFixture } from "./web_harness.ts";

async function importAws(f: WebFixture): Promise<void> {
  const r = await runCli([
    "ingest",
    "--new-source",
    `${MONTH}aws_2025-01.csv`,
    "-s",
    "aws",
    "-c",
    f.configPath,
  ], {
    cwd: f.dir,
  });
  equal(r.code, 0, r.stderr);
}

/** The text of a page with tags removed and spaces collapsed. */
async function text(res: Response): Promise<string> {
  return (await res.text()).replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
}

Deno.test("web pages: the dashboard shows the period's figures; a PI sees only their own", async () => {
  const f = await webFixture();
  try {
    await importAws(f);
    const admin = await text(
      await send(f, "GET", "/?period=2025-01", { as: sessionFor(f, "admin") }),
    );
    for (
      const s of [
        "Dashboard · 2025-01",
        "Billed (USD) $19,086.75",
        "List price (USD) $22,455.00",
        "Subsidy (USD) $3,368.25",
        "Charges 25",
        "PIs 5",
        "Projects 7",
        "Pending review 0",
        "Amazon EC2: $11,398.50",
        "exoplanet-survey",
        "$5,100.00",
        "Recent imports",
      ]
    ) ok(admin.includes(s), `admin dashboard lacks "${s}"`);
    const pi = await text(await send(f, "GET", "/", { as: sessionFor(f, "pat") }));
    for (
      const s of ["Billed (USD) $6,460.00", "List price (USD) $7,600.00", "Charges 7", "PIs 1"]
    ) {
      ok(pi.includes(s), `PI dashboard lacks "${s}"`);
    }
    for (
      const s of ["$19,086.75", "grix.mottershaw", "exoplanet-survey", "Recent imports", "Top PIs"]
    ) {
      equal(pi.includes(s), false, `PI dashboard shows "${s}"`);
    }
    const empty = await send(f, "GET", "/?period=2024-06", { as: sessionFor(f, "vic") });
    equal(empty.status, 404);
    match(await text(empty), /period 2024-06 does not exist\. Known periods: 2025-01\./);
  } finally {
    await f.close();
  }
});

Deno.test("web pages: settings patterns — live tester on real charges, save (audited), invalid refused, reset", async () => {
  const f = await webFixture();
  try {
    await importAws(f);
    const admin = sessionFor(f, "admin");
    const q = (kind: string, patterns: string) =>
      `/settings/test?kind=${kind}&period=2025-01&patterns=${encodeURIComponent(patterns)}`;
    match(
      await text(await send(f, "GET", q("flag", "GPU"), { as: admin })),
      /3 charges would be flagged in 2025-01 \(of 25 charges read/,
    );
    match(
      await text(await send(f, "GET", q("flag", "gpu\ncompute"), { as: admin })),
      /10 charges would be flagged/,
    );
    match(
      await text(await send(f, "GET", q("fund_org", "^[A-Z]+-\\d{4}-\\d{3}$"), { as: admin })),
      /5 fund\/org values match none in 2025-01 \(of 7 values/,
    );
    match(
      await text(await send(f, "GET", q("flag", "(gpu"), { as: admin })),
      /line 1: invalid regular expression/,
    );

    const save = await send(f, "POST", "/settings/patterns", {
      as: admin,
      form: { kind: "flag", patterns: "gpu\r\n\r\n  compute  \r\n", action: "save" },
    });
    equal(save.status, 303);
    deepEqual(getSetting(f.db, "review.flag_patterns"), ["gpu", "compute"]);
    const a = f.db.get<{ actor: string; details: string }>(
      "SELECT actor, details FROM audit_log WHERE action = 'settings.update'",
    )!;
    equal(a.actor, "web:admin");
    deepEqual(JSON.parse(a.details), { before: [], after: ["gpu", "compute"] });

    const bad = await send(f, "POST", "/settings/patterns", {
      as: admin,
      form: { kind: "fund_org", patterns: "^ok$\n[unclosed", action: "save" },
    });
    equal(bad.status, 400);
    match(await text(bad), /line 2: invalid regular expression &#39;\[unclosed&#39;/);
    equal(getSetting(f.db, "review.fund_org_patterns"), undefined);

    const page = await text(await send(f, "GET", "/settings", { as: sessionFor(f, "vic") }));
    match(page, /changed here \(overrides the config file\)/);
    equal(page.includes("Save"), false, "a viewer gets no Save button");
    match(page, new RegExp(`Schema version ${SCHEMA_VERSION}`));

    const reset = await send(f, "POST", "/settings/patterns", {
      as: admin,
      form: { kind: "flag", action: "reset" },
    });
    equal(reset.status, 303);
    equal(getSetting(f.db, "review.flag_patterns"), undefined);
  } finally {
    await f.close();
  }
});

Deno.test("web pages: an admin adds a user, changes the role, resets the password, disables it", async () => {
  const f = await webFixture();
  try {
    const admin = sessionFor(f, "admin");
    const post = (path: string, form: Record<string, string>) =>
      send(f, "POST", path, { as: admin, form });
    const short = await post("/users", {
      name: "nina",
      email: "nina@example.edu",
      role: "viewer",
      password: "short",
    });
    equal(short.status, 400);
    match(await text(short), /at least 8 characters/);
    equal(
      (await post("/users", {
        name: "nina",
        email: "Nina@Example.edu",
        role: "viewer",
        password: "nina password",
        display_name: "Nina <b>N</b>",
      })).status,
      303,
    );
    const list = await send(f, "GET", "/users", { as: admin });
    const html = await list.text();
    ok(html.includes("Nina &lt;b&gt;N&lt;/b&gt;"), "display name escaped");
    const nina = await signIn(f, "nina@example.edu", "nina password");
    equal(nina.res.status, 303);
    equal((await send(f, "GET", "/review", { as: nina.browser! })).status, 200);
    equal((await post("/users/nina/role", { role: "pi" })).status, 303);
    equal(
      (await send(f, "GET", "/review", { as: nina.browser! })).status,
      403,
      "role applies at once",
    );
    equal((await post("/users/nina/password", { password: "another one 9" })).status, 303);
    equal((await send(f, "GET", "/", { as: nina.browser! })).status, 303, "sessions ended");
    equal((await post("/users/nina/disable", {})).status, 303);
    equal((await signIn(f, "nina", "another one 9")).res.status, 401);
    equal((await post("/users/nina/enable", {})).status, 303);
    equal((await signIn(f, "nina", "another one 9")).res.status, 303);
    const me = sessionFor(f, "rita");
    f.db.run("UPDATE users SET role = 'admin' WHERE name = 'rita'");
    const self = await send(f, "POST", "/users/rita/disable", { as: me });
    equal(self.status, 400);
    match(await text(self), /cannot disable your own account/);
    deepEqual(
      f.db.all<{ action: string }>(
        "SELECT action FROM audit_log WHERE entity_id = 'nina' AND action LIKE 'user.%' ORDER BY id",
      ).map((r) => r.action),
      ["user.add", "user.role", "user.passwd", "user.disable", "user.enable"],
    );
  } finally {
    await f.close();
  }
});

Deno.test("web pages: the audit log filters by user, action and date", async () => {
  const f = await webFixture();
  try {
    await signIn(f, "rita", "nope");
    await signIn(f, "vic", "correct horse 1");
    const admin = sessionFor(f, "admin");
    const page = await text(
      await send(f, "GET", "/audit?user=vic&action=web.login", { as: admin }),
    );
    match(page, /web:vic web\.login/);
    equal(page.includes("web:rita"), false);
    const failed = await text(
      await send(f, "GET", "/audit?action=web.login_failed&from=2025-02-03&to=2025-02-03", {
        as: admin,
      }),
    );
    match(failed, /web:rita web\.login_failed/);
    const none = await text(
      await send(f, "GET", "/audit?action=web.login&to=2025-02-02", { as: admin }),
    );
    match(none, /No entries/);
  } finally {
    await f.close();
  }
});
