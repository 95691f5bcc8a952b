/**
 * The benchmark cases: each runs real commands (the CLI through `deno run`,
 * the `sqlite3` shell) several times and returns result rows for the table.
 */

import { type BenchWorkspace, benchWorkspace, copyDatabase, removeDir } from "./bench_workspace.ts";
import { writeFocusCsv } from "./generate_focus.ts";
import { BIG_PI, statementsCsv } from "./generate_statements_input.ts";
import { measure, measureCli, type Sample, stats, WORK } from "./measure.ts";
import { loadPage, login, peakRssMb, startServer } from "./web_load.ts";
import { PERMISSIONS, V8_FLAGS_ARG } from "../scripts/build.ts";

/** One line of the results table. */
export interface ResultRow {
  case: string;
  size: string;
  /** Times in ms (one per run). */
  times: number[];
  /** Peak RSS in MB (one per run, when known). */
  rss: number[];
  /** A ratio to a reference, e.g. "1.8x sqlite3". */
  ratio?: string;
  target: string;
  /** True when the target is met; null when there is no pass/fail. */
  ok: boolean | null;
  note?: string;
}

/** Settings shared by the cases. */
export interface BenchSettings {
  size: number;
  runs: number;
  smoke: boolean;
}

const fmtRows = (n: number) => n.toLocaleString("en-US");
const median = (xs: number[]) => stats(xs).median;
const rssOf = (s: Sample[]) => s.map((x) => x.rssMb).filter((x): x is number => x !== null);

/** The generated FOCUS file of `rows` rows (changed: 1 % of rows with another cost); cached. */
export async function focusFile(rows: number, changed = false): Promise<string> {
  const path = `${WORK}focus_${rows}${changed ? "_changed" : ""}.csv`;
  try {
    await Deno.stat(path);
  } catch {
    await Deno.mkdir(WORK, { recursive: true });
    await writeFocusCsv(`${path}.tmp`, { rows, changeEvery: changed ? 100 : 0 });
    await Deno.rename(`${path}.tmp`, path);
  }
  return path;
}

/** The workspace holding the database of `rows` charges (built by ingesting once if missing). */
export async function chargesWorkspace(rows: number): Promise<BenchWorkspace> {
  const dir = `${WORK}ws_${rows}`;
  const ws = await benchWorkspace(dir);
  try {
    await Deno.stat(ws.db);
  } catch {
    await measureCli([
      "ingest",
      "--new-source",
      await focusFile(rows),
      "-s",
      "bench",
      "-c",
      ws.config,
    ]);
  }
  return ws;
}

/**
 * `--help` and `version`: process start to exit, for the program as shipped
 * (the bundle, run with its declared permissions; a compiled binary starts
 * the same code) and, for information, the development entry `deno run main.ts`
 * (which also resolves the import map and npm packages at every start).
 */
export async function startupCase(s: BenchSettings): Promise<ResultRow[]> {
  const out: ResultRow[] = [];
  const dist = `${WORK}dist`;
  const built = await measure(Deno.execPath(), [
    "run",
    "-A",
    "scripts/build.ts",
    "bundle",
    "--out",
    dist,
  ]);
  if (built.code !== 0) throw new Error(`bundle failed: ${built.stderr}`);
  const bundle = `${dist}/openchargeback.js`;
  for (const args of [["--help"], ["version"]]) {
    const shipped: Sample[] = [];
    const dev: Sample[] = [];
    for (let i = 0; i < Math.max(5, s.runs); i++) {
      shipped.push(
        await measure(Deno.execPath(), ["run", ...PERMISSIONS, V8_FLAGS_ARG, bundle, ...args]),
      );
      dev.push(await measureCli(args));
    }
    const times = shipped.map((x) => x.ms);
    out.push({
      case: `openchargeback ${args[0]} (the shipped program: bundle)`,
      size: "-",
      times,
      rss: rssOf(shipped),
      target: "<= 150 ms",
      ok: median(times) <= 150,
    });
    out.push({
      case: `deno run main.ts ${args[0]} (development entry)`,
      size: "-",
      times: dev.map((x) => x.ms),
      rss: rssOf(dev),
      target: "(information)",
      ok: null,
    });
  }
  return out;
}

