/**
 * Slurm accounting (`sacct`) to a FOCUS CSV that `openchargeback ingest` reads:
 * one row per (Slurm account, partition, CPU or GPU) for a month, priced at
 * list rates, with the institution's subsidy applied to BilledCost.
 *
 *   sacct -a -X -P -n -S 2026-09-01 -E 2026-10-01 \
 *     --format=JobID,Account,Partition,AllocCPUS,AllocTRES,ElapsedRaw > sacct_2026-09.txt
 *   deno run -A scripts/integrations/slurm_to_focus.ts --period 2026-09 \
 *     --accounts accounts.csv [--cpu-rate 0.02] [--gpu-rate 1.25] [--cluster cascade] \
 *     sacct_2026-09.txt > hpc_2026-09.csv
 *
 * accounts.csv: account,pi_email,project_id,fund_org,subsidy_percent[,pi_name]
 * (header line required). Jobs of accounts not in the file are still written,
 * without attribution, so OpenChargeback flags them instead of losing them.
 * See docs/integrations.md.
 */

import Papa from "papaparse";
import { formatMicros, parseMicros } from "../../src/domain/money.ts";
import { toCsv } from "../../src/domain/csv_write.ts";
import { nextPeriod } from "../../src/domain/period.ts";

/** Attribution and subsidy of one Slurm account. */
export interface SlurmAccount {
  pi_email: string;
  project_id: string;
  fund_org: string;
  subsidy_percent: number;
  pi_name?: string;
}

/** Usage summed per (account, partition, kind), in seconds of cores or GPUs. */
export interface SlurmUsage {
  account: string;
  partition: string;
  kind: "cpu" | "gpu";
  seconds: number;
  jobs: number;
}

/** Sum `sacct -P` lines (JobID|Account|Partition|AllocCPUS|AllocTRES|ElapsedRaw). */
export function sumSacct(text: string): SlurmUsage[] {
  const usage = new Map<string, SlurmUsage>();
  const add = (account: string, partition: string, kind: "cpu" | "gpu", seconds: number) => {
    const key = `${account}|${partition}|${kind}`;
    const u = usage.get(key) ?? { account, partition, kind, seconds: 0, jobs: 0 };
    u.seconds += seconds;
    u.jobs += 1;
    usage.set(key, u);
  };
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    const [jobId, account, partition, cpus, tres, elapsed] = line.split("|");
    if (jobId.includes(".")) return; // job steps: the allocation line already counts
    const seconds = Number(elapsed);
    if (!Number.isSafeInteger(seconds) || !Number.isSafeInteger(Number(cpus))) {
      throw new Error(
        `line ${i + 1}: expected JobID|Account|Partition|AllocCPUS|AllocTRES|ElapsedRaw`,
      );
    }
    add(account, partition, "cpu", Number(cpus) * seconds);
    const gpus = /gres\/gpu(?::[^=,]+)?=(\d+)/.exec(tres ?? "");
    if (gpus && Number(gpus[1]) > 0) add(account, partition, "gpu", Number(gpus[1]) * seconds);
  });
  return [...usage.values()].sort((a, b) =>
    `${a.account}|${a.partition}|${a.kind}`.localeCompare(`${b.account}|${b.partition}|${b.kind}`)
  );
}

/** Read accounts.csv into account -> attribution. */
export function parseAccounts(text: string): Map<string, SlurmAccount> {
  const parsed = Papa.parse<Record<string, string>>(text.trim(), { header: true });
  const out = new Map<string, SlurmAccount>();
  for (const r of parsed.data) {
    out.set(r.account, {
      pi_email: r.pi_email,
      project_id: r.project_id,
      fund_org: r.fund_org,
      subsidy_percent: Number(r.subsidy_percent || 0),
      pi_name: r.pi_name || undefined,
    });
  }
  return out;
}

/** Hours with 4 decimals from seconds (integer arithmetic, half up). */
function hoursText(seconds: number): string {
  const tenThousandths = Math.floor((seconds * 10_000 + 1_800) / 3_600);
  return formatMicros(tenThousandths * 100, 4);
}

