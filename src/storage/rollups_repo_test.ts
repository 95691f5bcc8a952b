import { deepEqual, equal } from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { Database, openDatabase } from "./database.ts";
import { applyMigrations } from "./migrate.ts";
import { MIGRATIONS } from "./migrations/mod.ts";
import {
  chargeRollupDrift,
  computeChargeRollups,
  listChargeRollups,
  rebuildChargeRollups,
  sourceRollupTotals,
} from "./rollups_repo.ts";

interface TestCharge {
  source?: number;
  period?: string;
  pi?: string | null;
  project?: string | null;
  service?: string | null;
  billed: number;
  list?: number;
  currency?: string;
  status?: string;
}

let fingerprint = 0;

function setup(db: Database): void {
  db.run("INSERT INTO sources (id, name, display_name, created_at) VALUES (1, 'aws', 'AWS', 'x')");
  db.run("INSERT INTO sources (id, name, display_name, created_at) VALUES (2, 'hpc', 'HPC', 'x')");
  for (const p of ["2025-01", "2025-02"]) {
    db.run("INSERT INTO periods (period, status, created_at) VALUES (?, 'open', 'x')", p);
  }
  db.run(
    `INSERT INTO imports (id, source_id, files, mode, periods, rows, added, removed, unchanged,
      flagged, billed_cost, list_cost, status, imported_by, imported_at)
     VALUES (1, 1, '[]', 'replace', '[]', 0, 0, 0, 0, 0, 0, 0, 'imported', 't', 'x')`,
  );
}

/** The charge_texts id of `value` (added when new). */
function text(db: Database, value: string): number {
  db.run("INSERT OR IGNORE INTO charge_texts (value) VALUES (?)", value);
  return db.get<{ id: number }>("SELECT id FROM charge_texts WHERE value = ?", value)!.id;
}

function insert(db: Database, c: TestCharge): number {
  // before migration 0014 (a database at an older schema) the texts are stored in place
  if (db.get("SELECT 1 AS x FROM sqlite_master WHERE name = 'charge_values'") === undefined) {
    return db.run(
      `INSERT INTO charges (source_id, period, import_id, fingerprint, occurrence, file_name,
        line_no, billing_period_start, billed_cost, list_cost, contracted_cost, effective_cost,
        billing_currency, service_name, pi_email, project_id, review_status)
       VALUES (?, ?, 1, ?, 1, 'f.csv', 2, '2025-01-01', ?, ?, 0, 0, ?, ?, ?, ?, ?)`,
      c.source ?? 1,
      c.period ?? "2025-01",
      `fp${++fingerprint}`,
      c.billed,
      c.list ?? c.billed,
      c.currency ?? "USD",
      c.service === undefined ? "EC2" : c.service,
      c.pi === undefined ? "a@x.edu" : c.pi,
      c.project === undefined ? "p1" : c.project,
      c.status ?? "none",
    ).lastInsertRowid;
  }
  return db.run(
    `INSERT INTO charges (source_id, period, import_id, fingerprint, occurrence, file_name_ref,
      line_no, billing_period_start_ref, billed_cost, list_cost, contracted_cost, effective_cost,
      billing_currency, service_name, pi_email, project_id, review_status)
     VALUES (?, ?, 1, ?, 1, ${text(db, "f.csv")}, 2, ${text(db, "2025-01-01")}, ?, ?, 0, 0, ?, ?,
       ?, ?, ?)`,
    c.source ?? 1,
    c.period ?? "2025-01",
    `fp${++fingerprint}`,
    c.billed,
    c.list ?? c.billed,
    c.currency ?? "USD",
    c.service === undefined ? "EC2" : c.service,
    c.pi === undefined ? "a@x.edu" : c.pi,
    c.project === undefined ? "p1" : c.project,
    c.status ?? "none",
  ).lastInsertRowid;
}

function assertExact(db: Database): void {
  deepEqual(chargeRollupDrift(db), { stored: [], computed: [] });
  deepEqual(listChargeRollups(db), computeChargeRollups(db));
}

