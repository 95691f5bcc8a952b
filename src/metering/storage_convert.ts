/**
 * `convert storage`: snapshot CSVs (timestamp,key,bytes_used,bytes_quota
 * [,filesystem]) to priced FOCUS rows, one per (filesystem, key, SKU).
 *
 * Each snapshot's value holds until the next snapshot of the same key (the
 * last one until the period ends), clipped to [period start, next period
 * start). Quantity = Σ(bytes x seconds) / unit bytes (1024^4 for TiB, 10^12
 * for TB) / seconds in the month, rounded half away from zero to a
 * micro-unit. A free tier comes off BilledCost only, then the subsidy.
 */

import { UserError } from "../domain/errors.ts";
import { parseFocusDateTime } from "../domain/datetime.ts";
import type { Config } from "../config/mod.ts";
import { CsvTokenizer } from "../ingest/csv_tokenizer.ts";
import type { AccountMap } from "./accounts_map.ts";
import { divRound, MICRO_N, microText, parseScaled, quantityText } from "./decimal.ts";
import { headerLine, usageLine } from "./focus_output.ts";
import { isoSeconds, periodSeconds } from "./local_time.ts";
import { listCostMicros, subsidyFor, subsidyMicros } from "./pricing.ts";
import { cardAt, type RateCard } from "./rate_card.ts";
import type { RefusedLine } from "./slurm_report.ts";
import { MAX_EXAMPLES } from "./slurm_report.ts";
import { lineBatches } from "./text_lines.ts";

/** Settings of one storage conversion. */
export interface StorageConvertOptions {
  period: string;
  basis: "quota" | "usage";
  card: RateCard;
  accounts: AccountMap | null;
  /** Report gaps between snapshots longer than this many days. */
  maxGapDays: number;
  tagMapping: Config["tag_mapping"];
}

/** What `convert storage` did (the `--json` document). */
export interface StorageReport {
  kind: "storage";
  period: string;
  basis: "quota" | "usage";
  rateCard: string;
  currency: string;
  files: { name: string; lines: number }[];
  snapshots: number;
  keys: number;
  refusedLines: RefusedLine[];
  refusedLineCount: number;
  gaps: { filesystem: string; key: string; from: string; to: string; days: string }[];
  lateKeys: { filesystem: string; key: string; first: string }[];
  unknownFilesystems: { filesystem: string; keys: number }[];
  unmappedKeys: string[];
  rows: number;
  totals: { listCost: string; free: string; subsidy: string; billedCost: string };
}

const UNIT_BYTES: Record<string, bigint> = {
  "TiB-months": 1024n ** 4n,
  "TB-months": 10n ** 12n,
  "GiB-months": 1024n ** 3n,
  "GB-months": 10n ** 9n,
};

interface Snapshot {
  t: number;
  bytes: bigint;
}

