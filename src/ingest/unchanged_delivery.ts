/**
 * The unchanged-redelivery shortcut: a delivery whose files have the same
 * SHA-256s (in the same order), read with the same rules (tag mapping,
 * default currency, flag rules, expected period, mode, parser revision) as
 * the source's latest delivery, while the source's charges in those periods
 * are still exactly what that delivery left (count and id sum recorded in its
 * audit entry), is `unchanged` without parsing a row: the full read would
 * stage exactly the stored rows. Anything that differs falls back to the full
 * read.
 */

import { audit } from "../audit/mod.ts";
import { createHash } from "node:crypto";
import type { AppContext } from "../app_context.ts";
import type { AttributionPlan } from "../domain/attribution_rules.ts";
import type { FlagRules } from "../domain/flags.ts";
import {
  type ChargeChecksum,
  findLatestDelivery,
  findSource,
  type ImportFileRecord,
  insertImport,
  setImportRecheck,
  sourceChargeChecksum,
  sourceKey,
  type StageTotals,
} from "../storage/mod.ts";
import { assertPeriodsOpen } from "../periods/mod.ts";
import {
  currencyWarnings,
  type IngestSummary,
  mainCurrency,
  summarize,
} from "./delivery_summary.ts";
import type { IngestFile } from "./ingest_file.ts";

/** Bump when row parsing, flagging or fingerprints change: older records then never match. */
export const PARSER_REVISION = 1;

/** Stored with the import (imports.recheck), and shown in its audit details as `recheck`. */
export interface RecheckRecord {
  key: string;
  sha256: string[];
  charges: ChargeChecksum;
  totals: StageTotals;
}

/** The settings a delivery is read with, hashed (same key = same parse of the same bytes). */
export function deliveryKey(
  ctx: AppContext,
  rules: FlagRules,
  attribution: AttributionPlan,
  expectedPeriod: string | null,
  mode: "replace" | "append",
): string {
  const text = JSON.stringify({
    revision: PARSER_REVISION,
    mode,
    expectedPeriod,
    tagMapping: ctx.config.tag_mapping,
    currency: ctx.config.currency,
    flags: rules.flagPatterns.map((p) => [p.source, p.regex.source, p.regex.flags]),
    funds: rules.fundOrgPatterns.map((r) => [r.source, r.flags]),
    funding: rules.funding &&
        (rules.funding.splits.length > 0 || Object.keys(rules.funding.expires).length > 0)
      ? rules.funding
      : undefined,
    attribution: attribution.rules.length === 0 && Object.keys(attribution.aliases).length === 0
      ? undefined
      : {
        precedence: attribution.precedence,
        rules: attribution.rules.map((r) => ({
          ...r,
          conditions: r.conditions.map((c) => ({ ...c, regex: c.regex && String(c.regex) })),
        })),
        aliases: Object.entries(attribution.aliases).sort(),
      },
  });
  return createHash("sha256").update(text).digest("hex");
}

/** SHA-256 and size of each file's raw bytes (as readDelivery records them). */
export async function hashFiles(files: IngestFile[]): Promise<{ sha256: string; bytes: number }[]> {
  const out: { sha256: string; bytes: number }[] = [];
  for (const f of files) {
    const hash = createHash("sha256");
    let bytes = 0;
    for await (const chunk of await f.open()) {
      hash.update(chunk);
      bytes += chunk.length;
    }
    out.push({ sha256: hash.digest("hex"), bytes });
  }
  return out;
}

/** A latest delivery that the files may repeat. */
export interface RecheckCandidate {
  importId: number;
  periods: string[];
  focusVersion: string | null;
  files: ImportFileRecord[];
  recheck: RecheckRecord;
}

