import { deepEqual, equal, match } from "node:assert/strict";
import bcrypt from "bcryptjs";
import { REPO_ROOT, tempWorkspace } from "./cli_harness.ts";
import { readCsvRows } from "../src/ingest/read_csv_rows.ts";
import { fileFromPath } from "../src/ingest/ingest_file.ts";
import { microsToDecimal, parseMicros } from "../src/domain/money.ts";
import { compileConfigRegex, parseConfigText } from "../src/config/mod.ts";

const SAMPLE = `${REPO_ROOT}sample_data/`;

/** The figures of every sample file: rows, billed and list totals (exact), x_ columns. */
const EXPECTED: Record<string, [number, string, string, string[]]> = {
  "aws_2026-09.csv": [64, "6188.677785", "6680.836326", [
    "x_UsageType",
    "x_Operation",
    "x_ServiceCode",
  ]],
  "azure_2026-09.csv": [31, "4417.168647", "5029.737097", [
    "x_ResourceGroupName",
    "x_SkuMeterCategory",
  ]],
  "gcp_2026-09.csv": [26, "3417.035419", "3417.035419", ["x_ProjectId"]],
  "hpc_2026-09.csv": [35, "36147.1975", "62335.94", []],
  "storage_2026-09.csv": [33, "5306.209", "6780.13", []],
  "aws_2026-10.csv": [55, "5498.560544", "5931.247899", [
    "x_UsageType",
    "x_Operation",
    "x_ServiceCode",
  ]],
  "azure_2026-10.csv": [31, "4725.493238", "5380.10595", [
    "x_ResourceGroupName",
    "x_SkuMeterCategory",
  ]],
  "gcp_2026-10.csv": [25, "3023.992573", "3023.992573", ["x_ProjectId"]],
  "hpc_2026-10.csv": [35, "33504.325", "63149.55", []],
  "storage_2026-10.csv": [33, "6115.032", "7840.456", []],
};

async function readSample(name: string) {
  const rows = [];
  for await (const batch of readCsvRows(fileFromPath(`${SAMPLE}${name}`, name))) {
    rows.push(...batch);
  }
  const header = rows[0].cells;
  const col = (c: string) => header.indexOf(c);
  return { header, data: rows.slice(1), col };
}

Deno.test("sample data: the generator is deterministic and sample_data/ is what it writes", async () => {
  const { dir, cleanup } = await tempWorkspace();
  try {
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "--quiet", `${REPO_ROOT}scripts/make_sample_data.ts`, "--out", dir],
      stdout: "piped",
      stderr: "piped",
    }).output();
    equal(out.code, 0, new TextDecoder().decode(out.stderr));
    const written = [...Deno.readDirSync(dir)].map((e) => e.name).sort();
    deepEqual(written, [...Object.keys(EXPECTED), "README.md", "expected.json"].sort());
    for (const name of written) {
      const fresh = await Deno.readFile(`${dir}/${name}`);
      const committed = await Deno.readFile(`${SAMPLE}${name}`);
      equal(fresh.length, committed.length, `${name} differs from sample_data/${name}: regenerate`);
      deepEqual(fresh, committed, `${name} differs from sample_data/${name}: regenerate`);
    }
  } finally {
    await cleanup();
  }
});

Deno.test("sample data: every file parses with the CSV reader with exact rows and totals", async () => {
  let rows = 0;
  for (const [name, [count, billed, list, xColumns]] of Object.entries(EXPECTED)) {
    const { header, data, col } = await readSample(name);
    equal(data.length, count, `${name} rows`);
    rows += data.length;
    let b = 0, l = 0;
    for (const r of data) {
      equal(r.cells.length, header.length, `${name}:${r.line} field count`);
      b += parseMicros(r.cells[col("BilledCost")])!;
      l += parseMicros(r.cells[col("ListCost")])!;
      const tags = JSON.parse(r.cells[col("Tags")]);
      match(tags.pi_email, /^[a-z.]+@northfield\.edu$/);
    }
    equal(microsToDecimal(b), billed, `${name} billed`);
    equal(microsToDecimal(l), list, `${name} list`);
    for (const x of xColumns) equal(header.includes(x), true, `${name} has ${x}`);
    equal(data.at(-1)!.line, count + 1, `${name}: one line per row`);
  }
  equal(rows, 368);
});

