/**
 * The verdict of `validate` on EVERY realdata file (realdata/SOURCES.md gives
 * provenance and quirks), and why; that the FOCUS 1.3 files are detected,
 * validated and recorded as 1.3 with no false "custom column" warnings; that
 * ingest keeps every currency it is given (the 0.5-era BilledCurrency
 * included) and refuses what is not a currency; and that the Contract
 * Commitment file is refused by name. Expected sums are computed here from
 * the files with BigInt micro-unit arithmetic.
 */

import { deepEqual, equal, match } from "node:assert/strict";
import { gunzipSync } from "node:zlib";
import { CsvTokenizer } from "../../src/ingest/csv_tokenizer.ts";
import { fileFromPath } from "../../src/ingest/ingest_file.ts";
import { type FileValidation, validateFiles } from "../../src/validate/mod.ts";
import { ingestWorkspace } from "../ingest_helpers.ts";
import { REALDATA } from "./fixtures.ts";

/** [file, version checked (detected), conformant, errors as rule:count, warnings as rule:count] */
const VERDICTS: [string, string, boolean, string[], string[]][] = [
  // hand-authored by fdt's authors: ListCost/ContractedCost are not unit price x quantity
  // (3 usage rows), and the Tax row carries a PricingQuantity (SOURCES.md: "a strict
  // validator flags it")
  [
    "clientlike_multi_provider_1.3.csv",
    "1.3",
    false,
    ["ListCost-C-009-C:3", "ContractedUnitPrice-C-011-C:3", "PricingQuantity-C-004-C:1"],
    [],
  ],
  // generated exports of the fdt toolkit: conformant to the version they were generated for
  ["fdt_aws_1.3_20000.csv.gz", "1.3", true, [], []],
  ["fdt_azure_1.2_2000.csv", "1.2", true, [], []],
  ["fdt_gcp_1.3_2000.csv", "1.3", true, [], []],
  ["golden_aws_1.2_rows100.csv", "1.2", true, [], []],
  ["golden_azure_1.3_rows25_credits.csv", "1.3", true, [], []],
  ["golden_gcp_1.2_rows25_credits.csv", "1.2", true, [], []],
  // the 1.3 Contract Commitment dataset: not Cost and Usage, so no column checks
  ["golden_aws_1.3_contract_commitment.csv", "1.3", false, ["oc-dataset:1"], []],
  // 0.5-era names (ResourceID, AmortizedCost, ...) all read; BillingAccountType is a 1.2 column
  ["fv_all_pass_0.5.csv", "0.5", true, [], ["oc-column-not-in-version:1"]],
  // Faker data: no SubAccountId/SubAccountName (mandatory before 1.0), random words as
  // ChargeType, invented service categories, 25 "currencies" that are not ISO 4217 (GGP, IMP,
  // JEP, NIS, SPL, TVD), datetimes with microseconds and no zone (read, warned)
  [
    "fv_fake_focuses_0.5.csv",
    "0.5",
    false,
    [
      "CostAndUsage-D-019-C:1",
      "CostAndUsage-D-029-C:1",
      "ChargeCategory-C-003-M:1000",
      "ServiceCategory-C-003-M:743",
      "BillingCurrency-C-003-M:25",
    ],
    [
      "DateTimeFormat-A-004-M:1000",
      "DateTimeFormat-A-004-M:1000",
      "DateTimeFormat-A-004-M:1000",
      "DateTimeFormat-A-004-M:1000",
    ],
  ],
];

const tally = (vs: FileValidation["errors"]) => vs.map((v) => `${v.rule}:${v.count}`);

