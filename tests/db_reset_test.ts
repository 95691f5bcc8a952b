/**
 * The dev-mode data reset: `db reset --yes` (real CLI) and the Settings page's
 * Reset demo data (typed RESET) empty the data tables and keep web users, the
 * schema and the audit log, whose last entry is the reset; both are refused
 * outside dev mode and without the confirmation, removing nothing.
 */

import { deepEqual, equal, match, ok } from "node:assert/strict";
import { KEPT_TABLES, listTableNames, openDatabase, RESET_TABLES } from "../src/storage/mod.ts";
import { runCli, tempWorkspace } from "./cli_harness.ts";
import {
  querySql,
  type SeedCharge,
  seedCharges,
  writeStatementsConfig,
} from "./statements_seed.ts";
import { send, sessionFor, webFixture } from "./web_harness.ts";
import { pageText } from "./web_pages_kit.ts";

const CHARGES: SeedCharge[] = [
  {
    pi: "ada@example.edu",
    project: "alpha",
    fund: "F-1",
    service: "EC2",
    billed: "10",
    list: "10",
  },
  { pi: "bob@example.edu", project: "gamma", fund: "F-3", service: "HPC", billed: "7", list: "7" },
];

const n = (db: string, table: string) =>
  querySql<{ n: number }>(db, `SELECT COUNT(*) AS n FROM ${table}`)[0].n;

Deno.test("db reset: every table is either emptied or kept by name", async () => {
  const { dir, cleanup } = await tempWorkspace();
  try {
    const db = openDatabase(`${dir}/x.db`);
    try {
      deepEqual(listTableNames(db), [...RESET_TABLES, ...KEPT_TABLES].sort());
    } finally {
      db.close();
    }
  } finally {
    await cleanup();
  }
});

Deno.test("db reset (CLI): refused outside dev mode and without --yes; with both, data gone, audit kept", async () => {
  const { dir, cleanup } = await tempWorkspace();
  try {
    const cfg = await writeStatementsConfig(dir);
    const db = `${dir}/instance/billing.db`;
    seedCharges(db, "2025-01", CHARGES);
    const gen = await runCli(["generate", "-p", "2025-01", "-c", cfg], { cwd: dir });
    equal(gen.code, 0, gen.stderr);
    equal(n(db, "statements"), 2);
    const prod = `${dir}/prod.yaml`;
    await Deno.writeTextFile(
      prod,
      (await Deno.readTextFile(cfg)).replace("dev_mode: true", "dev_mode: false"),
    );
    const refused = await runCli(["db", "reset", "--yes", "-c", prod], { cwd: dir });
    equal(refused.code, 1);
    equal(refused.stderr.trim().split("\n").length, 1);
    match(refused.stderr, /reset refused: the config is not in dev mode \(dev_mode: false in /);
    match(refused.stderr, /openchargeback db restore FILE/);
    const unconfirmed = await runCli(["db", "reset", "-c", cfg], { cwd: dir });
    equal(unconfirmed.code, 1);
    match(unconfirmed.stderr, /reset not confirmed: nothing was removed\. Pass --yes/);
    equal(n(db, "charges"), 2, "nothing removed by the refusals");
    equal(n(db, "statements"), 2);
    const auditBefore = n(db, "audit_log");
    ok(auditBefore >= 3, "generate audited its statements");
    const reset = await runCli(["db", "reset", "--yes", "--json", "-c", cfg], { cwd: dir });
    equal(reset.code, 0, reset.stderr);
    const r = reset.json<{ removed: Record<string, number>; kept: string[] }>();
    equal(r.removed.charges, 2);
    equal(r.removed.statements, 2);
    equal(r.removed.periods, 1);
    deepEqual(r.kept, ["audit_log", "login_attempts", "schema_migrations", "sessions", "users"]);
    for (const t of ["charges", "statements", "periods", "imports", "sources", "charge_rollups"]) {
      equal(n(db, t), 0, t);
    }
    equal(n(db, "audit_log"), auditBefore + 1, "the audit log survives, plus the reset");
    const last = querySql<{ action: string; actor: string; details: string }>(
      db,
      "SELECT action, actor, details FROM audit_log ORDER BY id DESC LIMIT 1",
    )[0];
    equal(last.action, "db.reset");
    match(last.actor, /^cli:/);
    equal(JSON.parse(last.details).removed.charges, 2);
    const text = await runCli(["db", "reset", "--yes", "-c", cfg], { cwd: dir });
    match(text.stdout, /database reset: removed 0 charges, 0 imports, 0 periods, 0 statements/);
  } finally {
    await cleanup();
  }
});

Deno.test("db reset (web): admin only, dev mode only, typed RESET; users and audit log kept", async () => {
  for (const dev of [false, true]) {
    const f = await webFixture({ tweak: (c) => (c.dev_mode = dev) });
    try {
      seedCharges(f.config.database.path, "2025-01", CHARGES);
      const count = (t: string) => f.db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${t}`)!.n;
      equal(count("charges"), 2);
      const admin = sessionFor(f, "admin");
      const settings = await pageText(await send(f, "GET", "/settings", { as: admin }));
      equal(settings.includes("Reset demo data"), dev, "offered in dev mode only");
      equal(
        (await send(f, "POST", "/settings/reset", {
          as: sessionFor(f, "rita"),
          form: { confirm: "RESET" },
        })).status,
        403,
      );
      const wrong = await send(f, "POST", "/settings/reset", {
        as: admin,
        form: { confirm: "reset" },
      });
      equal(wrong.status, 400);
      match(
        await pageText(wrong),
        dev
          ? /reset not confirmed: nothing was removed\. Type RESET in the box/
          : /reset refused: the config is not in dev mode/,
      );
      equal(count("charges"), 2);
      const audited = count("audit_log");
      const res = await send(f, "POST", "/settings/reset", {
        as: admin,
        form: { confirm: "RESET" },
      });
      if (!dev) {
        equal(res.status, 400, "outside dev mode even the typed word is refused");
        match(await pageText(res), /reset refused: the config is not in dev mode/);
        equal(count("charges"), 2);
        continue;
      }
      equal(res.status, 303);
      equal(res.headers.get("location"), "/settings?m=reset_data&charges=2");
      equal(count("charges"), 0);
      equal(count("periods"), 0);
      equal(count("users"), 3, "the fixture's database users are kept");
      equal(count("audit_log"), audited + 1);
      const entry = f.db.get<{ action: string; actor: string }>(
        "SELECT action, actor FROM audit_log ORDER BY id DESC LIMIT 1",
      )!;
      deepEqual(entry, { action: "db.reset", actor: "web:admin" });
      const after = await pageText(
        await send(f, "GET", res.headers.get("location")!, { as: admin }),
      );
      match(after, /Demo data reset: the database is empty/);
    } finally {
      await f.close();
    }
  }
});
