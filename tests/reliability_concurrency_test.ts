/**
 * Concurrency on one database file: `serve` with 8 signed-in clients reading
 * pages and approving flagged charges while a CLI ingest (20,000 rows; 200,000
 * with OC_LONG_TESTS=1) and a `generate` run. No 5xx, no "database is locked"
 * anywhere, every request answered, every decision kept. And two CLI writers
 * at once (two ingests, an ingest and a review) both succeed.
 */

import { equal, match } from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { runCli, tempWorkspace, write04Config } from "./cli_harness.ts";
import { makeFocusFile } from "./hostile/focus_files.ts";
import { startServe } from "./hostile/serve_process.ts";
import { loginAs } from "./web_login_helper.ts";

const LONG = Deno.env.get("OC_LONG_TESTS") === "1";
const CLIENTS = 8;
const LOCKED = /database is locked|SQLITE_BUSY/i;

async function flaggingWorkspace() {
  const ws = await tempWorkspace("oc-concurrency-");
  const configPath = await write04Config(ws.dir);
  // funds must look like FUND-n: the REVIEW-n rows of the generated files are flagged
  const text = await Deno.readTextFile(configPath);
  await Deno.writeTextFile(
    configPath,
    text.replace("fund_org_patterns: []", 'fund_org_patterns: ["^FUND-"]'),
  );
  const cli = (...args: string[]) => runCli([...args, "-c", "config.yaml"], { cwd: ws.dir });
  const query = <T>(sql: string, ...params: string[]): T[] => {
    const db = new DatabaseSync(`${ws.dir}/instance/billing.db`);
    try {
      return db.prepare(sql).all(...params) as T[];
    } finally {
      db.close();
    }
  };
  return { ...ws, cli, query };
}

Deno.test("concurrency: serve with 8 clients reviewing while a CLI ingest and generate run", async () => {
  const ws = await flaggingWorkspace();
  try {
    const review = makeFocusFile({ rows: 2000, period: "2025-07", seed: 21, flagEvery: 5 });
    const gen = makeFocusFile({ rows: 600, period: "2025-08", seed: 22, pis: 4 });
    const bulkRows = LONG ? 200_000 : 20_000;
    const bulk = makeFocusFile({ rows: bulkRows, period: "2025-09", seed: 23 });
    await Deno.writeTextFile(`${ws.dir}/review.csv`, review.text);
    await Deno.writeTextFile(`${ws.dir}/gen.csv`, gen.text);
    await Deno.writeTextFile(`${ws.dir}/bulk.csv`, bulk.text);
    equal((await ws.cli("ingest", "--new-source", "review.csv", "-s", "flagsrc")).code, 0);
    equal((await ws.cli("ingest", "--new-source", "gen.csv", "-s", "gensrc")).code, 0);
    const pending = ws.query<{ id: number }>(
      "SELECT id FROM charges WHERE review_status = 'pending' ORDER BY id",
    ).map((r) => r.id);
    equal(pending.length, review.flagged);
    equal(pending.length, 400);

    const server = await startServe(ws.dir, "config.yaml");
    const served = { requests: 0, decisions: 0, statuses: new Map<number, number>() };
    const problems: string[] = [];
    try {
      const sessions = await Promise.all(
        Array.from({ length: CLIENTS }, () => loginAs(server.url, "admin", "admin123")),
      );
      served.requests += CLIENTS * 2;
      const request = async (cookie: string, path: string, init: RequestInit = {}) => {
        const res = await fetch(`${server.url}${path}`, {
          ...init,
          redirect: "manual",
          headers: { cookie, ...(init.headers ?? {}) },
        });
        const body = await res.text();
        served.requests++;
        served.statuses.set(res.status, (served.statuses.get(res.status) ?? 0) + 1);
        if (res.status >= 500) problems.push(`${path}: HTTP ${res.status}`);
        if (LOCKED.test(body)) problems.push(`${path}: "database is locked" in the page`);
        return { res, body };
      };
      const pages = [
        "/",
        "/review?period=2025-07",
        "/charges",
        "/periods",
        "/statements",
        "/audit",
      ];
      const client = async (k: number) => {
        const cookie = sessions[k];
        const home = await request(cookie, "/");
        const csrf = /name="csrf-token" content="([^"]+)"/.exec(home.body)?.[1];
        if (!csrf) throw new Error("no CSRF token on the home page");
        const mine = pending.filter((_, i) => i % CLIENTS === k);
        for (let i = 0; i < mine.length; i += 5) {
          await request(cookie, pages[(i / 5 + k) % pages.length]);
          const form = new URLSearchParams({
            _csrf: csrf,
            decision: "approve",
            note: `client ${k}`,
          });
          for (const id of mine.slice(i, i + 5)) form.append("id", String(id));
          const { res } = await request(cookie, "/review/decide", {
            method: "POST",
            headers: {
              origin: server.url,
              "content-type": "application/x-www-form-urlencoded",
            },
            body: form,
          });
          if (res.status !== 303) problems.push(`decide: HTTP ${res.status}`);
          else served.decisions += mine.slice(i, i + 5).length;
        }
      };
      const [ingest, generate] = await Promise.all([
        ws.cli("ingest", "--new-source", "bulk.csv", "-s", "bulk", "--json"),
        ws.cli("generate", "-p", "2025-08", "--json"),
        ...Array.from({ length: CLIENTS }, (_, k) => client(k)),
      ]);
      equal(ingest.code, 0, ingest.stderr);
      equal(ingest.json<{ rows: number }>().rows, bulkRows);
      equal(generate.code, 0, generate.stderr);
      equal(generate.json<{ statements: unknown[] }>().statements.length, 12); // 4 PIs x 3 projects
      for (const out of [ingest.stderr, generate.stderr]) equal(LOCKED.test(out), false, out);
    } finally {
      const stopped = await server.stop();
      equal(stopped.code, 0);
      if (LOCKED.test(stopped.stderr)) problems.push("database is locked in the server log");
      if (/internal error|status=5\d\d/.test(stopped.stderr)) {
        problems.push("5xx in the server log");
      }
    }
    equal(problems.length, 0, problems.slice(0, 10).join("\n"));
    // every decision kept
    equal(served.decisions, 400);
    const kept = ws.query<{ status: string; n: number }>(
      "SELECT review_status AS status, count(*) AS n FROM charges WHERE period = '2025-07' AND flags IS NOT NULL GROUP BY 1",
    );
    equal(JSON.stringify(kept), JSON.stringify([{ status: "approved", n: 400 }]));
    const [decisions] = ws.query<{ n: number }>("SELECT count(*) AS n FROM review_decisions");
    equal(decisions.n, 400);
    const [bulkCount] = ws.query<{ n: number; billed: number }>(
      "SELECT count(*) AS n, sum(billed_cost) AS billed FROM charges WHERE period = '2025-09'",
    );
    equal(bulkCount.n, bulkRows);
    equal(bulkCount.billed, bulk.billedCents * 10_000);
    console.log(
      `concurrency: ${served.requests} requests served, ${served.decisions} decisions, statuses ${
        JSON.stringify(Object.fromEntries(served.statuses))
      }`,
    );
  } finally {
    await ws.cleanup();
  }
});