/** The source's latest delivery when it was read with `key` from as many files; else null. */
export function recheckCandidate(
  ctx: AppContext,
  sourceId: number,
  key: string,
  fileCount: number,
): RecheckCandidate | null {
  const last = findLatestDelivery(ctx.db, sourceId);
  if (!last?.recheck) return null;
  let recheck: RecheckRecord | undefined;
  let files: ImportFileRecord[];
  let periods: string[];
  try {
    recheck = JSON.parse(last.recheck) as RecheckRecord;
    files = JSON.parse(last.files) as ImportFileRecord[];
    periods = JSON.parse(last.periods) as string[];
  } catch {
    return null;
  }
  if (!recheck || recheck.key !== key || recheck.sha256.length !== fileCount) return null;
  if (files.length !== fileCount || periods.length === 0) return null;
  return { importId: last.id, periods, focusVersion: last.focus_version, files, recheck };
}

/** True when `hashes` repeat the candidate's files and its charges are untouched since. */
export function stillUnchanged(
  ctx: AppContext,
  sourceId: number,
  c: RecheckCandidate,
  hashes: { sha256: string; bytes: number }[],
): boolean {
  if (hashes.some((h, i) => h.sha256 !== c.recheck.sha256[i])) return false;
  const now = sourceChargeChecksum(ctx.db, sourceId, c.periods);
  return now.count === c.recheck.charges.count && now.idSum === c.recheck.charges.idSum;
}

/**
 * A delivery that repeats the source's latest one byte for byte, read with the
 * same settings, while the charges it left are untouched: recorded as
 * `unchanged` without parsing (see unchanged_delivery.ts). Null = read it.
 */
export async function unchangedRedelivery(
  ctx: AppContext,
  sourceName: string,
  files: IngestFile[],
  key: string,
  mode: "replace" | "append",
): Promise<IngestSummary | null> {
  const source = findSource(ctx.db, sourceName);
  const candidate = source ? recheckCandidate(ctx, source.id, key, files.length) : null;
  if (!source || !candidate) return null;
  const hashes = await hashFiles(files);
  if (hashes.some((h, i) => h.sha256 !== candidate.recheck.sha256[i])) return null;
  const action = `import of ${sourceKey(sourceName)}`;
  assertPeriodsOpen(ctx.db, candidate.periods, action);
  return ctx.db.transaction(() => {
    const again = recheckCandidate(ctx, source.id, key, files.length);
    if (again?.importId !== candidate.importId) return null;
    if (!stillUnchanged(ctx, source.id, candidate, hashes)) return null;
    assertPeriodsOpen(ctx.db, candidate.periods, action); // again, under the write lock
    const at = ctx.now().toISOString();
    const { totals } = candidate.recheck;
    const records = candidate.files.map((f, i) => ({ ...f, name: files[i].name }));
    const diff = { added: 0, removed: 0, unchanged: totals.rows };
    const main = mainCurrency(ctx, totals);
    const importId = insertImport(ctx.db, {
      sourceId: source.id,
      files: records,
      focusVersion: candidate.focusVersion,
      mode,
      periods: candidate.periods,
      rows: totals.rows,
      ...diff,
      flagged: totals.flagged,
      billedCost: main?.billed ?? 0,
      listCost: main?.list ?? 0,
      status: "unchanged",
      importedBy: ctx.actor,
      importedAt: at,
    });
    audit(ctx, "import", {
      source: source.name,
      mode,
      status: "unchanged",
      files: records.map((f) => ({ name: f.name, sha256: f.sha256, rows: f.rows })),
      periods: candidate.periods,
      periodsCreated: [],
      rows: totals.rows,
      ...diff,
      flagged: totals.flagged,
      recheck: candidate.recheck,
    }, {
      entity: "import",
      entityId: importId,
      period: candidate.periods.length === 1 ? candidate.periods[0] : undefined,
      at,
    });
    setImportRecheck(ctx.db, importId, candidate.recheck);
    const base = {
      source: sourceKey(sourceName),
      files: files.map((f) => f.name),
      focusVersion: candidate.focusVersion,
      periods: candidate.periods,
      warnings: currencyWarnings(records, ctx.config.currency),
    };
    return summarize(ctx, base, totals, diff, "unchanged", importId);
  });
}