/** Convert storage snapshot files; rows are written through `write` (header first). */
export async function convertStorage(
  paths: string[],
  opts: StorageConvertOptions,
  write: (text: string) => Promise<void>,
): Promise<StorageReport> {
  const [pStart, pEnd] = periodSeconds(opts.period);
  const report: StorageReport = {
    kind: "storage",
    period: opts.period,
    basis: opts.basis,
    rateCard: opts.card.file,
    currency: opts.card.currency,
    files: [],
    snapshots: 0,
    keys: 0,
    refusedLines: [],
    refusedLineCount: 0,
    gaps: [],
    lateKeys: [],
    unknownFilesystems: [],
    unmappedKeys: [],
    rows: 0,
    totals: { listCost: "0.00", free: "0.00", subsidy: "0.00", billedCost: "0.00" },
  };
  const series = new Map<string, Snapshot[]>();
  const refuse = (file: string, line: number, reason: string) => {
    report.refusedLineCount++;
    if (report.refusedLines.length < MAX_EXAMPLES) report.refusedLines.push({ file, line, reason });
  };
  for (const path of paths) await readSnapshots(path, opts, report, series, refuse);
  report.keys = series.size;

  const skus = cardAt(opts.card, opts.period).filter((p) => p.sku.measure.kind === "storage");
  const unknown = new Map<string, number>();
  const unmapped = new Set<string>();
  const maxGap = opts.maxGapDays * 86400;
  let out = headerLine() + "\n";
  let list = 0n, free = 0n, subsidy = 0n, billed = 0n;
  const monthSeconds = BigInt(pEnd - pStart);
  for (const id of [...series.keys()].sort()) {
    const [filesystem, key] = id.split("\u0000");
    const snaps = series.get(id)!.sort((a, b) => a.t - b.t);
    let byteSeconds = 0n;
    let first: number | null = null;
    for (let i = 0; i < snaps.length; i++) {
      const s = snaps[i];
      const next = i + 1 < snaps.length ? snaps[i + 1].t : pEnd;
      const from = Math.max(s.t, pStart), to = Math.min(next, pEnd);
      if (to > from) {
        byteSeconds += s.bytes * BigInt(to - from);
        if (first === null) first = from;
      }
      if (to > pStart && s.t < pEnd && next - s.t > maxGap) {
        report.gaps.push({
          filesystem,
          key,
          from: isoSeconds(s.t),
          to: i + 1 < snaps.length ? isoSeconds(next) : `${isoSeconds(pEnd)} (no later snapshot)`,
          days: quantityText(divRound(BigInt(next - s.t) * MICRO_N, 86400n)),
        });
      }
    }
    if (first !== null && first > pStart) {
      report.lateKeys.push({ filesystem, key, first: isoSeconds(first) });
    }
    if (first === null) continue; // no snapshot inside or before the period
    const match = skus.find((p) =>
      p.sku.filesystems === null || p.sku.filesystems.includes(filesystem)
    );
    if (!match) {
      unknown.set(filesystem, (unknown.get(filesystem) ?? 0) + 1);
      continue;
    }
    const { sku, price } = match;
    const qty = divRound(byteSeconds * MICRO_N, UNIT_BYTES[sku.unit] * monthSeconds);
    const listMicro = listCostMicros(qty, price.list);
    const freeQty = sku.free === null ? 0n : parseScaled(sku.free, 6)!;
    const freeMicro = listCostMicros(qty < freeQty ? qty : freeQty, price.list);
    const rule = subsidyFor(sku, opts.period, { account: key });
    const subsidyMicro = rule ? subsidyMicros(listMicro - freeMicro, rule.percent) : 0n;
    const billedMicro = listMicro - freeMicro - subsidyMicro;
    list += listMicro;
    free += freeMicro;
    subsidy += subsidyMicro;
    billed += billedMicro;
    const tags: Record<string, string> = { storage_key: key };
    if (filesystem) tags.filesystem = filesystem;
    const who = opts.accounts?.get(key);
    if (opts.accounts && !who) unmapped.add(key);
    if (who) {
      const tm = opts.tagMapping;
      if (who.pi_email) tags[tm.pi_email] = who.pi_email;
      if (who.project_id) tags[tm.project_id] = who.project_id;
      if (who.fund_org) tags[tm.fund_org] = who.fund_org;
      if (who.pi_name) tags[tm.pi_name] = who.pi_name;
    }
    const notes: string[] = [`${opts.basis} basis`];
    if (freeMicro > 0n) notes.push(`first ${sku.free} ${sku.unit} free`);
    if (rule && rule.percent !== "0") notes.push(`subsidy ${rule.percent} %`);
    out += usageLine(opts.card, opts.period, {
      billingAccountId: filesystem || "storage",
      billingAccountType: "Filesystem",
      description: `${sku.description ?? sku.id} at ${price.list} per ${
        sku.unit.replace(/s$/, "")
      }; ${notes.join("; ")}`,
      resourceId: filesystem ? `${filesystem}/${key}` : key,
      resourceName: key,
      resourceType: "Storage allocation",
      subAccount: key,
      sku,
      priceId: price.priceId,
      list: price.list,
      quantityMicro: qty,
      listMicro,
      billedMicro,
      tags,
      jobCount: null,
      subsidyPercent: rule?.percent ?? "0",
    }) + "\n";
    report.rows++;
  }
  await write(out);
  report.unknownFilesystems = [...unknown].sort().map(([filesystem, keys]) => ({
    filesystem,
    keys,
  }));
  report.unmappedKeys = [...unmapped].sort();
  report.totals = {
    listCost: microText(list),
    free: microText(free),
    subsidy: microText(subsidy),
    billedCost: microText(billed),
  };
  return report;
}

async function readSnapshots(
  path: string,
  opts: StorageConvertOptions,
  report: StorageReport,
  series: Map<string, Snapshot[]>,
  refuse: (file: string, line: number, reason: string) => void,
): Promise<void> {
  const tokenizer = new CsvTokenizer(path);
  let cols: { t: number; key: number; value: number; fs: number; count: number } | null = null;
  let lines = 0;
  const handle = (rows: { line: number; cells: string[] }[]) => {
    for (const row of rows) {
      lines = row.line;
      if (row.cells.length === 1 && row.cells[0] === "") continue;
      if (cols === null) {
        const h = row.cells.map((c) => c.trim().toLowerCase());
        const at = (n: string) => h.indexOf(n);
        const need = ["timestamp", "key", "bytes_used", "bytes_quota"].filter((n) => at(n) < 0);
        if (need.length) {
          throw new UserError(`${path}:${row.line}: the header lacks ${need.join(", ")}.`, {
            hint: "Write the header timestamp,key,bytes_used,bytes_quota[,filesystem].",
          });
        }
        cols = {
          t: at("timestamp"),
          key: at("key"),
          value: at(opts.basis === "quota" ? "bytes_quota" : "bytes_used"),
          fs: at("filesystem"),
          count: h.length,
        };
        continue;
      }
      const c = cols;
      if (row.cells.length !== c.count) {
        throw new UserError(
          `${path}:${row.line}: ${row.cells.length} fields where the header names ${c.count}; ` +
            "the file is refused.",
        );
      }
      const t = parseFocusDateTime(row.cells[c.t]);
      const value = row.cells[c.value].trim();
      const key = row.cells[c.key].trim();
      if (t === null) {
        refuse(path, row.line, `timestamp '${row.cells[c.t]}' is not a date and time`);
      } else if (!/^\d+$/.test(value)) {
        refuse(
          path,
          row.line,
          `${
            opts.basis === "quota" ? "bytes_quota" : "bytes_used"
          } '${value}' is not a whole number of bytes`,
        );
      } else if (key === "") {
        refuse(path, row.line, "the key is empty");
      } else {
        report.snapshots++;
        const id = `${c.fs >= 0 ? row.cells[c.fs].trim() : ""}\u0000${key}`;
        let list = series.get(id);
        if (!list) series.set(id, list = []);
        list.push({ t: Math.floor(t.epochMs / 1000), bytes: BigInt(value) });
      }
    }
  };
  for await (const batch of lineBatches(path)) {
    handle(tokenizer.push(batch.lines.join("\n") + "\n"));
  }
  handle(tokenizer.end());
  report.files.push({ name: path, lines });
}
