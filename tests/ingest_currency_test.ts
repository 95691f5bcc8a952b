/** A delivery in two currencies: never added together, in the JSON or in the store. */

import { deepEqual, equal, match } from "node:assert/strict";
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

const TAGS = '"{""pi_email"": ""a@x.edu"", ""project_id"": ""p"", ""fund_org"": ""F-1""}"';

Deno.test("ingest: a file without BillingCurrency takes the config currency with a warning naming rows and currency", async () => {
  const ws = await ingestWorkspace();
  try {
    const file = await writeFile(
      ws.dir,
      "hpc.csv",
      [
        "BillingPeriodStart,BilledCost,Tags",
        `2025-01-01,1.50,${TAGS}`,
        `2025-01-01,2.25,${TAGS}`,
        "",
      ]
        .join("\n"),
    );
    const r = await ws.ingest([file, "-s", "hpc", "--json"]);
    equal(r.code, 0, r.stderr);
    const line = `${file}: no BillingCurrency column; its 2 rows take the config currency, USD.`;
    deepEqual(r.json<Record<string, unknown>>().warnings, [line]);
    equal(r.stderr.trim(), `warning: ${line}`);
    deepEqual(ws.query("SELECT billing_currency AS c, count(*) AS n FROM charges GROUP BY c"), [
      { c: "USD", n: 2 },
    ]);
    // the same delivery again (unchanged shortcut) still says so
    const again = await ws.ingest([file, "-s", "hpc", "--json"]);
    equal(again.json<Record<string, unknown>>().status, "unchanged");
    deepEqual(again.json<Record<string, unknown>>().warnings, [line]);
    // the human summary: the warning on stderr
    const empty = await writeFile(
      ws.dir,
      "empty_cells.csv",
      [
        "BillingPeriodStart,BilledCost,BillingCurrency,Tags",
        `2025-02-01,1.00,,${TAGS}`,
        `2025-02-01,1.00,EUR,${TAGS}`,
        `2025-02-01,1.00,,${TAGS}`,
        "",
      ].join("\n"),
    );
    const e = await ws.ingest([empty, "-s", "hpc"]);
    equal(e.code, 0, e.stderr);
    equal(
      e.stderr.trim(),
      `warning: ${empty}: 2 rows with an empty BillingCurrency take the config currency, USD.`,
    );
  } finally {
    await ws.cleanup();
  }
});

Deno.test("ingest: a pre-1.0 BilledCurrency column is the currency (BillingCurrency wins when both)", async () => {
  const ws = await ingestWorkspace();
  try {
    const file = await writeFile(
      ws.dir,
      "old.csv",
      [
        "BillingPeriodStart,BilledCost,AmortizedCost,BilledCurrency,Tags",
        `2025-01-01,10.00,10.00,JPY,${TAGS}`,
        `2025-01-01,1.10,1.10,hrk,${TAGS}`, // withdrawn in 2023, still ISO 4217 (List Three)
        `2025-01-01,0.90,0.90,JPY,${TAGS}`,
        "",
      ].join("\n"),
    );
    const r = await ws.ingest([file, "-s", "old", "--json"]);
    equal(r.code, 0, r.stderr);
    const j = r.json<Record<string, unknown>>();
    deepEqual([j.focusVersion, j.warnings], ["0.5", []]);
    deepEqual(
      ws.query(
        "SELECT billing_currency AS c, sum(billed_cost) AS b FROM charges GROUP BY c ORDER BY c",
      ),
      [
        { c: "HRK", b: 1_100_000 },
        { c: "JPY", b: 10_900_000 },
      ],
    );
    const both = await writeFile(
      ws.dir,
      "both.csv",
      [
        "BillingPeriodStart,BilledCost,BilledCurrency,BillingCurrency,Tags",
        `2025-03-01,1.00,AUD,EUR,${TAGS}`,
        "",
      ]
        .join("\n"),
    );
    equal((await ws.ingest([both, "-s", "both"])).code, 0);
    deepEqual(
      ws.query("SELECT billing_currency AS c, extra FROM charge_values WHERE period = '2025-03'"),
      [
        { c: "EUR", extra: '{"BilledCurrency":"AUD"}' },
      ],
    );
  } finally {
    await ws.cleanup();
  }
});

Deno.test("ingest: a BillingCurrency that is not ISO 4217 refuses the file with line and column", async () => {
  const ws = await ingestWorkspace();
  try {
    const file = await writeFile(
      ws.dir,
      "tokens.csv",
      [
        "BillingPeriodStart,BilledCost,BillingCurrency,PricingCurrency,Tags",
        `2025-01-01,1.00,USD,Token,${TAGS}`, // a virtual PricingCurrency is allowed
        `2025-01-01,1.00,credits,credits,${TAGS}`,
        `2025-01-01,1.00,GGP,USD,${TAGS}`,
        "",
      ].join("\n"),
    );
    const r = await ws.ingest([file, "-s", "llm", "--json"]);
    equal(r.code, 1);
    equal(r.stdout, "");
    match(
      r.stderr,
      /tokens\.csv:3: column BillingCurrency: 'credits' is not an ISO 4217 currency code\. \(2 errors; nothing was stored\)/,
    );
    match(
      r.stderr,
      /tokens\.csv:4: column BillingCurrency: 'GGP' is not an ISO 4217 currency code\./,
    );
    deepEqual(ws.query("SELECT count(*) AS n FROM charges"), [{ n: 0 }]);
  } finally {
    await ws.cleanup();
  }
});