Deno.test("realdata: the validate verdict of every file", async () => {
  const present = [...Deno.readDirSync(REALDATA)].map((e) => e.name)
    .filter((n) => n.endsWith(".csv") || n.endsWith(".csv.gz")).sort();
  deepEqual(present, VERDICTS.map((v) => v[0]).sort(), "every realdata file has a verdict");
  const report = await validateFiles(VERDICTS.map(([f]) => fileFromPath(`${REALDATA}${f}`, f)));
  report.files.forEach((r, i) => {
    const [file, version, conformant, errors, warnings] = VERDICTS[i];
    deepEqual(
      [r.file, r.focusVersion, r.detectedVersion, r.conformant, tally(r.errors), tally(r.warnings)],
      [file, version, version, conformant, errors, warnings],
      file,
    );
  });
  // the 1.3 files: 65 columns, the 8 new ones are FOCUS columns, not "custom columns"
  for (const r of report.files.filter((f) => f.focusVersion === "1.3" && f.columns === 65)) {
    match(r.detectionReason ?? "", /^columns introduced in FOCUS 1\.3: /, r.file);
    equal(r.warnings.some((w) => w.rule === "ColumnHandling-A-010-M"), false, r.file);
  }
});

/** A decimal text as micro-units, rounded half away from zero (what ingest stores). */
function micros(text: string): bigint {
  const t = text.trim();
  const neg = t.startsWith("-");
  const [w, f = ""] = t.replace(/^[+-]/, "").split(".");
  const ten = BigInt(w || "0") * 10_000_000n + BigInt((f + "0000000").slice(0, 7));
  const v = (ten + 5n) / 10n;
  return neg ? -v : v;
}

/** Rows of a realdata file: header and data cells. */
function readRows(file: string): { head: string[]; rows: string[][]; text: string } {
  const bytes = Deno.readFileSync(`${REALDATA}${file}`);
  const text = new TextDecoder().decode(file.endsWith(".gz") ? gunzipSync(bytes) : bytes);
  const tok = new CsvTokenizer(file);
  const all = [...tok.push(text), ...tok.end()].map((r) => r.cells);
  return { head: all[0], rows: all.slice(1), text };
}

/** BilledCost per currency (micro-units) and row counts, from the file itself. */
function sumsByCurrency(head: string[], rows: string[][], currencyColumn: string) {
  const c = head.indexOf(currencyColumn);
  const b = head.indexOf("BilledCost");
  const out = new Map<string, { rows: number; billed: bigint }>();
  for (const r of rows) {
    const cur = r[c].trim().toUpperCase();
    const e = out.get(cur) ?? { rows: 0, billed: 0n };
    e.rows++;
    e.billed += micros(r[b]);
    out.set(cur, e);
  }
  return [...out.entries()].sort(([x], [y]) => (x < y ? -1 : 1))
    .map(([currency, e]) => ({ c: currency, n: e.rows, b: Number(e.billed) }));
}

Deno.test("realdata: ingest records 1.3 for the 1.3 files and keeps every currency and cent", async () => {
  const ws = await ingestWorkspace();
  try {
    for (
      const file of [
        "fdt_gcp_1.3_2000.csv",
        "golden_azure_1.3_rows25_credits.csv",
        "clientlike_multi_provider_1.3.csv", // USD x3 and EUR x1
      ]
    ) {
      const source = file.split("_")[0] + file.length;
      const r = await ws.ingest([`${REALDATA}${file}`, "-s", source, "--json"]);
      equal(r.code, 0, `${file}: ${r.stderr}`);
      const j = r.json<{ focusVersion: string; warnings: string[] }>();
      deepEqual([j.focusVersion, j.warnings], ["1.3", []], file);
      const { head, rows } = readRows(file);
      deepEqual(
        ws.query(
          `SELECT c.billing_currency AS c, count(*) AS n, sum(c.billed_cost) AS b
             FROM charges c JOIN sources s ON s.id = c.source_id WHERE s.name = ?
            GROUP BY c.billing_currency ORDER BY c.billing_currency`,
          source,
        ),
        sumsByCurrency(head, rows, "BillingCurrency"),
        file,
      );
    }
    deepEqual(ws.query("SELECT DISTINCT focus_version AS v FROM imports"), [{ v: "1.3" }]);
    // the Datadog row of the reseller file: service provider Datadog, host AWS (SOURCES.md)
    const dd = ws.query<{ provider_name: string; extra: string }>(
      'SELECT provider_name, extra FROM charge_values WHERE extra LIKE \'%"ServiceProviderName":"Datadog"%\'',
    );
    equal(dd.length, 1);
    equal(JSON.parse(dd[0].extra).HostProviderName, "AWS");
  } finally {
    await ws.cleanup();
  }
});

