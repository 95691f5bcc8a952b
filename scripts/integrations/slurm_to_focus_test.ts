import { equal } from "node:assert/strict";
import { parseAccounts, sumSacct, usageToFocus } from "./slurm_to_focus.ts";
import { fileFromBytes } from "../../src/ingest/ingest_file.ts";
import { readCsvRows } from "../../src/ingest/read_csv_rows.ts";

const SACCT = [
  "1001|chem_catalysis|standard|16||7200", // 16 cores x 2 h = 32 core-hours
  "1001.batch|chem_catalysis|standard|16||7200", // a step: not counted twice
  "1002|chem_catalysis|accel|8|billing=8,cpu=8,gres/gpu=2,mem=64G,node=1|5400", // 2 GPUs x 1.5 h
  "1003|unknown_acct|standard|4||900", // 1 core-hour, nobody to bill: written without tags
].join("\n");

const ACCOUNTS = "account,pi_email,project_id,fund_org,subsidy_percent,pi_name\n" +
  "chem_catalysis,jose.nunez@northfield.edu,catalysis-ml,CHEM-10423,25,José Ñúñez\n";

Deno.test("slurm_to_focus: sacct lines become priced FOCUS rows the CSV reader accepts", async () => {
  const usage = sumSacct(SACCT);
  equal(usage.length, 4);
  const csv = usageToFocus(usage, parseAccounts(ACCOUNTS), {
    period: "2026-09",
    cpuRate: "0.02",
    gpuRate: "1.25",
    cluster: "cascade",
    provider: "Northfield Research Computing",
  });
  const rows = [];
  for await (const b of readCsvRows(fileFromBytes("hpc.csv", new TextEncoder().encode(csv)))) {
    rows.push(...b);
  }
  const [header, ...data] = rows.map((r) => r.cells);
  const at = (r: string[], c: string) => r[header.indexOf(c)];
  equal(data.length, 4);
  const gpu = data.find((r) => at(r, "PricingUnit") === "GPU-Hours")!;
  equal(at(gpu, "PricingQuantity"), "3.0000");
  equal(at(gpu, "ListCost"), "3.750000");
  equal(at(gpu, "BilledCost"), "2.812500"); // 25 % subsidy
  const cpu = data.find((r) => at(r, "ResourceId") === "slurm:cascade/standard/chem_catalysis")!;
  equal(at(cpu, "PricingQuantity"), "32.0000");
  equal(at(cpu, "ListCost"), "0.640000");
  equal(JSON.parse(at(cpu, "Tags")).fund_org, "CHEM-10423");
  const unknown = data.find((r) => at(r, "SubAccountId") === "unknown_acct")!;
  equal(at(unknown, "Tags"), "{}");
  equal(at(unknown, "BillingPeriodStart"), "2026-09-01T00:00:00Z");
  equal(at(unknown, "BillingPeriodEnd"), "2026-10-01T00:00:00Z");
});
