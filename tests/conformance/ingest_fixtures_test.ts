import { deepEqual, equal, match } from "node:assert/strict";
import { FIXTURES, OC04, writeOc04Config } from "./fixtures.ts";
import { type IngestJson, ingestWorkspace } from "../ingest_helpers.ts";

Deno.test("ingest: the five 0.4 January files give 59 charges, 20227.00, 7 PIs, 10 projects", async () => {
  const ws = await ingestWorkspace("", writeOc04Config);
  try {
    const expected: Record<string, number> = {
      aws: 25,
      azure: 4,
      hpc: 9,
      it_storage: 6,
      storage: 15,
    };
    for (const [source, rows] of Object.entries(expected)) {
      const r = await ws.ingest([`${OC04}${source}_2025-01.csv`, "-s", source, "--json"]);
      equal(r.code, 0, r.stderr);
      const s = r.json<IngestJson>();
      equal(s.rows, rows, source);
      equal(s.added, rows);
      equal(s.status, "imported");
      deepEqual(s.periods, ["2025-01"]);
      if (source === "aws") {
        equal(s.billedCost, "19086.75");
        equal(s.listCost, "22455.00");
        equal(s.focusVersion, "1.0");
        equal(s.flagged, 0);
      }
    }
    const [t] = ws.query<{ n: number; billed: number; pis: number; projects: number }>(
      `SELECT count(*) AS n, sum(billed_cost) AS billed, count(DISTINCT pi_email) AS pis,
        count(DISTINCT project_id) AS projects FROM charges WHERE period = '2025-01'`,
    );
    deepEqual(t, { n: 59, billed: 20_227_000_000, pis: 7, projects: 10 });
    equal(ws.query("SELECT * FROM sources").length, 5);
    deepEqual(ws.query("SELECT period, status FROM periods"), [
      { period: "2025-01", status: "open" },
    ]);
    equal(ws.query("SELECT * FROM imports").length, 5);
    const audit = ws.query<{ details: string }>(
      "SELECT details FROM audit_log WHERE action = 'import' ORDER BY id LIMIT 1",
    );
    equal(JSON.parse(audit[0].details).added, 25);
    // references come from the 0.4 tag_mapping (grant_number, request_id)
    const [ref] = ws.query<{ reference_1: string; reference_2: string }>(
      "SELECT reference_1, reference_2 FROM charges WHERE resource_id = 'i-0abc123def456789a'",
    );
    deepEqual({ ...ref }, { reference_1: "NSF-BIO-2024-1234567", reference_2: "REQ-2024-00142" });
  } finally {
    await ws.cleanup();
  }
});

Deno.test("ingest: all-quoted qumulo and CRLF openai files ingest", async () => {
  const ws = await ingestWorkspace("", writeOc04Config);
  try {
    const q = await ws.ingest([`${OC04}qumulo_2025-01.csv`, "-s", "qumulo", "--json"]);
    equal(q.code, 0, q.stderr);
    const qs = q.json<IngestJson>();
    equal(qs.rows, 4);
    equal(qs.flagged, 0);
    const o = await ws.ingest([`${OC04}openai-tokens_2026-01.csv`, "-s", "OpenAI", "--json"]);
    equal(o.code, 0, o.stderr);
    const os = o.json<IngestJson>();
    equal(os.rows, 6);
    equal(os.source, "openai");
    deepEqual(os.periods, ["2026-01"]);
    const [c] = ws.query<{ cost_center: string; tags: string }>(
      "SELECT cost_center, tags FROM charge_values WHERE resource_id = 'climate-modeling-storage'",
    );
    equal(c.cost_center, "CC-12345");
    equal(JSON.parse(c.tags).end_date, "2026-06-30"); // the whole Tags object is kept
    const [t] = ws.query<{ billed: number }>(
      "SELECT sum(billed_cost) AS billed FROM charges c JOIN sources s ON s.id = c.source_id WHERE s.name = 'openai'",
    );
    const text = await Deno.readTextFile(`${OC04}openai-tokens_2026-01.csv`);
    const expected = text.trim().split("\r\n").slice(1).map((l) => l.split(",")[7]);
    equal(t.billed, expected.reduce((a, v) => a + Math.round(Number(v) * 100), 0) * 10_000);
  } finally {
    await ws.cleanup();
  }
});

Deno.test("ingest: focus_sample.csv keeps all 1,000 rows, all flagged, FOCUS 1.0, NULL as null", async () => {
  const ws = await ingestWorkspace("", writeOc04Config);
  try {
    const r = await ws.ingest([
      `${FIXTURES}focus-sample-data/focus_sample.csv`,
      "-s",
      "sample",
      "--json",
    ]);
    equal(r.code, 0, r.stderr);
    const s = r.json<IngestJson>();
    equal(s.rows, 1000);
    equal(s.added, 1000);
    equal(s.flagged, 1000);
    equal(s.focusVersion, "1.0");
    deepEqual(s.periods, ["2024-09", "2024-10"]);
    equal(s.billedCost, "20.520216");
    const [t] = ws.query<{ n: number; pending: number; nulltags: number; nullzone: number }>(
      `SELECT count(*) AS n, sum(review_status = 'pending') AS pending,
        sum(tags IS NULL) AS nulltags, sum(extra NOT LIKE '%AvailabilityZone%') AS nullzone
       FROM charge_values`,
    );
    deepEqual({ ...t }, { n: 1000, pending: 1000, nulltags: 289, nullzone: 893 });
    const [first] = ws.query<{ flags: string; extra: string }>(
      "SELECT flags, extra FROM charge_values ORDER BY id LIMIT 1",
    );
    deepEqual(JSON.parse(first.flags), [
      "missing_pi_email",
      "missing_project_id",
      "missing_fund_org",
    ]);
    equal(JSON.parse(first.extra).Id, "11472"); // the stray non-FOCUS column is kept
  } finally {
    await ws.cleanup();
  }
});

Deno.test("ingest: every FOCUS 1.2 spec example ingests or is refused naming line and column", async () => {
  const ws = await ingestWorkspace("", writeOc04Config);
  try {
    const root = `${FIXTURES}focus-spec-1.2-examples/`;
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of Deno.readDirSync(dir)) {
        if (e.isDirectory) walk(`${dir}${e.name}/`);
        else if (e.name.endsWith(".csv")) files.push(`${dir}${e.name}`);
      }
    };
    walk(root);
    files.sort();
    equal(files.length, 26);
    let ingested = 0;
    for (const f of files) {
      const r = await ws.ingest([f, "-s", "spec", "--dry-run", "--json"]);
      if (r.code === 0) {
        ingested++;
        equal(r.json<IngestJson>().status, "dry-run");
      } else {
        equal(r.code, 1, r.stderr);
        match(r.stderr, /^error: \/.+\.csv:\d+: column \w+: /, f);
      }
    }
    equal(ingested, 9);
    const a1 = await ws.ingest([
      `${root}saas_examples/simple_agreements/simple_saas_agreements_a1.csv`,
      "-s",
      "spec",
    ]);
    match(a1.stderr, /simple_saas_agreements_a1\.csv:2: column BillingPeriodStart: '4\/1\/25'/);
    match(
      a1.stderr,
      /simple_saas_agreements_a1\.csv:2: column BilledCost: '\$10,000\.00 ' is not a number/,
    );
  } finally {
    await ws.cleanup();
  }
});