Deno.test("concurrency: two CLI writers at once (two ingests; an ingest and a review) both succeed", async () => {
  const ws = await flaggingWorkspace();
  try {
    const one = makeFocusFile({ rows: 20_000, period: "2025-10", seed: 31, resourcePrefix: "x" });
    const two = makeFocusFile({ rows: 20_000, period: "2025-10", seed: 32, resourcePrefix: "y" });
    const flagged = makeFocusFile({ rows: 500, period: "2025-11", seed: 33, flagEvery: 2 });
    await Deno.writeTextFile(`${ws.dir}/one.csv`, one.text);
    await Deno.writeTextFile(`${ws.dir}/two.csv`, two.text);
    await Deno.writeTextFile(`${ws.dir}/flagged.csv`, flagged.text);
    equal((await ws.cli("ingest", "--new-source", "flagged.csv", "-s", "flagged")).code, 0);
    const [a, b, r] = await Promise.all([
      ws.cli("ingest", "--new-source", "one.csv", "-s", "one", "--json"),
      ws.cli("ingest", "--new-source", "two.csv", "-s", "two", "--json"),
      ws.cli("review", "approve", "-p", "2025-11", "--note", "bulk approval"),
    ]);
    for (const x of [a, b, r]) {
      equal(x.code, 0, x.stderr);
      equal(LOCKED.test(x.stderr + x.stdout), false);
    }
    equal(a.json<{ added: number }>().added, 20_000);
    equal(b.json<{ added: number }>().added, 20_000);
    match(r.stdout, /250/);
    const sums = ws.query<{ name: string; n: number; billed: number }>(
      `SELECT s.name, count(*) AS n, sum(c.billed_cost) AS billed FROM charges c
       JOIN sources s ON s.id = c.source_id WHERE c.period = '2025-10' GROUP BY 1 ORDER BY 1`,
    );
    equal(
      JSON.stringify(sums),
      JSON.stringify([
        { name: "one", n: 20_000, billed: one.billedCents * 10_000 },
        { name: "two", n: 20_000, billed: two.billedCents * 10_000 },
      ]),
    );
    const [approved] = ws.query<{ n: number }>(
      "SELECT count(*) AS n FROM charges WHERE period = '2025-11' AND review_status = 'approved'",
    );
    equal(approved.n, 250);
  } finally {
    await ws.cleanup();
  }
});
