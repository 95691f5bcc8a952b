/**
 * `deno task bench [--size N] [--runs R] [--only ingest,statements,journal,web,startup,convert] [--smoke]`
 * `deno task bench --only year [--year-rows N] [--year-no-generate] [--year-reuse]`
 *
 * Generates its own deterministic inputs under bench/work/ (git-ignored),
 * runs each case R times, prints a Markdown table (medians, min-max, peak
 * RSS, ratios, targets) and appends it to bench/results/<date>.md (smoke runs
 * write bench/work/results-smoke.md instead).
 */

import { fileURLToPath } from "node:url";
import {
  type BenchSettings,
  ingestCase,
  journalCase,
  type ResultRow,
  startupCase,
  statementsCase,
  webCase,
} from "./bench_cases.ts";
import { yearCase } from "./year_case.ts";
import { convertCase } from "./convert_case.ts";
import { hasGnuTime, loadAverage, machineInfo, stats, WORK } from "./measure.ts";

const CASES = ["startup", "ingest", "statements", "journal", "web", "convert"] as const;
type CaseName = typeof CASES[number];

const USAGE = `usage: deno task bench [--size N] [--runs R] [--only ${CASES.join(",")}] [--smoke]
       [--year [--year-rows N] [--year-no-generate] [--year-reuse]]
  --size N   rows of the generated FOCUS file / charges in the database / sacct lines
             (default 1000000); ingest, journal and convert also run at N/10 (memory growth)
  --runs R   runs per case (default 3)
  --smoke    2,000 rows, 1 run: checks the harness in seconds (results in bench/work/)
  --year     also the year case: 12 monthly deliveries into one database, then the pages,
             the journal, generate, backup and verify of month 12 (skipped unless asked)
  --year-rows N  rows a month in the year case (default 1000000; 200000 for a shorter run)
  --year-no-generate  skip generate in the year case (and the billing of months 1 and 12 it
             needs: at 1,000,000 rows a month it renders 600 long PDFs twice, ~15 min each)
  --year-reuse   reuse the 12-month database an earlier year run left in bench/work/year_<N>/
             (its import times are reported again; built when missing); steps already done
             there (month 12 billed) are reported from bench/work/year_<N>/year_state.json
  --only year    the year case alone

examples:
  deno task bench --only year --year-rows 200000           # smoke size, everything
  deno task bench --only year --year-no-generate           # the record's size, no PDFs
  deno task bench --only year --year-no-generate --year-reuse  # pages and journal again`;

/** The parsed command line. */
interface BenchArgs extends BenchSettings {
  only: CaseName[];
  year: boolean;
  yearRows: number;
  yearNoGenerate: boolean;
  yearReuse: boolean;
}

function parseArgs(args: string[]): BenchArgs {
  const a: BenchArgs = {
    size: 1_000_000,
    runs: 3,
    smoke: false,
    only: [...CASES],
    year: false,
    yearRows: 1_000_000,
    yearNoGenerate: false,
    yearReuse: false,
  };
  for (let i = 0; i < args.length; i++) {
    const v = args[i + 1];
    switch (args[i]) {
      case "--size":
        a.size = Number(v?.replaceAll("_", ""));
        i++;
        break;
      case "--runs":
        a.runs = Number(v);
        i++;
        break;
      case "--only":
        a.only = (v ?? "").split(",").map((s) => s.trim()) as CaseName[];
        if (a.only.includes("year" as CaseName)) {
          a.year = true;
          a.only = a.only.filter((c) => c !== ("year" as CaseName));
        }
        i++;
        break;
      case "--year":
        a.year = true;
        break;
      case "--year-rows":
        a.yearRows = Number(v?.replaceAll("_", ""));
        a.year = true;
        i++;
        break;
      case "--year-no-generate":
        a.yearNoGenerate = true;
        a.year = true;
        break;
      case "--year-reuse":
        a.yearReuse = true;
        a.year = true;
        break;
      case "--smoke":
        a.smoke = true;
        break;
      case "-h":
      case "--help":
        console.log(USAGE);
        Deno.exit(0);
        break;
      default:
        console.error(`unknown argument ${args[i]}\n${USAGE}`);
        Deno.exit(2);
    }
  }
  if (a.smoke) {
    a.size = 2000;
    a.runs = 1;
    a.yearRows = Math.min(a.yearRows, 2000);
  }
  const bad = a.only.filter((c) => !CASES.includes(c));
  if (
    !Number.isInteger(a.size) || a.size < 100 || !(a.runs >= 1) || bad.length ||
    !Number.isInteger(a.yearRows) || a.yearRows < 100
  ) {
    console.error(`bad arguments${bad.length ? `: unknown case ${bad.join(", ")}` : ""}\n${USAGE}`);
    Deno.exit(2);
  }
  return a;
}