Deno.test("sample data: credits, the correction, subsidies and non-ASCII names are present", async () => {
  const aws = await readSample("aws_2026-10.csv");
  const correction = aws.data.filter((r) => r.cells[aws.col("ChargeClass")] === "Correction");
  equal(correction.length, 1);
  equal(correction[0].cells[aws.col("BilledCost")], "-34.5262500000");
  equal(correction[0].cells[aws.col("ChargePeriodStart")], "2026-09-01T00:00:00.000Z");
  let credits = 0;
  for (const name of Object.keys(EXPECTED)) {
    const f = await readSample(name);
    credits += f.data.filter((r) => r.cells[f.col("ChargeCategory")] === "Credit").length;
  }
  equal(credits, 6);
  const hpc = await readSample("hpc_2026-09.csv");
  const free = hpc.data.filter((r) =>
    r.cells[hpc.col("BilledCost")] === "0.00" && r.cells[hpc.col("ListCost")] !== "0.00"
  );
  equal(free.length, 6);
  const units = new Set(hpc.data.map((r) => r.cells[hpc.col("PricingUnit")]));
  deepEqual([...units].sort(), ["Core-Hours", "GPU-Hours"]);
  const names = new Set(hpc.data.map((r) => JSON.parse(r.cells[hpc.col("Tags")]).pi_name));
  equal(names.has("Łukasz Dvořák"), true);
  equal(names.has("José Ñúñez"), true);
  const azureBytes = await Deno.readFile(`${SAMPLE}azure_2026-09.csv`);
  deepEqual([...azureBytes.slice(0, 3)], [0xef, 0xbb, 0xbf]); // BOM, as Cost Management writes it
});

Deno.test("sample data: the README states the generated figures", async () => {
  const readme = await Deno.readTextFile(`${SAMPLE}README.md`);
  match(
    readme,
    /\| 2026-09 \| 189 \| 55476\.288351 \| 84243\.678842 \| 3 \| 30 \| 36 \| 55400\.400351 \|/,
  );
  match(
    readme,
    /\| 2026-10 \| 179 \| 52867\.403355 \| 85325\.352422 \| 4 \| 30 \| 36 \| 52846\.172105 \|/,
  );
  match(readme, /7 rows are held for review/);
  match(readme, /\| `aws_2026-09\.csv` \| 65 \| missing_fund_org \|/);
});

Deno.test("sample data: config.example.yaml loads cleanly and fits the sample files", async () => {
  const text = await Deno.readTextFile(`${SAMPLE}config.example.yaml`);
  const { config, warnings } = parseConfigText(text, "config.example.yaml", () => undefined);
  deepEqual(warnings, []);
  equal(config.dev_mode, true);
  equal(config.statements.institution, "Northfield University");
  deepEqual(config.review.flag_patterns, ["gpu"]);
  const admin = config.web.users.admin;
  equal(admin.role, "admin");
  equal(bcrypt.compareSync("northfield-demo", admin.password_hash), true);
  equal(config.web.secret_key, "northfield-demo-secret-change-me");
  const fundRe = compileConfigRegex(config.journal.fund_org_regex, "journal.fund_org_regex");
  const accountRe = compileConfigRegex(
    config.journal.account_code_regex,
    "journal.account_code_regex",
  );
  const sources = config.imports.known_sources;
  deepEqual(sources.map((s) => s.name), ["AWS", "Azure", "GCP", "HPC", "Storage"]);
  for (const s of sources) {
    match(s.fund_org, fundRe);
    match(s.account_code, accountRe);
    const files = Object.keys(EXPECTED).filter((f) => f.includes(s.pattern));
    equal(files.length, 2, `${s.pattern} matches both months`);
  }
  equal(fundRe.exec("CHEM-10423")?.groups?.orgn, "CHEM");
  equal(fundRe.exec("GEOS-404550")?.groups?.fund, "404550"); // approved typo still splits
});