/** Ingest at `sizes`: sqlite3 .import reference, first import, re-import, 1 % redelivery. */
export async function ingestCase(s: BenchSettings, sizes: number[]): Promise<ResultRow[]> {
  const out: ResultRow[] = [];
  const firstRss = new Map<number, number>();
  for (const rows of sizes) {
    const file = await focusFile(rows);
    const changed = await focusFile(rows, true);
    const mb = (await Deno.stat(file)).size / 1e6;
    const size = `${fmtRows(rows)} rows, ${mb.toFixed(0)} MB`;
    const ref: Sample[] = [];
    for (let i = 0; i < s.runs; i++) {
      const db = `${WORK}sqlite3_ref.db`;
      await Deno.remove(db).catch(() => {});
      const r = await measure("sqlite3", [db, `.import --csv ${file} charges`]);
      if (r.code !== 0) throw new Error(`sqlite3 .import failed: ${r.stderr}`);
      ref.push(r);
      await Deno.remove(db).catch(() => {});
    }
    const first: Sample[] = [];
    const again: Sample[] = [];
    const redelivery: Sample[] = [];
    const keep = `${WORK}ws_${rows}`;
    for (let i = 0; i < s.runs; i++) {
      const dir = `${WORK}ingest_run`;
      await removeDir(dir);
      const ws = await benchWorkspace(dir);
      const ingest = (f: string) =>
        measureCli(["ingest", "--new-source", f, "-s", "bench", "-c", ws.config]);
      first.push(await ingest(file));
      again.push(await ingest(file));
      redelivery.push(await ingest(changed));
      if (i === s.runs - 1) {
        await removeDir(keep);
        await Deno.rename(dir, keep);
      } else await removeDir(dir);
    }
    const refMs = median(ref.map((x) => x.ms));
    const firstMs = median(first.map((x) => x.ms));
    const firstPeak = Math.max(...rssOf(first));
    firstRss.set(rows, firstPeak);
    const smaller = [...firstRss.entries()].find(([n]) => n < rows);
    const growth = smaller ? firstPeak / smaller[1] : null;
    const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`;
    out.push({
      case: "sqlite3 .import --csv (reference)",
      size,
      times: ref.map((x) => x.ms),
      rss: rssOf(ref),
      target: "-",
      ok: null,
    });
    out.push({
      case: "ingest, first import",
      size,
      times: first.map((x) => x.ms),
      rss: rssOf(first),
      ratio: `${ratio(firstMs, refMs)} sqlite3`,
      target: "<= 2.5x sqlite3; RSS <= 300 MB" + (growth ? "; <= 1.5x RSS of smaller size" : ""),
      ok: firstMs <= 2.5 * refMs && firstPeak <= 300 && (growth === null || growth <= 1.5),
      note: growth ? `peak RSS ${growth.toFixed(2)}x the ${fmtRows(smaller![0])}-row run` : "",
    });
    const againMs = median(again.map((x) => x.ms));
    out.push({
      case: "ingest, same file again",
      size,
      times: again.map((x) => x.ms),
      rss: rssOf(again),
      ratio: `${ratio(againMs, firstMs)} first`,
      target: "<= 0.3x first import",
      ok: againMs <= 0.3 * firstMs,
    });
    const redMs = median(redelivery.map((x) => x.ms));
    out.push({
      case: "ingest, redelivery with 1 % changed",
      size,
      times: redelivery.map((x) => x.ms),
      rss: rssOf(redelivery),
      ratio: `${ratio(redMs, firstMs)} first`,
      target: "<= 1.0x first import",
      ok: redMs <= firstMs,
    });
  }
  return out;
}

/** `generate`: many one-page statements, and one 1,600-charge statement. */
export async function statementsCase(s: BenchSettings): Promise<ResultRow[]> {
  const count = s.smoke ? 20 : 1000;
  const big = s.smoke ? 160 : 1600;
  const base = await benchWorkspace(`${WORK}statements_base`);
  await Deno.remove(base.db).catch(() => {});
  const input = `${WORK}statements_input.csv`;
  await Deno.writeTextFile(
    input,
    statementsCsv({
      smallPeriod: "2025-02",
      bigPeriod: "2025-03",
      statements: count,
      chargesEach: 8,
      bigCharges: big,
    }),
  );
  await measureCli(["ingest", "--new-source", input, "-s", "bench", "-c", base.config]);
  const out: ResultRow[] = [];
  const cases: [string, string[], number, string][] = [
    [`generate, ${fmtRows(count)} one-page statements`, ["-p", "2025-02"], 30_000, "<= 30 s"],
    [
      `generate, one ${fmtRows(big)}-charge statement`,
      ["-p", "2025-03", "--pi", BIG_PI],
      1500,
      "<= 1.5 s",
    ],
  ];
  for (const [name, args, limit, target] of cases) {
    const samples: Sample[] = [];
    for (let i = 0; i < s.runs; i++) {
      const dir = `${WORK}statements_run`;
      await removeDir(dir);
      const ws = await benchWorkspace(dir);
      await copyDatabase(base.db, ws);
      const r = await measureCli(["generate", ...args, "--json", "-c", ws.config]);
      const made = (JSON.parse(r.stdout) as { statements: unknown[] }).statements.length;
      const want = args.includes("--pi") ? 1 : count;
      if (made !== want) throw new Error(`generate made ${made} statements, expected ${want}`);
      samples.push(r);
      await removeDir(dir);
    }
    const times = samples.map((x) => x.ms);
    out.push({
      case: name,
      size: `${fmtRows(count * 8 + big)} charges in the db`,
      times,
      rss: rssOf(samples),
      target,
      ok: median(times) <= limit,
    });
  }
  return out;
}

/** `export-journal -f gl` over the period of `rows` charges (and the smaller size for memory). */
export async function journalCase(s: BenchSettings, sizes: number[]): Promise<ResultRow[]> {
  const out: ResultRow[] = [];
  for (const rows of sizes) {
    const ws = await chargesWorkspace(rows);
    const samples: Sample[] = [];
    for (let i = 0; i < s.runs; i++) {
      samples.push(
        // the bench shape holds charges awaiting review: exported apart, as a clerk would
        await measureCli([
          "export-journal",
          "-p",
          "2025-01",
          "-f",
          "gl",
          "--allow-pending",
          "-c",
          ws.config,
        ]),
      );
    }
    const times = samples.map((x) => x.ms);
    out.push({
      case: "export-journal -f gl",
      size: `${fmtRows(rows)} charges in the period`,
      times,
      rss: rssOf(samples),
      target: rows === Math.max(...sizes) ? "<= 3 s, flat memory" : "(memory reference)",
      ok: rows === Math.max(...sizes) ? median(times) <= 3000 : null,
    });
  }
  return out;
}

/** Dashboard, charges by PI sorted by cost, review queue: 4 clients on loopback. */
export async function webCase(s: BenchSettings): Promise<ResultRow[]> {
  const ws = await chargesWorkspace(s.size);
  const server = await startServer(ws.config, ws.dir);
  const out: ResultRow[] = [];
  try {
    const cookie = await login(server.url, "admin", "admin123");
    const requests = s.smoke ? 20 : 200;
    const pages: [string, string, number][] = [
      ["web dashboard", "/?period=2025-01", 150],
      [
        "web charges, one PI, by cost",
        "/charges?period=2025-01&pi=pi0042%40example.edu&sort=-cost",
        200,
      ],
      ["web review queue", "/review?period=2025-01", 150],
      // a reason no pending charge of the bench data has: the whole queue is searched
      ["web review queue, a rare reason", "/review?period=2025-01&reason=invalid_tags", 150],
    ];
    for (const [name, path, limit] of pages) {
      const r = await loadPage(server.url, cookie, path, 4, requests);
      out.push({
        case: name,
        size: `${fmtRows(s.size)} charges, 4 clients`,
        times: [r.p95],
        rss: [],
        ratio: `p50 ${r.p50.toFixed(0)} ms, max ${r.max.toFixed(0)} ms`,
        target: `p95 <= ${limit} ms, 0 errors`,
        ok: r.p95 <= limit && r.errors === 0,
        note: `${r.requests} requests, ${r.errors} errors, HTTP ${r.status}, ${
          (r.bytes / 1024).toFixed(0)
        } KB page${r.bytes < 6000 ? " (placeholder page?)" : ""}`,
      });
    }
    const rss = peakRssMb(server.pid);
    if (rss !== null) out[out.length - 1].rss = [rss];
  } finally {
    await server.stop();
  }
  return out;
}
