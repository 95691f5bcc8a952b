/**
 * The "year" case (`deno task bench --year [--year-rows N]`): twelve monthly deliveries of
 * N rows ingested one after another into one database, then what a billing office does
 * with the twelfth month on that database: the web pages under 4 clients, the GL journal,
 * `generate`, `db backup` and `db verify`. It records each month's import time (the trend),
 * the bytes stored per charge, and `generate` for month 1 on a one-month database against
 * month 12 on the twelve-month one (generate must not grow with the other months).
 */

import { parse, stringify } from "yaml";
import { type BenchWorkspace, benchWorkspace, removeDir } from "./bench_workspace.ts";
import { writeFocusCsv } from "./generate_focus.ts";
import { measureCli, type Sample, stats, WORK } from "./measure.ts";
import { loadPage, login, startServer } from "./web_load.ts";
import type { BenchSettings, ResultRow } from "./bench_cases.ts";

const fmt = (n: number) => n.toLocaleString("en-US");
const month = (m: number) => `2025-${String(m).padStart(2, "0")}`;

function dbBytes(ws: BenchWorkspace): number {
  let total = 0;
  for (const suffix of ["", "-wal"]) {
    try {
      total += Deno.statSync(`${ws.db}${suffix}`).size;
    } catch {
      // no WAL file
    }
  }
  return total;
}

/** Add a PI user (pi0042's own pages) to the workspace's config, with the admin's password. */
async function addPiUser(ws: BenchWorkspace): Promise<void> {
  const doc = parse(await Deno.readTextFile(ws.config)) as {
    web: { users: Record<string, Record<string, unknown>> };
  };
  const admin = doc.web.users.admin;
  doc.web.users.pi42 = {
    email: "pi0042@example.edu",
    display_name: "PI 42",
    password_hash: admin.password_hash,
    role: "pi",
  };
  await Deno.writeTextFile(ws.config, stringify(doc));
}

/**
 * A copy of the workspace's config with one attribution rule giving every charge without a
 * fund/org the bench's default fund (generate refuses billable charges without one). Only
 * billMonth's `attribution apply` reads it: imports keep their ~1 % held charges.
 */
async function billingConfig(ws: BenchWorkspace): Promise<string> {
  const doc = parse(await Deno.readTextFile(ws.config)) as Record<string, unknown>;
  doc.attribution = {
    precedence: "tags",
    rules: [{
      name: "bench-default-fund",
      match: { ProviderName: "AWS" },
      set: { fund_org: "D98-F0001" },
    }],
  };
  const path = `${ws.dir}/config-billing.yaml`;
  await Deno.writeTextFile(path, stringify(doc));
  return path;
}

/**
 * Attribute the month's unfunded charges by the default-fund rule, approve the rest of the
 * held ones, close the month and generate its statements (only generate is timed).
 */
async function billMonth(ws: BenchWorkspace, period: string): Promise<Sample> {
  const billing = await billingConfig(ws);
  await measureCli(["attribution", "apply", "-p", period, "-c", billing]);
  await measureCli(["review", "approve", "-p", period, "--note", "bench", "-c", ws.config]);
  await measureCli(["periods", "close", period, "-c", ws.config]);
  return await measureCli(["generate", "-p", period, "-c", ws.config]);
}

/** What the year case does beyond the default (bench/run.ts: --year-no-generate, --year-reuse). */
export interface YearOptions {
  /** Skip `generate` (and the billing of months 1 and 12 it needs): the database stays as imported. */
  noGenerate: boolean;
  /** Reuse the 12-month database a previous run built at the same size (built when missing). */
  reuse: boolean;
}

/** What a run left in its folder (year_state.json), so --year-reuse can skip the imports. */
interface YearState {
  rows: number;
  imports: Sample[];
  generateMonth1: Sample | null;
  /** Month 12's generate, once month 12 was billed (closed: the review queue is then empty). */
  generateMonth12: Sample | null;
}