Deno.test("realdata: the Contract Commitment file is refused by name, nothing stored", async () => {
  const ws = await ingestWorkspace();
  try {
    const r = await ws.ingest([`${REALDATA}golden_aws_1.3_contract_commitment.csv`, "-s", "aws"]);
    equal(r.code, 1);
    match(
      r.stderr,
      /golden_aws_1\.3_contract_commitment\.csv:1: this is a FOCUS Contract Commitment dataset \(ContractCommitmentId, ContractCommitmentType, ContractCommitmentCategory, \.\.\.; no BilledCost\), not billing data\. \(nothing was stored\)/,
    );
    deepEqual(ws.query("SELECT count(*) AS n FROM charges"), [{ n: 0 }]);
  } finally {
    await ws.cleanup();
  }
});

/** The codes of fv_fake_focuses_0.5.csv that are not ISO 4217 (Faker's list has them). */
const NOT_ISO = new Set(["GGP", "IMP", "JEP", "NIS", "SPL", "TVD"]);

Deno.test("realdata 0.5-era: BilledCurrency is the currency; codes that are not ISO 4217 refuse the file", async () => {
  const ws = await ingestWorkspace();
  try {
    const file = "fv_fake_focuses_0.5.csv";
    const { head, rows, text } = readRows(file);
    const c = head.indexOf("BilledCurrency");
    const bad = rows.flatMap((r, i) => (NOT_ISO.has(r[c]) ? [i + 2] : []));
    equal(bad.length, 25);
    // the whole file: refused at the first code that is not one, with line and column
    const r = await ws.ingest([`${REALDATA}${file}`, "-s", "fake"]);
    equal(r.code, 1);
    match(
      r.stderr,
      new RegExp(
        `${file}:${bad[0]}: column BilledCurrency: '${
          rows[bad[0] - 2][c]
        }' is not an ISO 4217 currency code\\. \\(20 or more errors; nothing was stored\\)`,
      ),
    );
    deepEqual(ws.query("SELECT count(*) AS n FROM charges"), [{ n: 0 }]);
    // the other 975 rows (a copy in the workspace, CRLF kept): every currency kept, none the config's
    const lines = text.split("\r\n");
    const keep = lines.filter((_, i) => !bad.includes(i + 1));
    await Deno.writeTextFile(`${ws.dir}/fake_iso.csv`, keep.join("\r\n"));
    const ok = await ws.ingest([`${ws.dir}/fake_iso.csv`, "-s", "fake", "--json"]);
    equal(ok.code, 0, ok.stderr);
    deepEqual(ok.json<{ focusVersion: string; warnings: string[] }>().warnings, []);
    equal(ok.json<{ focusVersion: string }>().focusVersion, "0.5");
    const isoRows = rows.filter((r) => !NOT_ISO.has(r[c]));
    const expected = sumsByCurrency(head, isoRows, "BilledCurrency");
    equal(expected.length, 157); // 163 distinct codes, 6 of them not ISO 4217
    deepEqual(
      ws.query(
        "SELECT billing_currency AS c, count(*) AS n, sum(billed_cost) AS b FROM charges GROUP BY c ORDER BY c",
      ),
      expected,
    );
    // all_pass has both: BillingCurrency (USD) wins, BilledCurrency is kept with the charge
    const both = await ws.ingest([`${REALDATA}fv_all_pass_0.5.csv`, "-s", "allpass", "--json"]);
    equal(both.code, 0, both.stderr);
    deepEqual(
      ws.query(
        "SELECT billing_currency AS c, json_extract(extra, '$.BilledCurrency') AS old FROM charge_values c JOIN sources s ON s.id = c.source_id WHERE s.name = 'allpass' ORDER BY line_no",
      ),
      [{ c: "USD", old: "AUD" }, { c: "USD", old: "USD" }],
    );
  } finally {
    await ws.cleanup();
  }
});
