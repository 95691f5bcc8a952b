/**
 * Crash safety of the big first import, which drops the charges indexes and,
 * alone on the database, writes through the rollback journal instead of the
 * WAL (src/storage/rollback_journal.ts): the real CLI killed with SIGKILL at
 * seeded random moments. Afterwards the database passes integrity_check,
 * holds none or all of the delivery (a hot journal is rolled back by the next
 * reader), keeps its indexes, and the next command restores the WAL.
 *
 * CI: 4 kills (seed 1). OC_LONG_TESTS=1: 20. OC_CRASH_SEED=n changes the moments.
 */

import { equal, ok } from "node:assert/strict";
import { tempWorkspace, write04Config } from "./cli_harness.ts";
import { runCliTimed } from "./hostile/cli_timed.ts";
import { queryDb, readDbState } from "./hostile/db_state.ts";
import { longRowsFocusText } from "./hostile/focus_files.ts";
import { runAndKill } from "./hostile/run_and_kill.ts";
import { seededRandom } from "./hostile/seeded_random.ts";

const LONG = Deno.env.get("OC_LONG_TESTS") === "1";
const SEED = Number(Deno.env.get("OC_CRASH_SEED") ?? "1");
const ROWS = 16_000;
const BILLED_MICROS = (ROWS * (ROWS + 1) / 2) * 10_000; // 0.01 + 0.02 + ... in micro-units

/** The journal of the database file from its header (bytes 18-19: 1 rollback, 2 WAL). */
function fileJournal(db: string): "rollback" | "wal" {
  const f = Deno.openSync(db);
  try {
    const head = new Uint8Array(20);
    f.readSync(head);
    return head[18] === 2 ? "wal" : "rollback";
  } finally {
    f.close();
  }
}

const query = <T>(db: string, text: string): T => queryDb<T>(db, text)[0];

Deno.test("crash safety: a big first import (rollback journal) killed at random moments stores none or all", async () => {
  const trials = LONG ? 20 : 4;
  const ws = await tempWorkspace("oc-crash-bulk-");
  try {
    await write04Config(ws.dir);
    const db = `${ws.dir}/instance/billing.db`;
    await Deno.writeTextFile(`${ws.dir}/big.csv`, longRowsFocusText(ROWS, "2025-07"));
    const ingest = (
      source: string,
    ) => ["ingest", "--new-source", "big.csv", "-s", source, "-c", "config.yaml"];
    const t0 = performance.now();
    const full = await runCliTimed(ingest("bulk-full"), ws.dir);
    const fullMs = performance.now() - t0;
    equal(full.code, 0, full.stderr);
    equal(readDbState(db, "bulk-full").billedMicros, BILLED_MICROS);
    const indexes = query<{ n: number }>(
      db,
      "SELECT count(*) AS n FROM sqlite_master WHERE type = 'index' AND tbl_name = 'charges'",
    ).n;
    const rnd = seededRandom(SEED);
    const outcome = { none: 0, all: 0, finished: 0, inRollbackMode: 0 };
    for (let t = 0; t < trials; t++) {
      // a new source each time: always a first import, straight into charges
      const source = `bulk-${t}`;
      const delay = fullMs * (0.3 + rnd.next() * 1.1);
      const r = await runAndKill(ingest(source), ws.dir, delay);
      const label = `trial ${t} (kill after ${Math.round(delay)} ms, exit ${r.code})`;
      if (!r.killed) equal(r.code, 0, `${label}: ${r.stderr}`);
      if (r.killed && fileJournal(db) === "rollback") outcome.inRollbackMode++;
      const now = readDbState(db, source); // rolls a hot journal back first
      equal(now.integrity, "ok", label);
      ok(now.charges === 0 || now.charges === ROWS, `${label}: ${now.charges} charges`);
      equal(now.billedMicros, now.charges === 0 ? 0 : BILLED_MICROS, label);
      const idx = query<{ n: number }>(
        db,
        "SELECT count(*) AS n FROM sqlite_master WHERE type = 'index' AND tbl_name = 'charges'",
      ).n;
      equal(idx, indexes, `${label}: the charges indexes`);
      if (!r.killed) outcome.finished++;
      else if (now.charges === 0) outcome.none++;
      else outcome.all++;
    }
    // the next command works without repair, and the database is back in WAL mode
    const list = await runCliTimed(["periods", "list", "-c", "config.yaml"], ws.dir);
    equal(list.code, 0, list.stderr);
    equal(query<{ journal_mode: string }>(db, "PRAGMA journal_mode").journal_mode, "wal");
    console.log(`crash bulk ingest: ${trials} kills (seed ${SEED}): ${JSON.stringify(outcome)}`);
    ok(outcome.none > 0, "no kill landed before the commit: the delays are wrong");
    ok(outcome.inRollbackMode > 0, "no kill landed while the import used the rollback journal");
  } finally {
    await ws.cleanup();
  }
});
