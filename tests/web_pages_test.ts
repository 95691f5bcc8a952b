/**
 * The foundation's pages on real data: the dashboard (tests/fixtures/month/aws_2025-01.csv imported
 * by the real CLI; a PI sees only their figures), settings patterns with the
 * live tester, user administration, the audit log filter.
 */

import { deepEqual, equal, match, ok } from "node:assert/strict";
import { getSetting, SCHEMA_VERSION } from "../src/storage/mod.ts";
import { MONTH, runCli } from "./cli_harness.ts";
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
    // tests/fixtures/month/aws_2025-01.csv: 8 rows, 3 PIs, 3 projects; billed
    // 850+510+170+340+102+255+1700+68 = 3,995.00, list 4,700.00, subsidy 705.00;
    // Amazon EC2 850+510+1700 = 3,060.00; cora.lindqvist / language-models 255+1700+68 = 2,023.00.
    const admin = await text(
      await send(f, "GET", "/?period=2025-01", { as: sessionFor(f, "admin") }),
    );
    for (
      const s of [
        "Dashboard · 2025-01",
        "Billed (USD) $3,995.00",
        "List price (USD) $4,700.00",
        "Subsidy (USD) $705.00",
        "Charges 8",
        "PIs 3",
        "Projects 3",
        "Pending review 0",
        "Amazon EC2: $3,060.00",
        "language-models",
        "$2,023.00",
        "Recent imports",
      ]
    ) ok(admin.includes(s), `admin dashboard lacks "${s}"`);
    // pat is ada.quill@northfield.edu: protein-folding, 850+510+170 = 1,530.00 billed,
    // 1000+600+200 = 1,800.00 list, 3 charges.
    const pi = await text(await send(f, "GET", "/", { as: sessionFor(f, "pat") }));
    for (
      const s of ["Billed (USD) $1,530.00", "List price (USD) $1,800.00", "Charges 3", "PIs 1"]
    ) {
      ok(pi.includes(s), `PI dashboard lacks "${s}"`);
    }
    for (
      const s of ["$3,995.00", "cora.lindqvist", "language-models", "Recent imports", "Top PIs"]
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
    // Flag patterns ignore case and read service name, resource id and name:
    // "ec2" hits the 3 "Amazon EC2" rows of the 8; "s3" adds the 3 rows of
    // "Amazon S3" (2) and "Amazon S3 Glacier" (1).
    match(
      await text(await send(f, "GET", q("flag", "ec2"), { as: admin })),
      /3 charges would be flagged in 2025-01 \(of 8 charges read/,
    );
    match(
      await text(await send(f, "GET", q("flag", "ec2\ns3"), { as: admin })),
      /6 charges would be flagged/,
    );
    // Fund/orgs of the file: CHEM-2025-001, GEO-2025-014, LING-2025-003; "^CHEM-" leaves 2.
    match(
      await text(await send(f, "GET", q("fund_org", "^CHEM-"), { as: admin })),
      /2 fund\/org values match none in 2025-01 \(of 3 values/,
    );
    // one of each: the wording agrees in number ("rds" hits the one Amazon RDS row;
    // "^(CHEM|GEO)-" leaves LING-2025-003 alone)
    match(
      await text(await send(f, "GET", q("flag", "rds"), { as: admin })),
      /1 charge would be flagged in 2025-01 \(of 8 charges read/,
    );
    match(
      await text(await send(f, "GET", q("fund_org", "^(CHEM|GEO)-"), { as: admin })),
      /1 fund\/org value matches none in 2025-01 \(of 3 values/,
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
