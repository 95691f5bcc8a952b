/**
 * Fuzzing ingest: random mutations of a valid FOCUS file (fixed seed), read in
 * random-sized chunks. Invariant: each delivery is refused whole with a
 * message naming the file (nothing stored), or imported whole with exactly
 * the rows and billed total an independent CSV reading finds.
 *
 * OC_FUZZ_ITERATIONS=5000 (any number) and OC_FUZZ_SEED=n run more on demand;
 * CI runs 300 with seed 1.
 */

import { equal } from "node:assert/strict";
import type { AppContext } from "../src/app_context.ts";
import { loadConfig } from "../src/config/mod.ts";
import { UserError } from "../src/domain/errors.ts";
import { ingestDelivery } from "../src/ingest/mod.ts";
import { openDatabase } from "../src/storage/mod.ts";
import { tempWorkspace, write04Config } from "./cli_harness.ts";
import { makeFocusFile } from "./hostile/focus_files.ts";
import { chunkedStream, mutate } from "./hostile/mutate_focus.ts";
import { referenceTotals } from "./hostile/reference_csv.ts";
import { seededRandom } from "./hostile/seeded_random.ts";

const ITERATIONS = Number(Deno.env.get("OC_FUZZ_ITERATIONS") ?? "300");
const SEED = Number(Deno.env.get("OC_FUZZ_SEED") ?? "1");

Deno.test(`fuzz ingest: ${ITERATIONS} mutated files are refused whole or imported whole with exact totals`, async () => {
  const ws = await tempWorkspace("oc-fuzz-");
  const configPath = await write04Config(ws.dir);
  const { config } = loadConfig(configPath, () => undefined);
  const db = openDatabase(config.database.path);
  const ctx: AppContext = {
    config,
    configPath,
    db,
    actor: "test:fuzz",
    now: () => new Date("2025-02-03T10:00:00Z"),
  };
  try {
    const base = new TextEncoder().encode(
      makeFocusFile({ rows: 40, period: "2025-04", seed: SEED, pis: 3 }).text,
    );
    const rnd = seededRandom(SEED);
    const state = () => ({
      charges: db.all<Record<string, unknown>>(
        "SELECT id, period, fingerprint, occurrence, billed_cost, review_status FROM charges ORDER BY id",
      ),
      imports: db.get<{ n: number }>("SELECT count(*) AS n FROM imports")?.n,
    });
    const tally = { refused: 0, imported: 0, unchanged: 0 };
    for (let i = 0; i < ITERATIONS; i++) {
      const { bytes, done } = mutate(base, rnd);
      const name = `fuzz-${i}.csv`;
      const label = `iteration ${i} (seed ${SEED}: ${done.join(", ")})`;
      const before = state();
      const chunkRnd = seededRandom(SEED * 100_003 + i);
      let summary;
      try {
        summary = await ingestDelivery(ctx, {
          newSource: true,
          files: [{ name, open: () => Promise.resolve(chunkedStream(bytes, chunkRnd)) }],
          source: "fuzz",
        });
      } catch (e) {
        if (!(e instanceof UserError)) {
          throw new Error(`${label}: not a user error: ${(e as Error)?.stack ?? e}`);
        }
        equal(e.location.file, name, `${label}: ${e.oneLine()}`);
        equal(e.oneLine().length < 1000, true, `${label}: a ${e.oneLine().length}-char message`);
        equal(db.sql.isTransaction, false, `${label}: transaction left open`);
        equal(JSON.stringify(state()), JSON.stringify(before), `${label}: refused but changed`);
        tally.refused++;
        continue;
      }
      const ref = referenceTotals(bytes);
      if (ref === null) throw new Error(`${label}: imported, but the reference reading refuses it`);
      equal(summary.rows, ref.rows, `${label}: rows`);
      const stored = db.get<{ n: number; billed: number | null }>(
        `SELECT count(*) AS n, sum(billed_cost) AS billed FROM charges
         WHERE source_id = (SELECT id FROM sources WHERE name = 'fuzz')
           AND period IN (SELECT value FROM json_each(?))`,
        JSON.stringify(summary.periods),
      )!;
      equal(stored.n, ref.rows, `${label}: stored rows`);
      equal(BigInt(stored.billed ?? 0), ref.billedMicros, `${label}: stored billed total`);
      tally[summary.status === "unchanged" ? "unchanged" : "imported"]++;
    }
    equal(tally.refused + tally.imported + tally.unchanged, ITERATIONS);
    equal(db.get<{ r: string }>("PRAGMA integrity_check")?.["integrity_check" as "r"], "ok");
    console.log(`fuzz ingest: seed ${SEED}, ${ITERATIONS} iterations: ${JSON.stringify(tally)}`);
  } finally {
    db.close();
    await ws.cleanup();
  }
});
