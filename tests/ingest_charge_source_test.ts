/**
 * The charge-source seam (src/ingest/charge_source.ts): a delivery whose charges come from
 * something other than FOCUS CSV text goes through the same delivery as a FOCUS file:
 * period creation, the stored figures, the import record and its audit entry, replace on
 * redelivery and the unchanged-redelivery shortcut. The source here is metered usage
 * written as JSON lines, read by the test without any CSV.
 */

import { createHash } from "node:crypto";
import { deepEqual, equal } from "node:assert/strict";
import { loadConfig } from "../src/config/mod.ts";
import type { Charge } from "../src/domain/charge.ts";
import {
  type ChargeSource,
  fileFromBytes,
  focusCsvSource,
  ingestDelivery,
  RowErrorList,
} from "../src/ingest/mod.ts";
import { openDatabase } from "../src/storage/mod.ts";
import { tempWorkspace } from "./cli_harness.ts";

interface Usage {
  pi: string;
  project: string;
  fund: string;
  /** Micro-units (USD). */
  cost: number;
  node: string;
}

function charge(u: Usage, line: number): Charge {
  const nulls = {
    billingPeriodEnd: null,
    chargePeriodStart: null,
    chargePeriodEnd: null,
    listUnitPrice: null,
    contractedUnitPrice: null,
    pricingQuantity: null,
    pricingUnit: null,
    consumedQuantity: null,
    consumedUnit: null,
    chargeCategory: null,
    chargeClass: null,
    chargeDescription: null,
    chargeFrequency: null,
    serviceCategory: null,
    resourceName: null,
    resourceType: null,
    regionId: null,
    subAccountId: null,
    subAccountName: null,
    billingAccountId: null,
    providerName: null,
    publisherName: null,
    invoiceIssuerName: null,
    invoiceId: null,
    skuId: null,
    skuPriceId: null,
    tags: null,
    extra: null,
    piName: null,
    costCenter: null,
    reference1: null,
    reference2: null,
    accountCode: null,
    flags: null,
    attribution: null,
  };
  return {
    ...nulls,
    fileName: "usage.jsonl",
    lineNo: line,
    period: "2026-11",
    billingPeriodStart: "2026-11-01T00:00:00Z",
    billedCost: u.cost,
    listCost: u.cost,
    contractedCost: u.cost,
    effectiveCost: u.cost,
    billingCurrency: "USD",
    serviceName: "HPC compute",
    resourceId: u.node,
    piEmail: u.pi,
    projectId: u.project,
    fundOrg: u.fund,
    fingerprint: createHash("sha256").update(JSON.stringify(u)).digest("hex"),
  };
}

/** Metered usage as a charge source: one JSON object per line, no CSV anywhere. */
function meteredUsage(text: string): ChargeSource {
  const bytes = new TextEncoder().encode(text);
  const part = fileFromBytes("usage.jsonl", bytes);
  const readAll: ChargeSource["readBlocking"] = (sink) => {
    const usage = text.trim().split("\n").map((l) => JSON.parse(l) as Usage);
    sink.add(usage.map((u, i) => charge(u, i + 1)));
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    return {
      files: [{
        name: "usage.jsonl",
        sha256,
        bytes: bytes.length,
        rows: usage.length,
        focusVersion: null,
        columns: [],
      }],
      rows: usage.length,
      errors: new RowErrorList(),
    };
  };
  return {
    parts: [part],
    blockingBytes: () => bytes.length,
    readBlocking: readAll,
    read: (sink, opts) => Promise.resolve(readAll(sink, opts, bytes.length)),
  };
}

const line = (pi: string, cost: number, node: string) =>
  JSON.stringify({ pi, project: "climate", fund: "GEO-1", cost, node });

Deno.test("charge source: metered usage (no CSV) is a delivery like a FOCUS file", async () => {
  const ws = await tempWorkspace("oc-seam-");
  const path = `${ws.dir}/billing.db`;
  Deno.writeTextFileSync(`${ws.dir}/c.yaml`, `database:\n  path: ${path}\n`);
  const { config } = loadConfig(`${ws.dir}/c.yaml`, () => undefined);
  const db = openDatabase(path);
  const ctx = { config, configPath: null, db, actor: "test", now: () => new Date("2026-12-02") };
  try {
    const first = [
      line("ada@univ.example", 1_234_567, "n1"),
      line("ada@univ.example", 5_000, "n2"),
      line("bo@univ.example", 99_999_999, "n3"),
    ].join("\n");
    const a = await ingestDelivery(ctx, {
      charges: meteredUsage(first),
      source: "hpc",
      newSource: true,
    });
    deepEqual([a.status, a.rows, a.added, a.periods], ["imported", 3, 3, ["2026-11"]]);
    equal(a.billedCost, "101.239566"); // 1.234567 + 0.005 + 99.999999
    const stored = db.all<{ n: number; billed: number }>(
      "SELECT count(*) AS n, sum(billed_cost) AS billed FROM charges",
    )[0];
    deepEqual([stored.n, stored.billed], [3, 101_239_566]);
    equal(db.all("SELECT 1 FROM periods WHERE period = '2026-11'").length, 1);
    const audited = db.all<{ n: number }>(
      "SELECT count(*) AS n FROM audit_log WHERE action = 'import'",
    )[0].n;
    equal(audited, 1);

    // the same usage again: the unchanged shortcut, by the parts' SHA-256
    const again = await ingestDelivery(ctx, {
      charges: meteredUsage(first),
      source: "hpc",
    });
    deepEqual([again.status, again.unchanged], ["unchanged", 3]);

    // a corrected delivery replaces the period's charges: n2 gone, n4 added, n1 and n3 kept
    const second = [
      line("ada@univ.example", 1_234_567, "n1"),
      line("bo@univ.example", 99_999_999, "n3"),
      line("bo@univ.example", 10_000_000, "n4"),
    ].join("\n");
    const b = await ingestDelivery(ctx, { charges: meteredUsage(second), source: "hpc" });
    deepEqual([b.status, b.added, b.removed, b.unchanged], ["imported", 1, 1, 2]);
    const ids = db.all<{ resource_id: string }>(
      "SELECT resource_id FROM charges ORDER BY resource_id",
    ).map((r) => r.resource_id);
    deepEqual(ids, ["n1", "n3", "n4"]);

    // FOCUS files are the same seam: focusCsvSource is what `files` means
    const csv = fileFromBytes(
      "aws_2026-11.csv",
      new TextEncoder().encode(
        "BillingPeriodStart,BilledCost,ListCost,ResourceId\n2026-11-01,2.50,3.00,i-1\n",
      ),
    );
    const c = await ingestDelivery(ctx, {
      charges: focusCsvSource([csv]),
      source: "aws",
      newSource: true,
    });
    deepEqual([c.status, c.rows, c.billedCost, c.listCost], ["imported", 1, "2.50", "3.00"]);
  } finally {
    db.close();
    await ws.cleanup();
  }
});