async function withDb(fn: (db: Database, path: string) => void | Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "oc-rollups-" });
  try {
    await fn(openDatabase(`${dir}/billing.db`), `${dir}/billing.db`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("rollups: migration 6 builds them from the charges already stored", async () => {
  const dir = await Deno.makeTempDir({ prefix: "oc-rollups-" });
  const path = `${dir}/billing.db`;
  const db = new Database(new DatabaseSync(path), path);
  try {
    applyMigrations(db, MIGRATIONS.filter((m) => m.version <= 5));
    setup(db);
    insert(db, { billed: 1_500_000, list: 2_000_000 });
    insert(db, { billed: 250_000, list: 300_000 });
    insert(db, { billed: 10_000_000, status: "pending", pi: null, project: null });
    insert(db, { billed: 7, source: 2, period: "2025-02", currency: "EUR" });
    applyMigrations(db);
    deepEqual(
      listChargeRollups(db).map((r) => [
        r.period,
        r.source_id,
        r.pi_email,
        r.project_id,
        r.billing_currency,
        r.review_status,
        r.charges,
        r.billed_cost,
        r.list_cost,
      ]),
      [
        ["2025-01", 1, null, null, "USD", "pending", 1, 10_000_000, 10_000_000],
        ["2025-01", 1, "a@x.edu", "p1", "USD", "none", 2, 1_750_000, 2_300_000],
        ["2025-02", 2, "a@x.edu", "p1", "EUR", "none", 1, 7, 7],
      ],
    );
    assertExact(db);
  } finally {
    db.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("rollups: inserts, deletes and updates (NULL keys included) keep them exact", () =>
  withDb((db) => {
    setup(db);
    const ids = [
      insert(db, { billed: 100, pi: null, project: null, service: null }),
      insert(db, { billed: 200, pi: null, project: null, service: null }),
      insert(db, { billed: 300, status: "pending" }),
      insert(db, { billed: 400, status: "pending" }),
      insert(db, { billed: 500, status: "pending", project: "p2" }),
    ];
    assertExact(db);
    equal(listChargeRollups(db).length, 3);
    // a review decision moves the charge between status buckets
    db.run("UPDATE charges SET review_status = 'approved' WHERE id = ?", ids[2]);
    db.run("UPDATE charges SET review_status = 'rejected' WHERE id = ?", ids[4]);
    assertExact(db);
    deepEqual(
      listChargeRollups(db, { periods: ["2025-01"] }).map((r) => [
        r.project_id,
        r.review_status,
        r.charges,
        r.billed_cost,
      ]),
      [[null, "none", 2, 300], ["p1", "approved", 1, 300], ["p1", "pending", 1, 400], [
        "p2",
        "rejected",
        1,
        500,
      ]],
    );
    // a changed key or amount moves it between groups; a note alone changes nothing
    db.run("UPDATE charges SET pi_email = 'b@x.edu', billed_cost = 450 WHERE id = ?", ids[3]);
    db.run("UPDATE charges SET review_note = 'n' WHERE id = ?", ids[0]);
    assertExact(db);
    // an emptied group disappears (no zero rows)
    db.run("DELETE FROM charges WHERE id IN (?, ?)", ids[0], ids[1]);
    assertExact(db);
    equal(listChargeRollups(db).some((r) => r.charges === 0), false);
    equal(listChargeRollups(db).some((r) => r.pi_email === null), false);
    // set-wise statements (as ingest uses) too
    db.run(
      `INSERT INTO charges (source_id, period, import_id, fingerprint, occurrence, file_name_ref,
        line_no, billing_period_start_ref, billed_cost, list_cost, contracted_cost, effective_cost,
        billing_currency, service_name, pi_email, project_id, review_status)
       SELECT source_id, '2025-02', import_id, fingerprint || 'b', occurrence, file_name_ref,
        line_no, billing_period_start_ref, billed_cost * 2, list_cost, 0, 0, billing_currency, service_name,
        pi_email, project_id, 'none' FROM charges`,
    );
    db.run("DELETE FROM charges WHERE period = '2025-01' AND review_status = 'rejected'");
    assertExact(db);
    deepEqual(
      listChargeRollups(db, { periods: ["2025-02"] }).map((r) => [
        r.pi_email,
        r.project_id,
        r.charges,
        r.billed_cost,
      ]),
      [["a@x.edu", "p1", 1, 600], ["a@x.edu", "p2", 1, 1_000], ["b@x.edu", "p1", 1, 900]],
    );
  }));

Deno.test("rollups: rebuild repairs a scope; drift names the differing groups", () =>
  withDb((db) => {
    setup(db);
    insert(db, { billed: 100 });
    insert(db, { billed: 50, source: 2 });
    insert(db, { billed: 70, period: "2025-02" });
    db.run("DELETE FROM charge_rollups WHERE source_id = 2");
    db.run("UPDATE charge_rollups SET billed_cost = 1 WHERE period = '2025-02'");
    const drift = chargeRollupDrift(db);
    deepEqual(drift.stored.map((r) => [r.period, r.billed_cost]), [["2025-02", 1]]);
    deepEqual(drift.computed.map((r) => [r.period, r.source_id, r.billed_cost]), [
      ["2025-01", 2, 50],
      ["2025-02", 1, 70],
    ]);
    equal(rebuildChargeRollups(db, { periods: ["2025-01"], sourceId: 2 }), 1);
    equal(chargeRollupDrift(db, { periods: ["2025-01"] }).computed.length, 0);
    equal(chargeRollupDrift(db).computed.length, 1);
    equal(rebuildChargeRollups(db), 3);
    assertExact(db);
  }));

Deno.test("rollups: source totals count non-rejected charges per currency", () =>
  withDb((db) => {
    setup(db);
    insert(db, { billed: 1_000_000, list: 1_200_000 });
    insert(db, { billed: 2_000_000, list: 2_000_000, status: "pending" });
    insert(db, { billed: 9_000_000, status: "rejected" });
    insert(db, { billed: 3_000_000, source: 2, currency: "EUR", period: "2025-02" });
    deepEqual(sourceRollupTotals(db), [
      {
        source_id: 1,
        billing_currency: "USD",
        charges: 2,
        billed_cost: 3_000_000,
        list_cost: 3_200_000,
      },
      {
        source_id: 2,
        billing_currency: "EUR",
        charges: 1,
        billed_cost: 3_000_000,
        list_cost: 3_000_000,
      },
    ]);
  }));
