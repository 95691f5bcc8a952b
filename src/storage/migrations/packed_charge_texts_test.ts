import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { Database } from "../database.ts";
import { applyMigrations } from "../migrate.ts";
import { restoreReplacedCharges } from "../import_revert_repo.ts";
import { MIGRATIONS } from "./mod.ts";

type Row = Record<string, unknown>;

const TAGS = '{"pi_email":"ann@x.edu","project_id":"p-1","fund_org":"F-1","note":"naïve, \\"q\\""}';
const EXTRA = '{"x_UsageType":"Hours:Instance","x_Operation":"RunInstances"}';

/** A charge at schema 13: every column given, texts repeated across charges. */
function charge(id: number, over: Row = {}): Row {
  return {
    id,
    source_id: 1,
    period: "2025-01",
    import_id: 1,
    fingerprint: `fp-${id}-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-`,
    occurrence: 1,
    file_name: "aws-2025-01.csv",
    line_no: id + 1,
    billing_period_start: "2025-01-01T00:00:00Z",
    billing_period_end: "2025-02-01T00:00:00Z",
    charge_period_start: "2025-01-03T05:00:00Z",
    charge_period_end: "2025-01-03T05:59:59Z",
    billed_cost: 1_234_567 * id,
    list_cost: 1_500_000 * id,
    contracted_cost: 1_234_567,
    effective_cost: 1_234_567,
    list_unit_price: "0.0000001",
    contracted_unit_price: "0.0000001",
    pricing_quantity: "12.50",
    pricing_unit: "Hours",
    consumed_quantity: "12.50",
    consumed_unit: "Hours",
    billing_currency: "USD",
    charge_category: "Usage",
    charge_class: null,
    charge_description: "Amazon EC2 Hours in us-east-1, line 4",
    charge_frequency: "Usage-Based",
    service_name: "Amazon EC2",
    service_category: "Compute",
    resource_id: `arn:aws:ec2:us-east-1:i-${id}`,
    resource_name: `i-${id}`,
    resource_type: "Instance",
    region_id: "us-east-1",
    sub_account_id: "sub-001",
    sub_account_name: "Lab",
    billing_account_id: "123456789012",
    provider_name: "AWS",
    publisher_name: "Amazon Web Services",
    invoice_issuer_name: "AWS",
    invoice_id: "INV-1",
    sku_id: "SKU0001",
    sku_price_id: "SKUP-1",
    tags: TAGS,
    extra: EXTRA,
    pi_email: "ann@x.edu",
    pi_name: "Ann",
    project_id: "p-1",
    fund_org: "F-1",
    cost_center: null,
    reference_1: null,
    reference_2: null,
    account_code: null,
    flags: null,
    review_status: "none",
    review_note: null,
    reviewed_by: null,
    reviewed_at: null,
    attribution: null,
    ...over,
  };
}

function insertOld(db: Database, c: Row): void {
  const cols = Object.keys(c);
  db.run(
    `INSERT INTO charges (${cols.join(", ")}) VALUES (${cols.map(() => "?").join(", ")})`,
    ...(Object.values(c) as (string | number | null)[]),
  );
}

const rollups = (db: Database) =>
  db.all(
    `SELECT period, source_id, pi_email, pi_name, project_id, fund_org, service_name,
       billing_currency, review_status, charges, billed_cost, list_cost
     FROM charge_rollups ORDER BY period, source_id, pi_email, project_id, review_status`,
  );

