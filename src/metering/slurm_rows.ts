/**
 * The priced FOCUS rows of `convert slurm`: one per (cluster, account, user,
 * partition, SKU) accumulated while reading, plus an outage-credit row where
 * jobs ran inside an outage; written sorted, with the report's totals.
 */

import type { ConservationCheck } from "./conservation.ts";
import { divRound, MICRO_N, microText } from "./decimal.ts";
import { headerLine, usageLine } from "./focus_output.ts";
import { listCostMicros, subsidyFor, subsidyMicros } from "./pricing.ts";
import type { PriceEntry, Sku } from "./rate_card.ts";
import type { SlurmConvertOptions } from "./slurm_convert.ts";
import type { SlurmReport } from "./slurm_report.ts";

/** A SKU of the period's card with its price. */
export interface PricedSku {
  sku: Sku;
  price: PriceEntry;
  /** unit-seconds per unit: 3600 (x 1024^k for memory). */
  denominator: bigint;
}

/** One output row's usage, summed while reading. */
export interface RowAcc {
  cluster: string;
  account: string;
  user: string;
  partition: string;
  qos: string;
  priced: PricedSku;
  usage: bigint;
  outage: bigint;
  jobs: number;
  outageJobs: number;
  outageReasons: Set<string>;
}

/** Write the rows (header first), sorted by key; sets the report's totals. */
export async function writeRows(
  rows: Map<string, RowAcc>,
  opts: SlurmConvertOptions,
  report: SlurmReport,
  check: ConservationCheck,
  write: (text: string) => Promise<void>,
): Promise<void> {
  const keys = [...rows.keys()].sort();
  let out = headerLine() + "\n";
  let list = 0n, subsidy = 0n, outageCredit = 0n, billed = 0n;
  const tm = opts.tagMapping;
  for (const key of keys) {
    const r = rows.get(key)!;
    const { sku, price, denominator } = r.priced;
    const tags: Record<string, string> = {
      slurm_account: r.account,
      slurm_user: r.user,
      cluster: r.cluster,
      partition: r.partition,
    };
    if (r.qos !== "") tags.qos = r.qos;
    const who = opts.accounts?.get(r.account);
    if (who) {
      if (who.pi_email) tags[tm.pi_email] = who.pi_email;
      if (who.project_id) tags[tm.project_id] = who.project_id;
      if (who.fund_org) tags[tm.fund_org] = who.fund_org;
      if (who.pi_name) tags[tm.pi_name] = who.pi_name;
    }
    const rule = subsidyFor(sku, opts.period, {
      partition: r.partition,
      account: r.account,
      qos: r.qos,
    });
    const common = {
      billingAccountId: r.cluster,
      billingAccountType: "Cluster",
      resourceId: `${r.cluster}/${r.account}/${r.partition}`,
      resourceType: "Slurm account",
      subAccount: r.account,
      sku,
      priceId: price.priceId,
      list: price.list,
      tags,
    };
    const parts: { amount: bigint; jobs: number; outage: boolean }[] = [];
    if (r.usage > 0n || r.outage === 0n) {
      parts.push({ amount: r.usage, jobs: r.jobs, outage: false });
    }
    if (r.outage > 0n) parts.push({ amount: r.outage, jobs: r.outageJobs, outage: true });
    for (const part of parts) {
      const qty = divRound(part.amount * MICRO_N, denominator);
      const listMicro = listCostMicros(qty, price.list);
      const off = part.outage ? listMicro : rule ? subsidyMicros(listMicro, rule.percent) : 0n;
      const billedMicro = listMicro - off;
      list += listMicro;
      billed += billedMicro;
      if (part.outage) outageCredit += off;
      else subsidy += off;
      check.row(sku.id, part.amount, qty);
      report.rows++;
      const at = `${sku.description ?? sku.id} at ${price.list} per ${sku.unit.replace(/s$/, "")}`;
      const description = part.outage
        ? `outage credit: ${[...r.outageReasons].join("; ")} (${at}, not billed)`
        : at +
          (rule && rule.percent !== "0"
            ? `; subsidy ${rule.percent} %${rule.description ? ` (${rule.description})` : ""}`
            : "");
      // the resource names the SKU, and the outage credit, so the statement line shows them
      const resourceName = `${r.account} on ${r.cluster}/${r.partition}: ${sku.id}` +
        (part.outage ? ` outage credit (${[...r.outageReasons].join("; ")})` : "");
      out += usageLine(opts.card, opts.period, {
        ...common,
        resourceName,
        description,
        quantityMicro: qty,
        listMicro,
        billedMicro,
        jobCount: part.jobs,
        subsidyPercent: part.outage ? "100" : rule?.percent ?? "0",
      }) + "\n";
      if (out.length > 1 << 16) {
        await write(out);
        out = "";
      }
    }
  }
  await write(out);
  report.totals = {
    listCost: microText(list),
    subsidy: microText(subsidy),
    outageCredit: microText(outageCredit),
    billedCost: microText(billed),
  };
}