const sec = (ms: number) => ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;

/** The results as a Markdown table. */
export function markdownTable(rows: ResultRow[]): string {
  const lines = [
    "| case | size | runs | median | min-max | peak RSS | ratio | target | met |",
    "|---|---|---|---|---|---|---|---|---|",
  ];
  for (const r of rows) {
    const t = stats(r.times);
    const rss = r.rss.length ? `${Math.max(...r.rss).toFixed(0)} MB` : "-";
    const met = r.ok === null ? "" : r.ok ? "yes" : "**NO**";
    const [mid, range] = t.n ? [sec(t.median), `${sec(t.min)}-${sec(t.max)}`] : ["-", "-"];
    lines.push(
      `| ${r.case} | ${r.size} | ${t.n} | ${mid} | ${range} | ${rss} | ${
        r.ratio ?? ""
      } | ${r.target} | ${met}${r.note ? ` ${r.note}` : ""} |`,
    );
  }
  return lines.join("\n");
}

const OC04_REFERENCE =
  `OpenChargeback 0.4 (Python, pandas + SQLAlchemy), measured on this kind of machine:
200,000 rows (59.5 MB, 12 columns) ingested in 224.8 s with 483 MB peak memory (re-import 231 s);
\`generate\` about 10 s for one 77-page (1,600-charge) statement; \`export-journal\` 6.1 s and 589 MB
for 200,000 charges.`;

async function main(): Promise<void> {
  const a = parseArgs(Deno.args);
  if (!hasGnuTime()) console.error("note: /usr/bin/time missing (apt-get install time): no RSS");
  const started = new Date();
  const loadBefore = loadAverage();
  const sizes = a.size >= 10_000 ? [Math.round(a.size / 10), a.size] : [a.size];
  const rows: ResultRow[] = [];
  const t0 = performance.now();
  for (const c of a.only) {
    console.error(`bench: ${c}...`);
    const got = c === "startup"
      ? await startupCase(a)
      : c === "ingest"
      ? await ingestCase(a, sizes)
      : c === "statements"
      ? await statementsCase(a)
      : c === "journal"
      ? await journalCase(a, sizes)
      : c === "convert"
      ? await convertCase(a, sizes)
      : await webCase(a);
    console.error(markdownTable(got)); // progress: each case's rows as soon as they are known
    rows.push(...got);
  }
  if (a.year) {
    console.error(`bench: year (12 x ${a.yearRows} rows)...`);
    const got = await yearCase(a, a.yearRows, { noGenerate: a.yearNoGenerate, reuse: a.yearReuse });
    console.error(markdownTable(got));
    rows.push(...got);
  }
  const table = markdownTable(rows);
  const header = [
    `## ${started.toISOString().slice(0, 16).replace("T", " ")} UTC: ` +
    `\`deno task bench ${Deno.args.join(" ")}\``,
    "",
    ...machineInfo(),
    `- load average (1/5/15 min): ${loadBefore} before, ${loadAverage()} after; ` +
    `${((performance.now() - t0) / 60_000).toFixed(1)} min in all`,
    `- ${a.runs} run(s) per case; times are wall clock of the whole process (deno run), ` +
    `peak RSS from /usr/bin/time -v (web: the server's VmHWM); web rows show p95 as the median`,
    "",
  ].join("\n");
  const text = `${header}\n${table}\n`;
  console.log(text);
  const resultsDir = fileURLToPath(new URL("./results/", import.meta.url));
  const path = a.smoke
    ? `${WORK}results-smoke.md`
    : `${resultsDir}${started.toISOString().slice(0, 10)}.md`;
  await Deno.mkdir(a.smoke ? WORK : resultsDir, { recursive: true });
  let existing = "";
  try {
    existing = await Deno.readTextFile(path);
  } catch {
    existing = `# Benchmark results\n\n${OC04_REFERENCE}\n\n`;
  }
  await Deno.writeTextFile(path, `${existing}${text}\n`);
  console.error(`bench: results appended to ${path}`);
}

if (import.meta.main) await main();
