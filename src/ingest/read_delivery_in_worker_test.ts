import { deepEqual, equal } from "node:assert/strict";
import type { StagedCharge } from "../storage/mod.ts";
import { fileFromPath } from "./ingest_file.ts";
import { enableParseWorker, parseWorkerEntry, useParseWorker } from "./parse_worker_entry.ts";
import { compileRule } from "../domain/attribution_rules.ts";
import { type DeliveryReadOptions, readDeliveryBlocking } from "./read_delivery.ts";
import { readDeliveryInWorker } from "./read_delivery_in_worker.ts";

/** The project's own sample data (64 rows); the 1,000-row FOCUS sample: tests/conformance/. */
const SAMPLE = new URL("../../sample_data/aws_2026-09.csv", import.meta.url).pathname;
const OPTIONS: DeliveryReadOptions = {
  defaultCurrency: "USD",
  finishing: {
    tagMapping: { pi_email: "pi_email", project_id: "project_id", fund_org: "fund_org" } as never,
    rules: { flagPatterns: [{ source: "test", regex: /test/i }], fundOrgPatterns: [/^F-/] },
    expectedPeriod: null,
    // a compiled rule (with a RegExp) crosses to the worker as data
    attribution: {
      precedence: "tags",
      rules: [compileRule(
        {
          name: "by-region",
          match: { RegionId: "/^us-/" },
          set: { fund_org: "F-REGION" },
        },
        "config",
        "test",
      )],
      aliases: {},
    },
  },
};

Deno.test("parse worker: the same rows, files and errors as the one-thread reader, in a real worker", () => {
  enableParseWorker(new URL("../../main.ts", import.meta.url).href);
  const viaWorker: StagedCharge[] = [];
  const progress: number[] = [];
  const w = readDeliveryInWorker([{ name: "sample.csv", path: SAMPLE }], {
    add: (rows) => viaWorker.push(...rows),
  }, { ...OPTIONS, onProgress: (n) => progress.push(n) });
  const inThread: StagedCharge[] = [];
  const t = readDeliveryBlocking([fileFromPath(SAMPLE, "sample.csv")], {
    add: (rows) => inThread.push(...rows),
  }, OPTIONS);
  equal(viaWorker.length, 64);
  deepEqual(viaWorker, inThread);
  deepEqual(w.files, t.files);
  equal(w.rows, 64);
  equal(w.errors.count, 0);
  equal(progress.at(-1), 64);
});

Deno.test("parse worker: by default (auto) from 16 MB, the bundle only when asked; on always; off one thread", () => {
  enableParseWorker(new URL("../../main.ts", import.meta.url).href);
  equal(parseWorkerEntry() !== null, true);
  const before = Deno.env.get("OPENCHARGEBACK_INGEST_WORKER");
  try {
    Deno.env.delete("OPENCHARGEBACK_INGEST_WORKER");
    deepEqual([useParseWorker(1), useParseWorker((16 << 20) - 1), useParseWorker(16 << 20)], [
      false,
      false,
      true,
    ]);
    Deno.env.set("OPENCHARGEBACK_INGEST_WORKER", "auto");
    deepEqual([useParseWorker(1), useParseWorker(1 << 30)], [false, true]);
    // the bundle: auto when asked (its worker is small), one thread when unset (memory)
    globalThis.__OPENCHARGEBACK_BUNDLE__ = true;
    deepEqual([useParseWorker(1), useParseWorker(1 << 30)], [false, true]);
    Deno.env.delete("OPENCHARGEBACK_INGEST_WORKER");
    deepEqual([useParseWorker(1), useParseWorker(1 << 30)], [false, false]);
    Deno.env.set("OPENCHARGEBACK_INGEST_WORKER", "auto");
    delete globalThis.__OPENCHARGEBACK_BUNDLE__;
    Deno.env.set("OPENCHARGEBACK_INGEST_WORKER", "on");
    deepEqual([useParseWorker(1), useParseWorker(1 << 30)], [true, true]);
    for (const off of ["off", "OFF", "0", "false", "no"]) {
      Deno.env.set("OPENCHARGEBACK_INGEST_WORKER", off);
      deepEqual([useParseWorker(1), useParseWorker(1 << 30)], [false, false]);
    }
  } finally {
    delete globalThis.__OPENCHARGEBACK_BUNDLE__;
    if (before === undefined) Deno.env.delete("OPENCHARGEBACK_INGEST_WORKER");
    else Deno.env.set("OPENCHARGEBACK_INGEST_WORKER", before);
  }
});