Deno.test("migration 0014: every charge of a schema-13 database reads back identically, texts stored once", async () => {
  const dir = await Deno.makeTempDir({ prefix: "oc-m14-" });
  const path = `${dir}/billing.db`;
  const db = new Database(new DatabaseSync(path), path);
  try {
    applyMigrations(db, MIGRATIONS.filter((m) => m.version <= 13));
    db.run(
      "INSERT INTO sources (id, name, display_name, created_at) VALUES (1, 'aws', 'AWS', 't')",
    );
    db.run("INSERT INTO periods (period, status, created_at) VALUES ('2025-01', 'open', 't')");
    for (const id of [1, 2]) {
      db.run(
        `INSERT INTO imports (id, source_id, files, mode, periods, rows, added, removed, unchanged,
           flagged, billed_cost, list_cost, status, imported_by, imported_at)
         VALUES (?, 1, '[]', 'replace', '["2025-01"]', 3, 3, 0, 0, 0, 0, 0, 'imported', 'cli:x', 't')`,
        id,
      );
    }
    // ids with gaps; the same texts twice; a charge with every optional column NULL; a held one
    insertOld(db, charge(5));
    insertOld(db, charge(9, { charge_description: "Amazon S3 GB-Mo, line 7", line_no: 40 }));
    const nulls = Object.fromEntries(
      Object.entries(charge(12)).map((
        [k, v],
      ) => [
        k,
        /^(billing_period_end|charge_period_|list_unit|contracted_unit|pricing_|consumed_|charge_(category|class|description|frequency)|service_|resource_|region|sub_account|billing_account|provider|publisher|invoice|sku|tags|extra|pi_|project|fund)/
            .test(k)
          ? null
          : v,
      ]),
    );
    insertOld(db, nulls);
    insertOld(
      db,
      charge(14, {
        tags: "not json {",
        flags: '["missing_fund_org"]',
        review_status: "pending",
        billing_currency: "EUR",
        file_name: "aws-2025-01b.csv",
      }),
    );
    // a charge delivery 2 replaced, archived at schema 13 (its texts in the JSON)
    insertOld(db, charge(20, { extra: '{"x_Other":"1"}', import_id: 1 }));
    db.run(
      `INSERT INTO replaced_charges (replaced_by, period, original_id, charge)
       SELECT 2, period, id, json_object(${
        Object.keys(charge(20)).map((k) => `'${k}', ${k}`).join(", ")
      }) FROM charges WHERE id = 20`,
    );
    db.run("DELETE FROM charges WHERE id = 20");
    const before = db.all<Row>("SELECT * FROM charges ORDER BY id");
    const rollupsBefore = rollups(db);
    const indexesBefore = db.all(
      "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'charges' ORDER BY name",
    );
    assert.equal(before.length, 4);

    applyMigrations(db);

    // every column, same names, same order, same values
    const after = db.all<Row>("SELECT * FROM charge_values ORDER BY id");
    assert.deepEqual(after.map((r) => Object.keys(r)), before.map((r) => Object.keys(r)));
    assert.deepEqual(after, before);
    assert.deepEqual(rollups(db), rollupsBefore);
    assert.deepEqual(
      db.all(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'charges' ORDER BY name",
      ),
      // the same indexes, less charges_period_pi (dropped by migration 0015)
      indexesBefore.filter((ix) => (ix as { name: string }).name !== "charges_period_pi"),
    );
    // the texts once each: 2 file names, 3 descriptions, 2 tags texts, 2 extra texts...
    const distinct = new Set<string>();
    for (const r of [...before, charge(20)]) {
      for (
        const k of [
          "file_name",
          "billing_period_start",
          "billing_period_end",
          "charge_period_start",
          "charge_period_end",
          "pricing_unit",
          "consumed_unit",
          "charge_category",
          "charge_class",
          "charge_description",
          "charge_frequency",
          "service_category",
          "resource_type",
          "region_id",
          "sub_account_id",
          "sub_account_name",
          "billing_account_id",
          "provider_name",
          "publisher_name",
          "invoice_issuer_name",
          "invoice_id",
          "sku_id",
          "sku_price_id",
          "tags",
          "extra",
        ]
      ) if (r[k] !== null && (k !== "extra" || r.id !== 20)) distinct.add(String(r[k]));
    }
    assert.equal(
      db.get<{ n: number }>("SELECT count(*) AS n FROM charge_texts")!.n,
      distinct.size,
    );
    assert.equal(
      db.get<{ n: number }>("SELECT count(*) AS n FROM charges WHERE tags_ref IS NOT NULL")!.n,
      3,
    );
    // the rollup triggers are back: a delete moves the figures
    db.run("DELETE FROM charges WHERE id = 9");
    assert.deepEqual(
      db.all(
        "SELECT charges, billed_cost FROM charge_rollups WHERE pi_email = 'ann@x.edu' AND review_status = 'none'",
      ).map((r) => ({ ...r })),
      [{ charges: 1, billed_cost: 5 * 1_234_567 }],
    );
    // the charge archived at schema 13 comes back as it was
    db.transaction(() => assert.equal(restoreReplacedCharges(db, 2), 1));
    assert.deepEqual(
      { ...db.get<Row>("SELECT * FROM charge_values WHERE id = 20") },
      charge(20, { extra: '{"x_Other":"1"}' }),
    );
    assert.equal(
      db.get<{ n: number }>("SELECT count(*) AS n FROM charge_rollups WHERE period = '2025-01'")!
        .n,
      3,
    );
    assert.equal(
      db.get<{ integrity_check: string }>("PRAGMA integrity_check")!.integrity_check,
      "ok",
    );
  } finally {
    db.close();
    await Deno.remove(dir, { recursive: true });
  }
});
