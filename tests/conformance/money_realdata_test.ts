/**
 * The money rule on a real month of sub-cent lines: the realdata AWS export
 * (fdt_aws_1.3_20000.csv.gz, FOCUS 1.3, 20,000 hourly lines such as
 * 0.08799215300000; see realdata/SOURCES.md), attributed by config rules
 * (its Owner tag names three teams, its CostCenter tag three cost centres:
 * no PI emails). Facts computed below from the file with BigInt arithmetic:
 * - every line parsed to the micro-unit (half away from zero) sums to
 *   344,847.103392 USD (the 14-decimal sum is 344,847.10336774602844);
 * - rounded once that is 344,847.10; each team's statement rounded once
 *   (109,877.13 + 120,511.42 + 114,458.55) also adds up to 344,847.10;
 * - rounding every line to cents first, as before, gave 344,850.76: $3.66
 *   that no source charged;
 * - cost centre cc-1042 holds 116,193.605865 (its GL debit was 116,194.99).
 * Statements, the GL, summary and detail journals and `periods list` must all
 * give 344,847.10, and each cost centre's GL debit must be within one cent
 * per statement (three) of its exact sum.
 */

import { deepEqual, equal, ok } from "node:assert/strict";
import { gunzipSync } from "node:zlib";
import { CsvTokenizer } from "../../src/ingest/csv_tokenizer.ts";
import { runCli, tempWorkspace } from "../cli_harness.ts";
import { REALDATA } from "./fixtures.ts";

const FILE = `${REALDATA}fdt_aws_1.3_20000.csv.gz`;

/** A decimal text as micro-units (BigInt; half away from zero at the micro-unit, as ingest). */
function micros(text: string): bigint {
  const t = text.trim();
  const neg = t.startsWith("-");
  const [w, f = ""] = t.replace(/^[+-]/, "").split(".");
  const ten = BigInt(w || "0") * 10_000_000n + BigInt((f + "0000000").slice(0, 7));
  const v = (ten + 5n) / 10n;
  return neg ? -v : v;
}

/** Micro-units rounded to cents, half away from zero (BigInt). */
function cents(m: bigint): bigint {
  const a = m < 0n ? -m : m;
  const r = ((a + 5_000n) / 10_000n) * 10_000n;
  return m < 0n ? -r : r;
}

/** "344847.10" -> micro-units. */
function decimal(text: string): bigint {
  const [w, f = ""] = text.replace("-", "").split(".");
  const v = BigInt(w) * 1_000_000n + BigInt((f + "000000").slice(0, 6));
  return text.startsWith("-") ? -v : v;
}

function fileFacts() {
  const text = new TextDecoder().decode(gunzipSync(Deno.readFileSync(FILE)));
  const tok = new CsvTokenizer("aws");
  const rows = [...tok.push(text), ...tok.end()];
  const head = rows[0].cells;
  const col = (n: string) => head.indexOf(n);
  let total = 0n;
  let perLine = 0n;
  const byOwner = new Map<string, bigint>();
  const byCostCenter = new Map<string, bigint>();
  for (const r of rows.slice(1)) {
    const m = micros(r.cells[col("BilledCost")]);
    total += m;
    perLine += cents(m);
    const tags = JSON.parse(r.cells[col("Tags")] || "{}");
    byOwner.set(tags.Owner, (byOwner.get(tags.Owner) ?? 0n) + m);
    byCostCenter.set(tags.CostCenter, (byCostCenter.get(tags.CostCenter) ?? 0n) + m);
  }
  return { rows: rows.length - 1, total, perLine, byOwner, byCostCenter };
}

const PIS: Record<string, string> = {
  "team-data": "dana.li@univ.example",
  "team-payments": "paul.ng@univ.example",
  "team-platform": "pat.ray@univ.example",
};

