import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { Database } from "./database.ts";
import { applyMigrations } from "./migrate.ts";
import { attachDatabase, copyPeriodRows, idCollisions } from "./archive_repo.ts";

Deno.test("db archive: charge texts are copied; a text id meaning another text is a clash", async () => {
  const dir = await Deno.makeTempDir({ prefix: "oc-arc-texts-" });
  const open = (name: string) => {
    const path = `${dir}/${name}.db`;
    const db = new Database(new DatabaseSync(path), path);
    applyMigrations(db);
    return db;
  };
  const live = open("live");
  const arc = open("arc");
  try {
    live.run("INSERT INTO charge_texts (id, value) VALUES (1, 'f.csv'), (2, '{\"a\":1}')");
    arc.run("INSERT INTO charge_texts (id, value) VALUES (1, 'f.csv')");
    arc.close();
    attachDatabase(live, `${dir}/arc.db`, "arc");
    // the archive's texts agree with the live ones: no clash; copying adds the missing one
    assert.deepEqual(idCollisions(live, "arc", "main", ["2025-01"]), []);
    copyPeriodRows(live, "main", "arc", ["2025-01"]);
    assert.deepEqual(
      live.all("SELECT id, value FROM arc.charge_texts ORDER BY id").map((r) => ({ ...r })),
      [{ id: 1, value: "f.csv" }, { id: 2, value: '{"a":1}' }],
    );
    // the same id for another text (an archive of another database) is refused
    live.run("UPDATE arc.charge_texts SET value = 'g.csv' WHERE id = 1");
    assert.deepEqual(idCollisions(live, "arc", "main", ["2025-01"]), ["charge_texts"]);
  } finally {
    live.close();
    await Deno.remove(dir, { recursive: true });
  }
});