const slim = (x: Sample): Sample => ({ ...x, stdout: "", stderr: "" });

async function readState(path: string, rows: number): Promise<YearState | null> {
  try {
    const st = JSON.parse(await Deno.readTextFile(path)) as YearState;
    return st.rows === rows && st.imports.length === 12 ? st : null;
  } catch {
    return null;
  }
}

/** Twelve monthly imports into a fresh workspace (month 1 billed and generated unless noGenerate). */
async function buildYear(dir: string, rows: number, o: YearOptions): Promise<YearState> {
  await removeDir(dir);
  const ws = await benchWorkspace(dir);
  await addPiUser(ws);
  const st: YearState = { rows, imports: [], generateMonth1: null, generateMonth12: null };
  for (let m = 1; m <= 12; m++) {
    const file = `${WORK}year_month.csv`;
    await writeFocusCsv(file, { rows, period: month(m), seed: 42 + m });
    const r = await measureCli(["ingest", "--new-source", file, "-s", "bench", "-c", ws.config]);
    st.imports.push(slim(r));
    await Deno.remove(file);
    console.error(
      `bench: year: month ${m}: ${(r.ms / 1000).toFixed(2)} s, ` +
        `${(dbBytes(ws) / (m * rows)).toFixed(0)} bytes per charge`,
    );
    if (m === 1 && !o.noGenerate) st.generateMonth1 = slim(await billMonth(ws, month(1)));
  }
  return st;
}

