/**
 * The program against every file of ../shared/fixtures/realdata/ (provenance
 * and quirks in its SOURCES.md): the real CLI `ingest --json` into a real
 * SQLite file. For each file the row count and the per-currency billed and list
 * totals are computed here from the file itself with BigInt micro-units (each
 * amount rounded half away from zero to the micro-unit, as stored), and must
 * equal both the summary and the database; periods, flagged count and the
 * detected FOCUS version must equal the table below.
 *
 * EXPECTED holds today's behaviour in one place, to update when it changes
 * (issue 18 landed: 1.3 files are detected as 1.3, the Contract Commitment
 * dataset is refused by name, BilledCurrency is read as the currency and must
 * be ISO 4217; issue 17 may change `flagged`: today every row is flagged, no
 * file carries a PI, project or fund tag).
 */

import { deepEqual, equal, match } from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import Papa from "papaparse";
import { runCli, tempWorkspace } from "../cli_harness.ts";
import { REALDATA } from "./fixtures.ts";

interface Expected {
  rows: number;
  periods: string[];
  flagged: number;
  version: string;
}

/** Today's figures per file (rows are also recounted from the file below). */
const EXPECTED: Record<string, Expected | { refused: RegExp }> = {
  "clientlike_multi_provider_1.3.csv": {
    rows: 4,
    periods: ["2026-05"],
    flagged: 4,
    version: "1.3",
  },
  "fdt_aws_1.3_20000.csv.gz": {
    rows: 20_000,
    periods: ["2026-05"],
    flagged: 20_000,
    version: "1.3",
  },
  "fdt_azure_1.2_2000.csv": { rows: 2_000, periods: ["2026-05"], flagged: 2_000, version: "1.2" },
  "fdt_gcp_1.3_2000.csv": { rows: 2_000, periods: ["2026-05"], flagged: 2_000, version: "1.3" },
  "fv_all_pass_0.5.csv": { rows: 2, periods: ["2023-06"], flagged: 2, version: "0.5" },
  // 163 random BilledCurrency codes, some not ISO 4217 (JEP, IMP, TVD, NIS, GGP): refused
  "fv_fake_focuses_0.5.csv": {
    refused: /:94: column BilledCurrency: 'JEP' is not an ISO 4217 currency code/,
  },
  "golden_aws_1.2_rows100.csv": { rows: 100, periods: ["2026-05"], flagged: 100, version: "1.2" },
  // not a cost-and-usage file: the FOCUS 1.3 Contract Commitment dataset (issue 18)
  "golden_aws_1.3_contract_commitment.csv": {
    refused: /:1: this is a FOCUS Contract Commitment dataset \(ContractCommitmentId, /,
  },
  "golden_azure_1.3_rows25_credits.csv": {
    rows: 25,
    periods: ["2026-05"],
    flagged: 25,
    version: "1.3",
  },
  "golden_gcp_1.2_rows25_credits.csv": {
    rows: 25,
    periods: ["2026-05"],
    flagged: 25,
    version: "1.2",
  },
};

/** The config currency, taken by rows of a file without a currency column. */
const DEFAULT_CURRENCY = "USD";

const DECIMAL = /^([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** A decimal string as BigInt micro-units, rounded half away from zero; "" is 0. */
function micros(text: string): bigint {
  const t = text.trim();
  if (t === "" || t === "NULL" || t === "null") return 0n;
  const m = DECIMAL.exec(t);
  if (!m) throw new Error(`not a decimal: '${text}'`);
  const [, sign, int = "", frac = "", exp = "0"] = m;
  const digits = BigInt((int + frac) || "0");
  const shift = 6 + Number(exp) - frac.length; // value = digits * 10^(shift - 6)
  let v: bigint;
  if (shift >= 0) v = digits * 10n ** BigInt(shift);
  else {
    const div = 10n ** BigInt(-shift);
    v = digits / div;
    if ((digits % div) * 2n >= div) v += 1n;
  }
  return sign === "-" ? -v : v;
}

/** "12.345600" style text of micro-units, for messages and comparison. */
function decimal(v: bigint): string {
  const neg = v < 0n;
  const a = neg ? -v : v;
  const s = `${a / 1_000_000n}.${String(a % 1_000_000n).padStart(6, "0")}`;
  return (neg ? "-" : "") + s;
}

async function fileText(path: string): Promise<string> {
  const file = await Deno.open(path);
  const stream = path.endsWith(".gz")
    ? file.readable.pipeThrough(new DecompressionStream("gzip"))
    : file.readable;
  return (await new Response(stream).text()).replace(/^\uFEFF/, "");
}

/** Row count and per-currency [billed, list] totals of a file, computed here. */
async function figuresOf(path: string) {
  const parsed = Papa.parse<string[]>(await fileText(path), { skipEmptyLines: true });
  const [header, ...rows] = parsed.data;
  const col = (name: string) => header.findIndex((h) => h.trim() === name);
  const [billed, list] = [col("BilledCost"), col("ListCost")];
  // the currency: BillingCurrency, else the pre-1.0 BilledCurrency, else the config's
  const currency = col("BillingCurrency") >= 0 ? col("BillingCurrency") : col("BilledCurrency");
  const totals = new Map<string, [bigint, bigint, number]>();
  for (const r of rows) {
    const cur = currency >= 0 && r[currency].trim() !== "" ? r[currency].trim() : DEFAULT_CURRENCY;
    const t = totals.get(cur) ?? [0n, 0n, 0];
    const b = micros(r[billed]);
    // the program's rule: an absent or empty ListCost is the BilledCost (the 0.5 files have none)
    const l = list >= 0 && r[list].trim() !== "" ? micros(r[list]) : b;
    totals.set(cur, [t[0] + b, t[1] + l, t[2] + 1]);
  }
  return { rows: rows.length, totals };
}

interface Summary {
  focusVersion: string;
  periods: string[];
  rows: number;
  added: number;
  flagged: number;
  status: string;
  currencies: { currency: string; rows: number; billedCost: string; listCost: string }[];
}

Deno.test("realdata: the table covers every file of realdata/", () => {
  const files = [...Deno.readDirSync(REALDATA)].map((e) => e.name)
    .filter((n) => /\.csv(\.gz)?$/.test(n)).sort();
  deepEqual(files, Object.keys(EXPECTED).sort());
});

for (const [name, expected] of Object.entries(EXPECTED)) {
  Deno.test(`realdata: ${name}`, async () => {
    const { dir, cleanup } = await tempWorkspace("oc-realdata-");
    try {
      const r = await runCli([
        "ingest",
        "--new-source",
        `${REALDATA}${name}`,
        "-s",
        "realdata",
        "--json",
      ], {
        cwd: dir,
      });
      if ("refused" in expected) {
        equal(r.code, 1, r.stdout);
        match(r.stderr, expected.refused);
        match(r.stderr, /nothing was stored/);
        return;
      }
      equal(r.code, 0, r.stderr);
      const s = r.json<Summary>();
      const fig = await figuresOf(`${REALDATA}${name}`);
      equal(fig.rows, expected.rows, "rows in the file");
      deepEqual([s.rows, s.added, s.status], [expected.rows, expected.rows, "imported"]);
      deepEqual(s.periods, expected.periods);
      equal(s.flagged, expected.flagged);
      equal(s.focusVersion, expected.version);
      // per currency: the summary and the stored charges equal the sums of the file
      const want = [...fig.totals].sort(([a], [b]) => a.localeCompare(b))
        .map(([currency, [b, l, n]]) => [currency, n, decimal(b), decimal(l)]);
      const summary = s.currencies.map((c) => [
        c.currency,
        c.rows,
        decimal(micros(c.billedCost)),
        decimal(micros(c.listCost)),
      ]).sort(([a], [b]) => String(a).localeCompare(String(b)));
      deepEqual(summary, want, "ingest summary per currency");
      const db = new DatabaseSync(`${dir}/instance/billing.db`, { readOnly: true });
      try {
        const stored = db.prepare(
          `SELECT billing_currency AS c, count(*) AS n, sum(billed_cost) AS b, sum(list_cost) AS l
           FROM charges GROUP BY billing_currency ORDER BY billing_currency`,
        ).all() as { c: string; n: number; b: number; l: number }[];
        deepEqual(
          stored.map((x) => [x.c, x.n, decimal(BigInt(x.b)), decimal(BigInt(x.l ?? 0))]),
          want,
          "stored charges per currency",
        );
      } finally {
        db.close();
      }
    } finally {
      await cleanup();
    }
  });
}