Deno.test("realdata money: statements and journals add up to the exact charges rounded once", async () => {
  const facts = fileFacts();
  equal(facts.rows, 20000);
  equal(facts.total, 344_847_103_392n);
  equal(cents(facts.total), 344_847_100_000n);
  equal(facts.perLine, 344_850_760_000n); // the old per-line rounding: 3.66 too much
  equal(facts.byCostCenter.get("cc-1042"), 116_193_605_865n);
  const { dir, cleanup } = await tempWorkspace("oc-realmoney-");
  try {
    const rules = [
      ...Object.entries(PIS).map(([team, pi]) =>
        `    - name: ${team}\n      match: {"tag:Owner": ${team}}\n      set: {pi_email: ${pi}, project_id: ${team}}`
      ),
      ...["cc-1042", "cc-2087", "cc-3110"].map((cc) =>
        `    - name: fund-${cc}\n      match: {"tag:CostCenter": ${cc}}\n      set: {fund_org: ${cc.toUpperCase()}}`
      ),
    ].join("\n");
    await Deno.writeTextFile(
      `${dir}/config.yaml`,
      `database:\n  path: ${dir}/billing.db\noutput:\n  pdf_dir: ${dir}/pdfs\n  journal_dir: ${dir}/j\n  email_dir: ${dir}/e\n` +
        `imports:\n  known_sources:\n    - {name: aws, fund_org: "RC-900", account_code: "4500"}\n` +
        `attribution:\n  precedence: tags\n  rules:\n${rules}\n`,
    );
    const run = async (args: string[]) => {
      const r = await runCli([...args, "-c", "config.yaml"], { cwd: dir, env: { USER: "t" } });
      equal(r.code, 0, `${args.join(" ")}: ${r.stderr}`);
      return r;
    };
    const s = (await run(["ingest", "--new-source", FILE, "-s", "aws", "--json"])).json<
      { periods: string[] }
    >();
    deepEqual(s.periods, ["2026-05"]);
    await run(["review", "approve", "-p", "2026-05", "--note", "realdata"]);
    const gen = (await run(["generate", "-p", "2026-05", "--json"])).json<{
      statements: { pi: string; project: string; billedCost: string }[];
    }>();
    equal(gen.statements.length, 3);
    let due = 0n;
    for (const st of gen.statements) {
      // each statement: its team's exact sum rounded once
      equal(decimal(st.billedCost), cents(facts.byOwner.get(st.project)!), st.project);
      equal(PIS[st.project], st.pi);
      due += decimal(st.billedCost);
    }
    equal(due, 344_847_100_000n);
    // the journals bill the statements' amounts due, whatever their format
    for (const format of ["gl", "summary", "detail"]) {
      const j = (await run(["export-journal", "-p", "2026-05", "-f", format, "--json"]))
        .json<{ debitTotal: string; creditTotal: string }>();
      equal(j.debitTotal, "344847.10", format);
      equal(j.creditTotal, "344847.10", format);
    }
    const gl = (await run(["export-journal", "-p", "2026-05", "-f", "gl", "-o", "-"])).stdout
      .trim().split("\n").map((l) => l.split(","));
    const head = gl[0];
    const debit = head.indexOf("Debit");
    const fund = head.indexOf("Fund/Org");
    for (const [cc, exact] of facts.byCostCenter) {
      const line = gl.find((r) => r[fund] === cc.toUpperCase() && r[debit] !== "")!;
      const diff = decimal(line[debit]) - exact;
      // three statements each allocate their cents over the cost centres: < 1 cent each
      ok(diff > -30_000n && diff < 30_000n, `${cc}: ${line[debit]} vs ${exact}`);
    }
    const cc1042 = gl.find((r) => r[fund] === "CC-1042")!;
    ok(["116193.60", "116193.61"].includes(cc1042[debit]), cc1042[debit]);
    // periods list: the charges' exact sum, the statements' total and the rounding
    const p = (await run(["periods", "list", "--json"])).json<
      {
        period: string;
        billedCost: string;
        statements: {
          totals: { billedCost: string; chargesBilledCost: string; rounding: string }[];
        };
      }[]
    >()[0];
    equal(p.billedCost, "344847.103392");
    deepEqual(p.statements.totals.map((t) => [t.billedCost, t.chargesBilledCost, t.rounding]), [
      ["344847.10", "344847.103392", "-0.003392"],
    ]);
    const text = (await run(["periods", "list"])).stdout;
    ok(
      text.includes(
        "2026-05 USD: statements 344,847.10 · charges 344,847.103392 · rounding -0.003392",
      ),
      text,
    );
  } finally {
    await cleanup();
  }
});