const COLUMNS = [
  "BillingAccountId",
  "BillingAccountName",
  "BillingCurrency",
  "BillingPeriodStart",
  "BillingPeriodEnd",
  "ChargePeriodStart",
  "ChargePeriodEnd",
  "ChargeCategory",
  "ChargeDescription",
  "ChargeFrequency",
  "ServiceCategory",
  "ServiceName",
  "ProviderName",
  "ResourceId",
  "ResourceName",
  "SubAccountId",
  "PricingQuantity",
  "PricingUnit",
  "ConsumedQuantity",
  "ConsumedUnit",
  "ListUnitPrice",
  "ListCost",
  "ContractedCost",
  "BilledCost",
  "EffectiveCost",
  "Tags",
  "x_Cluster",
  "x_Partition",
  "x_JobCount",
]; // deno-fmt-ignore

/** The FOCUS CSV text for one month of usage. */
export function usageToFocus(
  usage: SlurmUsage[],
  accounts: Map<string, SlurmAccount>,
  opts: { period: string; cpuRate: string; gpuRate: string; cluster: string; provider: string },
): string {
  const start = `${opts.period}-01T00:00:00Z`;
  const end = `${nextPeriod(opts.period)}-01T00:00:00Z`;
  const rows: (string | null)[][] = [COLUMNS];
  for (const u of usage) {
    const a = accounts.get(u.account);
    const rate = u.kind === "gpu" ? opts.gpuRate : opts.cpuRate;
    const hours = hoursText(u.seconds);
    // exact integer arithmetic (BigInt): micro-units, rounded half up (amounts are never negative)
    const list = (BigInt(parseMicros(rate)!) * BigInt(parseMicros(hours)!) + 500_000n) / 1_000_000n;
    const subsidy = a?.subsidy_percent ?? 0;
    const listMicros = Number(list);
    const billedMicros = Number((list * BigInt(100 - subsidy) + 50n) / 100n);
    const unit = u.kind === "gpu" ? "GPU-Hours" : "Core-Hours";
    const tags = a
      ? { pi_email: a.pi_email, project_id: a.project_id, fund_org: a.fund_org, ...(a.pi_name ? { pi_name: a.pi_name } : {}) }
      : {};
    rows.push([
      `${opts.cluster}`, opts.provider, "USD", start, end, start, end, "Usage",
      `${u.kind === "gpu" ? "GPU-hours" : "CPU core-hours"} on ${opts.cluster} ${u.partition}, ${subsidy}% subsidy`,
      "Usage-Based", "Compute", u.kind === "gpu" ? "HPC Accelerated Compute" : "HPC Compute",
      opts.provider, `slurm:${opts.cluster}/${u.partition}/${u.account}`,
      `${opts.cluster} ${u.partition} (${u.account})`, u.account, hours, unit, hours, unit, rate,
      formatMicros(listMicros), formatMicros(billedMicros), formatMicros(billedMicros),
      formatMicros(billedMicros), JSON.stringify(tags), opts.cluster, u.partition, String(u.jobs),
    ]); // deno-fmt-ignore
  }
  return toCsv(rows);
}

function option(name: string, fallback?: string): string {
  const i = Deno.args.indexOf(name);
  const v = i >= 0 ? Deno.args[i + 1] : fallback;
  if (v === undefined) throw new Error(`${name} is required (see the header of this script)`);
  return v;
}

if (import.meta.main) {
  const input = Deno.args.at(-1)!;
  const text = input === "-"
    ? await new Response(Deno.stdin.readable).text()
    : await Deno.readTextFile(input);
  const accounts = parseAccounts(await Deno.readTextFile(option("--accounts")));
  const csv = usageToFocus(sumSacct(text), accounts, {
    period: option("--period"),
    cpuRate: option("--cpu-rate", "0.02"),
    gpuRate: option("--gpu-rate", "1.25"),
    cluster: option("--cluster", "cascade"),
    provider: option("--provider", "Research Computing"),
  });
  await Deno.stdout.write(new TextEncoder().encode(csv));
}
