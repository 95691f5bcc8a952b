/**
 * A change and its audit entry share one transaction: when the audit entry
 * cannot be written (a trigger refuses it), nothing of the change stays:
 * no statements of a generate run; no email log line and no sent mark of a
 * delivered email. Real CLI, real SQLite file.
 */

import { equal, notEqual } from "node:assert/strict";
import { runCli, tempWorkspace } from "./cli_harness.ts";
import { execSql, querySql, seedCharges, writeStatementsConfig } from "./statements_seed.ts";

const A = "ada@example.edu";

function refuseAudit(db: string, action: string): void {
  execSql(
    db,
    `CREATE TRIGGER test_refuse_audit BEFORE INSERT ON audit_log WHEN NEW.action LIKE '${action}'
     BEGIN SELECT RAISE(ABORT, 'audit refused by the test'); END`,
  );
}

/** A config and database in `dir` with one charge of A in the closed period 2025-01. */
async function oneChargeWorkspace(dir: string): Promise<{ cfg: string; db: string }> {
  const cfg = await writeStatementsConfig(dir);
  const db = `${dir}/instance/billing.db`;
  seedCharges(db, "2025-01", [
    { pi: A, project: "alpha", fund: "F-1", service: "EC2", billed: "100.00", list: "120" },
  ], { periodStatus: "closed" });
  return { cfg, db };
}

const count = (db: string, sql: string) => querySql<{ n: number }>(db, sql)[0].n;

Deno.test("transactions: a generate run whose audit entry fails stores no statement", async () => {
  const { dir, cleanup } = await tempWorkspace();
  try {
    const { cfg, db } = await oneChargeWorkspace(dir);
    refuseAudit(db, "statements.generate");
    const r = await runCli(["generate", "-p", "2025-01", "-c", cfg], { cwd: dir });
    notEqual(r.code, 0);
    equal(count(db, "SELECT count(*) AS n FROM statements"), 0);
    equal(count(db, "SELECT count(*) AS n FROM audit_log WHERE action LIKE 'statement%'"), 0);
    execSql(db, "DROP TRIGGER test_refuse_audit");
    const ok = await runCli(["generate", "-p", "2025-01", "-c", cfg], { cwd: dir });
    equal(ok.code, 0, ok.stderr);
    equal(count(db, "SELECT count(*) AS n FROM statements"), 1);
    equal(count(db, "SELECT count(*) AS n FROM audit_log WHERE action = 'statements.generate'"), 1);
  } finally {
    await cleanup();
  }
});

Deno.test("transactions: an email whose audit entry fails leaves no log line and no sent mark", async () => {
  const { dir, cleanup } = await tempWorkspace();
  try {
    const { cfg, db } = await oneChargeWorkspace(dir);
    const gen = await runCli(["generate", "-p", "2025-01", "-c", cfg], { cwd: dir });
    equal(gen.code, 0, gen.stderr);
    refuseAudit(db, "email.%");
    const send = await runCli(["statements", "send", "-p", "2025-01", "-c", cfg], { cwd: dir });
    notEqual(send.code, 0);
    equal(count(db, "SELECT count(*) AS n FROM email_log"), 0);
    equal(count(db, "SELECT count(*) AS n FROM statements WHERE sent_at IS NOT NULL"), 0);
    execSql(db, "DROP TRIGGER test_refuse_audit");
    const again = await runCli(["statements", "send", "-p", "2025-01", "-c", cfg], { cwd: dir });
    equal(again.code, 0, again.stderr);
    equal(count(db, "SELECT count(*) AS n FROM email_log WHERE status = 'written'"), 1);
    equal(count(db, "SELECT count(*) AS n FROM statements WHERE sent_at IS NOT NULL"), 1);
    equal(count(db, "SELECT count(*) AS n FROM audit_log WHERE action = 'email.written'"), 1);
  } finally {
    await cleanup();
  }
});
