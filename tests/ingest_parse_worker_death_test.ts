/**
 * A parse worker that dies mid-delivery (here: out of memory, past a lowered
 * V8 old-generation limit) is noticed at once by the thread holding the write
 * transaction, which otherwise blocks waiting for its next batch: the ingest
 * fails with one line and nothing is stored. Real worker, real SQLite file.
 */

import { equal, match, rejects } from "node:assert/strict";
import { loadConfig } from "../src/config/mod.ts";
import { UserError } from "../src/domain/errors.ts";
import { fileFromPath, ingestDelivery } from "../src/ingest/mod.ts";
import { enableParseWorker } from "../src/ingest/parse_worker_entry.ts";
import { openDatabase } from "../src/storage/mod.ts";
import { tempWorkspace, write04Config } from "./cli_harness.ts";

const TAGS = '"{""pi_email"":""pi@example.edu"",""project_id"":""p1"",""fund_org"":""F-1""}"';

Deno.test("parse worker: a worker that runs out of memory mid-delivery fails the ingest in one line, nothing stored", async () => {
  const ws = await tempWorkspace("oc-worker-death-");
  const configPath = await write04Config(ws.dir);
  const { config } = loadConfig(configPath, () => undefined);
  const db = openDatabase(config.database.path);
  const before = Deno.env.get("OPENCHARGEBACK_INGEST_WORKER");
  try {
    // 3,000 ordinary rows (inserted while the worker reads on), then rows whose
    // ResourceId is 12 MB (under the 16 MB record limit): a worker limited to a
    // 32 MB old generation cannot cut and post them, and V8 ends it
    const path = `${ws.dir}/huge.csv`;
    const lines = ["BillingPeriodStart,BilledCost,ResourceId,Tags"];
    for (let i = 0; i < 3000; i++) lines.push(`2025-01-01,1.00,r${i},${TAGS}`);
    const big = "x".repeat(12 << 20);
    for (let i = 0; i < 3; i++) lines.push(`2025-01-01,1.00,${big}${i},${TAGS}`);
    await Deno.writeTextFile(path, lines.join("\n") + "\n");
    enableParseWorker(new URL("../main.ts", import.meta.url).href, 32);
    Deno.env.set("OPENCHARGEBACK_INGEST_WORKER", "on");
    const ctx = {
      config,
      configPath,
      db,
      actor: "test",
      now: () => new Date("2025-03-05T10:00:00Z"),
    };
    await rejects(
      ingestDelivery(ctx, {
        newSource: true,
        files: [fileFromPath(path, "huge.csv")],
        source: "hpc",
      }),
      (e: unknown) => {
        equal(e instanceof UserError, true, String(e));
        match(
          (e as UserError).oneLine(),
          /^the parse worker stopped while reading huge\.csv \(out of memory or a crash\); nothing was stored\. /,
        );
        return true;
      },
    );
    equal(db.get<{ n: number }>("SELECT count(*) AS n FROM charges")?.n, 0);
    equal(
      db.get<{ n: number }>("SELECT count(*) AS n FROM imports WHERE status = 'imported'")?.n,
      0,
    );
  } finally {
    if (before === undefined) Deno.env.delete("OPENCHARGEBACK_INGEST_WORKER");
    else Deno.env.set("OPENCHARGEBACK_INGEST_WORKER", before);
    db.close();
    await ws.cleanup();
  }
});
