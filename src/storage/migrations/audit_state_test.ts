import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { Database } from "../database.ts";
import { applyMigrations } from "../migrate.ts";
import { MIGRATIONS } from "./mod.ts";

/** A database at schema 8 holding what 0.x kept in the audit log, then migrated to 9. */
function migratedFrom8(): Database {
  const db = new Database(new DatabaseSync(":memory:"), ":memory:");
  applyMigrations(db, MIGRATIONS.filter((m) => m.version <= 8));
  db.run("INSERT INTO sources (id, name, display_name, created_at) VALUES (1, 'aws', 'AWS', 't')");
  const imp = (id: number) =>
    db.run(
      `INSERT INTO imports (id, source_id, files, mode, periods, rows, added, removed, unchanged,
         flagged, billed_cost, list_cost, status, imported_by, imported_at)
       VALUES (?, 1, '[]', 'replace', '["2025-01"]', 3, 3, 0, 0, 0, 0, 0, 'imported', 'cli:x', 't')`,
      id,
    );
  imp(1);
  imp(2);
  imp(3);
  const audit = (action: string, entity: string, entityId: string, details: string | null) =>
    db.run(
      `INSERT INTO audit_log (at, actor, action, entity, entity_id, details)
       VALUES ('2025-02-01T00:00:00Z', 'cli:ann', ?, ?, ?, ?)`,
      action,
      entity,
      entityId,
      details,
    );
  const recheck = {
    key: "k1",
    sha256: ["ab"],
    charges: { count: 3, idSum: 6 },
    totals: { rows: 3 },
  };
  audit("import", "import", "1", JSON.stringify({ source: "aws", rows: 3, recheck }));
  audit("import", "import", "2", JSON.stringify({ source: "aws", rows: 3 })); // no recheck (no periods)
  audit("import", "import", "3", "not json");
  audit(
    "import.refused",
    "source",
    "aws",
    JSON.stringify({
      source: "AWS",
      files: ["a.csv", "b.csv"],
      mode: "append",
      error: "error: 2 row errors.",
      details: ["a.csv:2: BilledCost: x"],
    }),
  );
  audit("import.refused", "source", "gcp", null);
  applyMigrations(db);
  return db;
}

Deno.test("migration 0009: the recheck records move from the audit details to imports.recheck", () => {
  const db = migratedFrom8();
  const rows = db.all<{ id: number; recheck: string | null }>(
    "SELECT id, recheck FROM imports ORDER BY id",
  );
  assert.deepEqual(rows.map((r) => [r.id, r.recheck === null ? null : JSON.parse(r.recheck)]), [
    [1, { key: "k1", sha256: ["ab"], charges: { count: 3, idSum: 6 }, totals: { rows: 3 } }],
    [2, null],
    [3, null],
  ]);
});

Deno.test("migration 0009: refused deliveries move from the audit log to refused_imports", () => {
  const db = migratedFrom8();
  const rows = db.all<Record<string, unknown>>(
    "SELECT id, at, actor, source, files, mode, error, details FROM refused_imports ORDER BY id",
  );
  assert.deepEqual(rows.map((r) => ({ ...r })), [
    {
      id: 1,
      at: "2025-02-01T00:00:00Z",
      actor: "cli:ann",
      source: "AWS",
      files: '["a.csv","b.csv"]',
      mode: "append",
      error: "error: 2 row errors.",
      details: '["a.csv:2: BilledCost: x"]',
    },
    {
      id: 2,
      at: "2025-02-01T00:00:00Z",
      actor: "cli:ann",
      source: "gcp",
      files: "[]",
      mode: "replace",
      error: "",
      details: "[]",
    },
  ]);
  // the audit log itself is left as it was
  assert.equal(db.get<{ n: number }>("SELECT count(*) AS n FROM audit_log")?.n, 5);
});