/** Run the year case with `rows` charges a month. */
export async function yearCase(
  s: BenchSettings,
  rows: number,
  o: YearOptions = { noGenerate: false, reuse: false },
): Promise<ResultRow[]> {
  const dir = `${WORK}year_${rows}`;
  const statePath = `${dir}/year_state.json`;
  const reused = o.reuse ? await readState(statePath, rows) : null;
  if (o.reuse && !reused) console.error(`bench: year: no 12-month database in ${dir}: building it`);
  if (reused) console.error(`bench: year: reusing the 12-month database in ${dir}`);
  const st = reused ?? await buildYear(dir, rows, o);
  await Deno.writeTextFile(statePath, JSON.stringify(st));
  const ws: BenchWorkspace = {
    dir,
    config: `${dir}/config.yaml`,
    db: `${dir}/instance/billing.db`,
  };
  const out: ResultRow[] = [];
  const imports = st.imports;
  const size = `12 x ${fmt(rows)} rows`;
  const builtNote = reused ? " (imported by an earlier run, reused)" : "";
  const times = imports.map((x) => x.ms);
  const ratio12 = times[11] / times[0];
  out.push({
    case: "year: monthly imports (month 1 .. 12, s)",
    size,
    times,
    rss: imports.map((x) => x.rssMb).filter((x): x is number => x !== null),
    ratio: `month 12 = ${ratio12.toFixed(2)}x month 1`,
    target: "month 12 <= 1.15x month 1",
    ok: ratio12 <= 1.15,
    note: times.map((t) => (t / 1000).toFixed(1)).join(" / ") + builtNote,
  });
  const bytes = dbBytes(ws) / (12 * rows);
  out.push({
    case: "year: database bytes per charge",
    size,
    times: [],
    rss: [],
    ratio: `${bytes.toFixed(0)} B`,
    target: "<= 600 B",
    ok: bytes <= 600,
    note: `${(dbBytes(ws) / 1e9).toFixed(2)} GB in all`,
  });

  const server = await startServer(ws.config, ws.dir);
  try {
    const admin = await login(server.url, "admin", "admin123");
    const pi = await login(server.url, "pi42", "admin123");
    const last = month(12);
    const requests = s.smoke ? 20 : 200;
    const pages: [string, string, string][] = [
      ["year: web dashboard", "/?period=" + last, admin],
      [
        "year: web charges, one PI, by cost",
        `/charges?period=${last}&pi=pi0042%40example.edu&sort=-cost`,
        admin,
      ],
      ["year: web review queue", `/review?period=${last}`, admin],
      ["year: web, a PI's own charges page", `/charges?period=${last}`, pi],
    ];
    for (const [name, path, cookie] of pages) {
      const r = await loadPage(server.url, cookie, path, 4, requests);
      out.push({
        case: name,
        size: `${fmt(12 * rows)} charges, 4 clients`,
        times: [r.p95],
        rss: [],
        ratio: `p50 ${r.p50.toFixed(0)} ms`,
        target: "p95 <= 150 ms, 0 errors",
        ok: r.p95 <= 150 && r.errors === 0,
        note: `${r.requests} requests, ${r.errors} errors, HTTP ${r.status}` +
          (st.generateMonth12 ? " (month 12 already billed by an earlier run)" : ""),
      });
    }
  } finally {
    await server.stop();
  }

  const journal = await measureCli([
    "export-journal",
    "-p",
    month(12),
    "-f",
    "gl",
    "--allow-pending", // the month's ~1 % held charges are left out (reviewed after)
    "-c",
    ws.config,
  ]);
  out.push({
    case: "year: export-journal -f gl, month 12",
    size: `${fmt(rows)} of ${fmt(12 * rows)} charges`,
    times: [journal.ms],
    rss: journal.rssMb === null ? [] : [journal.rssMb],
    target: "<= 3 s",
    ok: journal.ms <= 3000,
  });
  if (o.noGenerate) {
    console.error("bench: year: generate skipped (--year-no-generate)");
  } else {
    const billedBefore = st.generateMonth12 !== null;
    st.generateMonth12 ??= slim(await billMonth(ws, month(12)));
    await Deno.writeTextFile(statePath, JSON.stringify(st));
    const month1Late = st.generateMonth1 === null; // a reused database built without generate
    st.generateMonth1 ??= slim(await billMonth(ws, month(1)));
    const g1 = st.generateMonth1.ms;
    const g12 = st.generateMonth12;
    await Deno.writeTextFile(statePath, JSON.stringify(st));
    out.push({
      case: "year: generate, month 12 (vs month 1 on a one-month database)",
      size: `${fmt(rows)} of ${fmt(12 * rows)} charges`,
      times: [g12.ms],
      rss: g12.rssMb === null ? [] : [g12.rssMb],
      ratio: `${(g12.ms / g1).toFixed(2)}x month 1 (${(g1 / 1000).toFixed(1)} s)`,
      target: "independent of the other months (<= 1.15x month 1)",
      ok: g12.ms <= 1.15 * g1,
      note: [
        billedBefore ? "month 12 recorded by the earlier run that billed it" : "",
        month1Late ? "month 1 generated on the 12-month database" : "",
      ].filter(Boolean).join("; ") || undefined,
    });
  }
  await Deno.remove(`${dir}/backup.db`).catch(() => {}); // an earlier run's (--year-reuse)
  const backup = await measureCli(["db", "backup", `${dir}/backup.db`, "-c", ws.config]);
  const gb = Deno.statSync(`${dir}/backup.db`).size / 1e9;
  out.push({
    case: "year: db backup",
    size: `${gb.toFixed(2)} GB`,
    times: [backup.ms],
    rss: backup.rssMb === null ? [] : [backup.rssMb],
    ratio: `${(backup.ms / 1000 / gb).toFixed(1)} s per GB`,
    target: "(information)",
    ok: null,
  });
  const verify = await measureCli(["db", "verify", `${dir}/backup.db`, "-c", ws.config]);
  out.push({
    case: "year: db verify",
    size: `${gb.toFixed(2)} GB`,
    times: [verify.ms],
    rss: verify.rssMb === null ? [] : [verify.rssMb],
    ratio: `${(verify.ms / 1000 / gb).toFixed(1)} s per GB`,
    target: "(information)",
    ok: null,
  });
  console.error(`bench: year: median import ${(stats(times).median / 1000).toFixed(2)} s`);
  return out;
}
