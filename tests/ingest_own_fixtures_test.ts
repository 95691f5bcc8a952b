/**
 * `ingest` on the project's own quirk files (tests/fixtures/, figures in its
 * README.md): the 0.4-layout month, all-quoted cells, CRLF with 10 columns in
 * another order, NULL/empty nulls, E-notation, 15 decimals, negative credits,
 * Tags JSON, "$10,000.00 " money and 5/1/25 dates (refused with line and
 * column). The third-party versions are in tests/conformance/ingest_fixtures_test.ts.
 */

import { deepEqual, equal, match } from "node:assert/strict";
import { MONTH, QUIRKS } from "./cli_harness.ts";
import { type IngestJson, ingestWorkspace } from "./ingest_helpers.ts";

Deno.test("ingest: the own 0.4-layout January gives 23 charges, 5086.50, 5 PIs, 7 projects", async () => {
  const ws = await ingestWorkspace();
  try {
    // source -> [rows, billed, list], summed by hand from tests/fixtures/month/
    const expected: Record<string, [number, string, string]> = {
      aws: [8, "3995.00", "4700.00"],
      azure: [3, "926.50", "1090.00"],
      hpc: [4, "0.00", "1760.00"],
      it_storage: [2, "100.00", "100.00"],
      storage: [6, "65.00", "240.00"],
    };
    for (const [source, [rows, billed, list]] of Object.entries(expected)) {
      const r = await ws.ingest([`${MONTH}${source}_2025-01.csv`, "-s", source, "--json"]);
      equal(r.code, 0, r.stderr);
      const s = r.json<IngestJson>();
      deepEqual([s.rows, s.added, s.status, s.billedCost, s.listCost], [
        rows,
        rows,
        "imported",
        billed,
        list,
      ], source);
      // BillingPeriodEnd is the inclusive last day (2025-01-31): still one period
      deepEqual(s.periods, ["2025-01"]);
      equal(s.focusVersion, "1.0");
      equal(s.flagged, 0);
    }
    const [t] = ws.query<
      { n: number; billed: number; list: number; pis: number; projects: number }
    >(
      `SELECT count(*) AS n, sum(billed_cost) AS billed, sum(list_cost) AS list,
        count(DISTINCT pi_email) AS pis, count(DISTINCT project_id) AS projects
       FROM charges WHERE period = '2025-01'`,
    );
    deepEqual({ ...t }, {
      n: 23,
      billed: 5_086_500_000,
      list: 7_890_000_000,
      pis: 5,
      projects: 7,
    });
    equal(ws.query("SELECT * FROM sources").length, 5);
    deepEqual(ws.query("SELECT period, status FROM periods"), [
      { period: "2025-01", status: "open" },
    ]);
    equal(ws.query("SELECT * FROM imports").length, 5);
    const audit = ws.query<{ details: string }>(
      "SELECT details FROM audit_log WHERE action = 'import' ORDER BY id LIMIT 1",
    );
    equal(JSON.parse(audit[0].details).added, 8);
    // references come from the 0.4 tag_mapping (grant_number, request_id)
    const [ref] = ws.query<{ reference_1: string; reference_2: string }>(
      "SELECT reference_1, reference_2 FROM charges WHERE resource_id = 'i-0f00000000000001a'",
    );
    deepEqual({ ...ref }, { reference_1: "NSF-CHE-2025-0001", reference_2: "REQ-2025-00007" });
  } finally {
    await ws.cleanup();
  }
});

Deno.test("ingest: an all-quoted file and a CRLF file with 10 columns in another order", async () => {
  const ws = await ingestWorkspace();
  try {
    const q = await ws.ingest([`${MONTH}qumulo_2025-01.csv`, "-s", "qumulo", "--json"]);
    equal(q.code, 0, q.stderr);
    const qs = q.json<IngestJson>();
    deepEqual([qs.rows, qs.flagged, qs.billedCost, qs.listCost], [3, 0, "365.50", "440.00"]);
    const [c] = ws.query<{ cost_center: string; tags: string }>(
      "SELECT cost_center, tags FROM charge_values WHERE resource_id = 'ocean-lab-storage'",
    );
    equal(c.cost_center, "CC-40410");
    equal(JSON.parse(c.tags).end_date, "2026-08-31"); // the whole Tags object is kept

    const o = await ws.ingest([`${MONTH}openai-tokens_2026-01.csv`, "-s", "OpenAI", "--json"]);
    equal(o.code, 0, o.stderr);
    const os = o.json<IngestJson>();
    deepEqual([os.rows, os.source, os.billedCost, os.listCost], [4, "openai", "17.00", "17.00"]);
    // BillingPeriodEnd is the charge day (2026-01-03 ... 2026-01-27): one period
    deepEqual(os.periods, ["2026-01"]);
    const users = ws.query<{ resource_name: string; billed_cost: number }>(
      `SELECT resource_name, billed_cost FROM charges c JOIN sources s ON s.id = c.source_id
       WHERE s.name = 'openai' ORDER BY billed_cost`,
    );
    deepEqual(users.map((u) => u.billed_cost), [750_000, 800_000, 3_050_000, 12_400_000]);
    equal(users[3].resource_name, "OpenAI codex (user: fay.nguyen@northfield.edu)");
  } finally {
    await ws.cleanup();
  }
});

