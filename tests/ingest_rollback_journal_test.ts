/**
 * A big ingest that is alone on the database writes through SQLite's rollback
 * journal (src/storage/rollback_journal.ts): checked from inside the import
 * (the progress callback runs in its write transaction), with and without
 * another connection open, on a real database file. And a command that finds
 * the database locked for longer than its busy timeout says so in one line.
 */

import { equal, match, ok } from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import type { AppContext } from "../src/app_context.ts";
import { loadConfig } from "../src/config/mod.ts";
import { fileFromBytes, ingestDelivery } from "../src/ingest/mod.ts";
import { journalMode, openDatabase } from "../src/storage/mod.ts";
import { runCli, tempWorkspace, write04Config } from "./cli_harness.ts";
import { longRowsFocusText } from "./hostile/focus_files.ts";

const ROWS = 16_000;

function focusBytes(rows: number, descriptionLength: number): Uint8Array {
  const bytes = new TextEncoder().encode(longRowsFocusText(rows, "2025-01", descriptionLength));
  ok(descriptionLength < 2_200 || bytes.length > 32 << 20, `${bytes.length} bytes`);
  return bytes;
}

async function importWatching(other: boolean, descriptionLength = 2_200) {
  const ws = await tempWorkspace("oc-journal-");
  const configPath = await write04Config(ws.dir);
  const { config } = loadConfig(configPath, () => undefined);
  const db = openDatabase(config.database.path);
  const reader = other ? new DatabaseSync(config.database.path) : null;
  reader?.exec("PRAGMA busy_timeout = 0");
  // like a running web server: a connection that has read once keeps its hold on the WAL
  reader?.prepare("SELECT count(*) FROM charges").get();
  const modes = new Set<string>();
  let readerSaw = -1;
  try {
    const ctx: AppContext = {
      config,
      configPath,
      db,
      actor: "test",
      now: () => new Date("2025-02-05T10:00:00Z"),
    };
    const summary = await ingestDelivery(ctx, {
      newSource: true,
      files: [fileFromBytes("jan.csv", focusBytes(ROWS, descriptionLength))],
      source: "hpc",
      onProgress: () => {
        modes.add(journalMode(db));
        if (reader) {
          // never blocked: a WAL reader sees the last commit (no charges yet)
          readerSaw =
            (reader.prepare("SELECT count(*) AS n FROM charges").get() as { n: number }).n;
        }
      },
    });
    equal(summary.rows, ROWS);
    equal(summary.billedCost, "1280080.00"); // sum of i/100 for i = 1..16,000
    equal(journalMode(db), "wal");
    const n = db.get<{ n: number }>("SELECT count(*) AS n FROM charges")!.n;
    equal(n, ROWS);
    equal(db.get<{ r: string }>("PRAGMA integrity_check")!.r ?? "ok", "ok");
    if (reader) {
      equal((reader.prepare("SELECT count(*) AS n FROM charges").get() as { n: number }).n, ROWS);
    }
    return { modes: [...modes], readerSaw };
  } finally {
    reader?.close();
    db.close();
    await ws.cleanup();
  }
}

Deno.test("big ingest alone: the import runs with the rollback journal, WAL afterwards", async () => {
  const got = await importWatching(false);
  equal(got.modes.join(","), "delete");
});

Deno.test("big ingest beside another connection: stays in WAL, the reader reads throughout", async () => {
  const got = await importWatching(true);
  equal(got.modes.join(","), "wal");
  equal(got.readerSaw, 0);
});

Deno.test("smaller ingest alone (2 MB): stays in WAL, where readers never wait", async () => {
  const got = await importWatching(false, 100);
  equal(got.modes.join(","), "wal");
});

Deno.test("CLI: a database locked past the busy timeout is one line, exit 1, no stack", async () => {
  const ws = await tempWorkspace("oc-busy-");
  try {
    const config = await write04Config(ws.dir, "");
    const text = (await Deno.readTextFile(config)).replace(
      /database:\n/,
      "database:\n  busy_timeout_ms: 200\n",
    );
    await Deno.writeTextFile(config, text);
    const first = await runCli(["periods", "list", "-c", config], { cwd: ws.dir });
    equal(first.code, 0, first.stderr);
    const holder = new DatabaseSync(`${ws.dir}/instance/billing.db`);
    try {
      holder.exec("PRAGMA journal_mode = DELETE; BEGIN EXCLUSIVE");
      const busy = await runCli(["periods", "list", "-c", config], { cwd: ws.dir });
      equal(busy.code, 1, busy.stderr);
      const lines = busy.stderr.trim().split("\n");
      equal(lines.length, 1, busy.stderr);
      match(lines[0], /^error: the database is busy: .*busy_timeout_ms.* Run it again/);
      ok(!busy.stderr.includes("    at "));
    } finally {
      holder.exec("ROLLBACK");
      holder.close();
    }
    const after = await runCli(["periods", "list", "-c", config], { cwd: ws.dir });
    equal(after.code, 0, after.stderr);
  } finally {
    await ws.cleanup();
  }
});
