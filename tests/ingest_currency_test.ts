/** A delivery in two currencies: never added together, in the JSON or in the store. */

import { deepEqual, equal } from "node:assert/strict";
import { ingestWorkspace, writeFile } from "./ingest_helpers.ts";

Deno.test("ingest: two currencies are reported apart; top-level sums are null, never mixed", async () => {
  const ws = await ingestWorkspace();
  try {
    const file = await writeFile(
      ws.dir,
      "mixed.csv",
      [
        "BillingPeriodStart,BilledCost,ListCost,BillingCurrency,Tags",
        '2025-01-01,10.50,12.00,USD,"{""pi_email"": ""a@x.edu"", ""project_id"": ""p"", ""fund_org"": ""F-1""}"',
        '2025-01-01,0.25,0.25,EUR,"{""pi_email"": ""a@x.edu"", ""project_id"": ""p"", ""fund_org"": ""F-1""}"',
        '2025-01-01,4.00,4.00,eur,"{""pi_email"": ""a@x.edu"", ""project_id"": ""p"", ""fund_org"": ""F-1""}"',
        "",
      ].join("\n"),
    );
    const r = await ws.ingest([file, "-s", "cloud", "--json"]);
    equal(r.code, 0, r.stderr);
    const j = r.json<Record<string, unknown>>();
    deepEqual([j.rows, j.billedCost, j.listCost, j.currency], [3, null, null, null]);
    deepEqual(j.currencies, [
      { currency: "EUR", rows: 2, billedCost: "4.25", listCost: "4.25" },
      { currency: "USD", rows: 1, billedCost: "10.50", listCost: "12.00" },
    ]);
    deepEqual(
      ws.query(
        "SELECT billing_currency AS c, sum(billed_cost) AS b FROM charges GROUP BY c ORDER BY c",
      ),
      [{ c: "EUR", b: 4_250_000 }, { c: "USD", b: 10_500_000 }],
    );
  } finally {
    await ws.cleanup();
  }
});