Deno.test("ingest: all-quoted FOCUS 1.0 with NULL/empty nulls, E-notation, 15 decimals, a credit", async () => {
  const ws = await ingestWorkspace();
  try {
    const r = await ws.ingest([`${QUIRKS}focus10_quoted_nulls.csv`, "-s", "nimbus", "--json"]);
    equal(r.code, 0, r.stderr);
    const s = r.json<IngestJson>();
    deepEqual([s.rows, s.added, s.flagged, s.focusVersion], [6, 6, 6, "1.0"]);
    deepEqual(s.periods, ["2024-09", "2024-10"]);
    // 0.123456789012345 -> 0.123457 (half away from zero), 5.5E-7 -> 0.000001, -3.75, 12, 7.25, 1.23E+2
    equal(s.billedCost, "138.623458");
    // 0.2 + 2.5E-1 - 3.75 + 15 + 8.5 + 1.5E2
    equal(s.listCost, "170.20");
    const rows = ws.query<
      {
        billed_cost: number;
        tags: string | null;
        extra: string | null;
        flags: string;
        period: string;
      }
    >("SELECT billed_cost, tags, extra, flags, period FROM charge_values ORDER BY id");
    deepEqual(rows.map((x) => x.billed_cost), [
      123_457,
      1,
      -3_750_000,
      12_000_000,
      7_250_000,
      123_000_000,
    ]);
    // NULL and "" Tags are null; a JSON object in a cell is kept whole
    deepEqual(rows.map((x) => x.tags === null), [false, true, true, true, false, false]);
    deepEqual(JSON.parse(rows[4].tags!), { Name: "web-01", "cost center": "a,b" });
    // NULL and "" AvailabilityZone are not kept as text
    deepEqual(rows.map((x) => (x.extra ?? "").includes("AvailabilityZone")), [
      true,
      false,
      false,
      false,
      true,
      true,
    ]);
    equal(JSON.parse(rows[0].extra!).Id, "5001"); // the stray non-FOCUS column is kept
    deepEqual(JSON.parse(rows[0].flags), [
      "missing_pi_email",
      "missing_project_id",
      "missing_fund_org",
    ]);
    deepEqual(rows.map((x) => x.period), [
      "2024-09",
      "2024-09",
      "2024-09",
      "2024-09",
      "2024-10",
      "2024-10",
    ]);
  } finally {
    await ws.cleanup();
  }
});

Deno.test("ingest: CRLF, literal null, SkuPriceid and x_ columns; BOM + CRLF with a Token currency", async () => {
  const ws = await ingestWorkspace();
  try {
    const r = await ws.ingest([
      `${QUIRKS}focus12_crlf_null_skupriceid.csv`,
      "-s",
      "spec",
      "--json",
    ]);
    equal(r.code, 0, r.stderr);
    const s = r.json<IngestJson>();
    // the blank line between rows is no row; the -20.00 credit counts
    deepEqual([s.rows, s.focusVersion, s.billedCost, s.listCost], [3, "1.2", "80.00", "140.00"]);
    deepEqual(s.periods, ["2025-05"]);
    const rows = ws.query<{ resource_id: string | null; extra: string | null }>(
      "SELECT resource_id, extra FROM charge_values ORDER BY id",
    );
    deepEqual(rows.map((x) => x.resource_id), [null, "vm-9", null]); // literal null
    // x_ columns are kept, null ones left out; SkuPriceid matches SkuPriceId case-insensitively
    deepEqual(rows.map((x) => x.extra), [
      '{"x_Discount":"0.1667","x_Note":"upfront"}',
      null,
      '{"x_Note":"goodwill credit"}',
    ]);

    const b = await ws.ingest([`${QUIRKS}focus12_bom_crlf_token.csv`, "-s", "ai", "--json"]);
    equal(b.code, 0, b.stderr);
    const bs = b.json<IngestJson>();
    deepEqual([bs.rows, bs.focusVersion, bs.billedCost, bs.periods], [
      2,
      "1.2",
      "32.50",
      ["2025-03"],
    ]);
    // the BOM is not part of the first column's name: BilledCost was read
    const [cur] = ws.query<{ billing_currency: string }>(
      "SELECT DISTINCT billing_currency FROM charges c JOIN sources s ON s.id = c.source_id WHERE s.name = 'ai'",
    );
    equal(cur.billing_currency, "USD");
  } finally {
    await ws.cleanup();
  }
});

Deno.test('ingest: "$10,000.00 " money and 5/1/25 dates are refused naming line and column', async () => {
  const ws = await ingestWorkspace();
  try {
    const f = `${QUIRKS}saas_dollar_money_us_dates.csv`;
    const r = await ws.ingest([f, "-s", "saas"]);
    equal(r.code, 1);
    match(r.stderr, /^error: \/.+\.csv:\d+: column \w+: /);
    match(r.stderr, /saas_dollar_money_us_dates\.csv:2: column BillingPeriodStart: '4\/1\/25'/);
    match(
      r.stderr,
      /saas_dollar_money_us_dates\.csv:2: column BilledCost: '\$10,000\.00 ' is not a number/,
    );
    match(r.stderr, /saas_dollar_money_us_dates\.csv:3: column BilledCost: '\$2,450\.50 '/);
    equal(ws.query("SELECT * FROM charges").length, 0);
    const dry = await ws.ingest([f, "-s", "saas", "--dry-run", "--json"]);
    equal(dry.code, 1);
  } finally {
    await ws.cleanup();
  }
});
