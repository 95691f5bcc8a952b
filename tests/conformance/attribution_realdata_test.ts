/**
 * The realdata AWS export (fdt_aws_1.3_20000.csv.gz, FOCUS 1.3, 20,000 rows;
 * see realdata/SOURCES.md) carries team and cost-centre tags (Owner=team-data,
 * CostCenter=cc-1042), not PI emails: without rules every row is held for
 * review. With rules mapping the three Owner teams to PIs and projects and
 * the three CostCenter values to funds, it imports with no missing-PI,
 * missing-project or missing-fund flag, its totals unchanged to the
 * micro-unit, and gives one statement per PI and project after approval.
 * Expected figures are computed here from the file with BigInt arithmetic.
 */

import { deepEqual, equal } from "node:assert/strict";
import { gunzipSync } from "node:zlib";
import { CsvTokenizer } from "../../src/ingest/csv_tokenizer.ts";
import { runCli, tempWorkspace } from "../cli_harness.ts";
import { REALDATA } from "./fixtures.ts";

const FILE = `${REALDATA}fdt_aws_1.3_20000.csv.gz`;

/** A decimal text as micro-units (BigInt; rounded half away from zero at the micro-unit). */
function micros(text: string): bigint {
  const t = text.trim();
  const neg = t.startsWith("-");
  const [w, f = ""] = t.replace(/^[+-]/, "").split(".");
  const ten = BigInt(w || "0") * 10_000_000n + BigInt((f + "0000000").slice(0, 7));
  const v = (ten + 5n) / 10n;
  return neg ? -v : v;
}

function fileFacts() {
  const text = new TextDecoder().decode(gunzipSync(Deno.readFileSync(FILE)));
  const tok = new CsvTokenizer("aws");
  const rows = [...tok.push(text), ...tok.end()];
  const head = rows[0].cells;
  const col = (n: string) => head.indexOf(n);
  let total = 0n;
  const owners = new Set<string>();
  const groups = new Set<string>();
  const currencies = new Set<string>();
  for (const r of rows.slice(1)) {
    total += micros(r.cells[col("BilledCost")]);
    currencies.add(r.cells[col("BillingCurrency")]);
    const tags = JSON.parse(r.cells[col("Tags")] || "{}");
    owners.add(tags.Owner);
    groups.add(`${r.cells[col("BillingPeriodStart")].slice(0, 7)} ${tags.Owner}`);
  }
  return { rows: rows.length - 1, total, owners, groups, currencies };
}

const PIS: Record<string, string> = {
  "team-data": "dana.li@univ.example",
  "team-payments": "paul.ng@univ.example",
  "team-platform": "pat.ray@univ.example",
};

Deno.test("realdata AWS: rules map Owner teams to PIs and CostCenter to funds", async () => {
  const facts = fileFacts();
  equal(facts.rows, 20000);
  deepEqual([...facts.owners].sort(), Object.keys(PIS)); // every row has one of three teams
  const { dir, cleanup } = await tempWorkspace("oc-realattr-");
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
      `database:\n  path: ${dir}/billing.db\noutput:\n  pdf_dir: ${dir}/pdfs\n  journal_dir: ${dir}/j\n  email_dir: ${dir}/e\nattribution:\n  precedence: tags\n  rules:\n${rules}\n`,
    );
    const run = (args: string[]) =>
      runCli([...args, "-c", "config.yaml"], { cwd: dir, env: { USER: "t" } });
    let r = await run(["ingest", "--new-source", FILE, "-s", "aws", "--json"]);
    equal(r.code, 0, r.stderr);
    const s = r.json<
      { rows: number; periods: string[]; currencies: { currency: string; billedCost: string }[] }
    >();
    equal(s.rows, 20000);
    // totals unchanged to the micro-unit
    deepEqual(s.currencies.map((c) => [c.currency, micros(c.billedCost)]), [
      [[...facts.currencies][0], facts.total],
    ]);
    r = await run(["review", "list", "--json"]);
    const pending = r.json<{ reasons: string[] }[]>();
    const missing = pending.filter((c) =>
      c.reasons.some((x) => /^missing_(pi_email|project_id|fund_org)$/.test(x))
    );
    equal(missing.length, 0);
    for (const p of s.periods) {
      r = await run(["review", "approve", "-p", p, "--note", "realdata"]);
      equal(r.code, 0, r.stderr);
    }
    let statements = 0;
    for (const p of s.periods) {
      r = await run(["generate", "-p", p, "--json"]);
      equal(r.code, 0, r.stderr);
      const out = r.json<{ statements: { piEmail: string; projectId: string }[] }>();
      statements += out.statements.length;
      for (const st of out.statements) equal(PIS[st.projectId], st.piEmail);
    }
    equal(statements, facts.groups.size); // one per PI and project (and period)
  } finally {
    await cleanup();
  }
});
