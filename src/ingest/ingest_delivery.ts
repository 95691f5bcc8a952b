/**
 * A delivery: the files of one `ingest` command (or one web upload) for one
 * source. Read and validated completely first (staged in a TEMP table, nothing
 * written); any row error refuses the whole delivery. Then, in ONE
 * transaction, the source's charges in the periods the delivery covers become
 * exactly the delivery (replace, the default) or gain its new rows (append).
 * Unchanged rows keep their ids and review decisions.
 */

import type { AppContext } from "../app_context.ts";
import { compileConfigRegex } from "../config/mod.ts";
import { UserError } from "../domain/errors.ts";
import type { FlagRules } from "../domain/flags.ts";
import { microsToDecimal } from "../domain/money.ts";
import { parsePeriod } from "../domain/period.ts";
import { assertPeriodsOpen } from "../periods/mod.ts";
import { checkSourceName, ensureSource } from "../sources/mod.ts";
import {
  appendAudit,
  ChargeStage,
  type DeliveryDiff,
  ensurePeriod,
  findSource,
  getSetting,
  insertImport,
  sourceChargeChecksum,
  sourceKey,
  type StageTotals,
} from "../storage/mod.ts";
import type { IngestFile } from "./ingest_file.ts";
import { readDelivery } from "./read_delivery.ts";
import {
  deliveryKey,
  hashFiles,
  recheckCandidate,
  type RecheckRecord,
  stillUnchanged,
} from "./unchanged_delivery.ts";

/** What to ingest. */
export interface IngestRequest {
  files: IngestFile[];
  /** Source name (any case; registered on first import). */
  source: string;
  /** The period the delivery is for (YYYY-MM): rows of another period are flagged period_mismatch. */
  period?: string;
  /** Parse, validate and report; write nothing. */
  dryRun?: boolean;
  /** Add to what the source holds instead of replacing the periods covered. */
  append?: boolean;
  /** Called after each batch of rows with the number of data rows read so far. */
  onProgress?: (rowsRead: number) => void;
}

/** Totals of one currency of a delivery (money as decimal strings). */
export interface CurrencyTotals {
  currency: string;
  rows: number;
  billedCost: string;
  listCost: string;
}

/** The outcome of a delivery: the `ingest --json` contract plus importId and currencies. */
export interface IngestSummary {
  source: string;
  files: string[];
  focusVersion: string | null;
  periods: string[];
  rows: number;
  added: number;
  removed: number;
  unchanged: number;
  flagged: number;
  /** Sum over all rows of `currency` (the delivery's only currency, see `currencies`). */
  billedCost: string;
  listCost: string;
  status: "imported" | "unchanged" | "dry-run";
  dryRun: boolean;
  importId: number | null;
  /** The currency of billedCost/listCost. */
  currency: string;
  /** Per-currency totals, sorted by currency (amounts of different currencies are never added). */
  currencies: CurrencyTotals[];
}

/** Ingest a delivery. Throws UserError (nothing stored) on any problem. */
export async function ingestDelivery(ctx: AppContext, req: IngestRequest): Promise<IngestSummary> {
  const sourceName = checkSourceName(req.source);
  const expectedPeriod = req.period ? parsePeriod(req.period, "-p/--period") : null;
  if (req.files.length === 0) {
    throw new UserError("no files to ingest.", { hint: "Name one or more FOCUS CSV files." });
  }
  const mode = req.append ? "append" : "replace";
  const rules = loadFlagRules(ctx);
  const key = deliveryKey(ctx, rules, expectedPeriod, mode);
  if (!req.dryRun) {
    const same = await unchangedRedelivery(ctx, sourceName, req.files, key, mode);
    if (same) return same;
  }
  const stage = new ChargeStage(ctx.db);
  try {
    const read = await readDelivery(req.files, stage, {
      tagMapping: ctx.config.tag_mapping,
      defaultCurrency: ctx.config.currency,
      rules,
      expectedPeriod,
      onProgress: req.onProgress,
    });
    if (read.errors.count > 0) throw read.errors.toUserError();
    stage.finish();
    const periods = stage.periods();
    const totals = stage.totals();
    const action = `import of ${sourceKey(sourceName)}`;
    assertPeriodsOpen(ctx.db, periods, action);
    const versions = [...new Set(read.files.map((f) => f.focusVersion))].filter((v) => v !== null);
    const base = {
      source: sourceKey(sourceName),
      files: read.files.map((f) => f.name),
      focusVersion: versions.length ? versions.join(", ") : null,
      periods,
    };
    if (req.dryRun) {
      const existing = findSource(ctx.db, sourceName);
      const diff = stage.compare(existing?.id ?? null, mode);
      return summarize(ctx, base, totals, diff, "dry-run", null);
    }
    return ctx.db.transaction(() => {
      assertPeriodsOpen(ctx.db, periods, action); // again, under the write lock
      const at = ctx.now().toISOString();
      const source = ensureSource(ctx, sourceName);
      const periodsCreated = periods.filter((p) => ensurePeriod(ctx.db, p, at));
      const diff = stage.compare(source.id, mode);
      const status = diff.added === 0 && diff.removed === 0 ? "unchanged" : "imported";
      const main = mainCurrency(ctx, totals);
      const importId = insertImport(ctx.db, {
        sourceId: source.id,
        files: read.files,
        focusVersion: base.focusVersion,
        mode,
        periods,
        rows: totals.rows,
        ...diff,
        flagged: totals.flagged,
        billedCost: main?.billed ?? 0,
        listCost: main?.list ?? 0,
        status,
        importedBy: ctx.actor,
        importedAt: at,
      });
      if (status === "imported") {
        const done = stage.apply(source.id, importId, mode);
        if (done.inserted !== diff.added || done.deleted !== diff.removed) {
          throw new Error(
            `delivery applied ${JSON.stringify(done)}, expected ${JSON.stringify(diff)}`,
          );
        }
      }
      appendAudit(ctx.db, {
        at,
        actor: ctx.actor,
        action: "import",
        entity: "import",
        entityId: importId,
        period: periods.length === 1 ? periods[0] : undefined,
        details: {
          source: source.name,
          mode,
          status,
          files: read.files.map((f) => ({ name: f.name, sha256: f.sha256, rows: f.rows })),
          periods,
          periodsCreated,
          rows: totals.rows,
          ...diff,
          flagged: totals.flagged,
          recheck: periods.length === 0 ? undefined : {
            key,
            sha256: read.files.map((f) => f.sha256),
            charges: sourceChargeChecksum(ctx.db, source.id, periods),
            totals,
          } satisfies RecheckRecord,
        },
      });
      return summarize(ctx, base, totals, diff, status, importId);
    });
  } finally {
    stage.drop();
  }
}

/**
 * A delivery that repeats the source's latest one byte for byte, read with the
 * same settings, while the charges it left are untouched: recorded as
 * `unchanged` without parsing (see unchanged_delivery.ts). Null = read it.
 */
async function unchangedRedelivery(
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
    appendAudit(ctx.db, {
      at,
      actor: ctx.actor,
      action: "import",
      entity: "import",
      entityId: importId,
      period: candidate.periods.length === 1 ? candidate.periods[0] : undefined,
      details: {
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
      },
    });
    const base = {
      source: sourceKey(sourceName),
      files: files.map((f) => f.name),
      focusVersion: candidate.focusVersion,
      periods: candidate.periods,
    };
    return summarize(ctx, base, totals, diff, "unchanged", importId);
  });
}

/** The flag rules: web Settings overrides when present, else the config. */
export function loadFlagRules(ctx: AppContext): FlagRules {
  const stored = (key: string, fallback: string[]): string[] => {
    const v = getSetting<unknown>(ctx.db, key);
    return Array.isArray(v) && v.every((x) => typeof x === "string") ? v : fallback;
  };
  const flags = stored("review.flag_patterns", ctx.config.review.flag_patterns);
  const funds = stored("review.fund_org_patterns", ctx.config.review.fund_org_patterns);
  return {
    flagPatterns: flags.map((p, i) => ({
      source: p,
      regex: compileConfigRegex(p, `review.flag_patterns[${i}]`, "i"),
    })),
    fundOrgPatterns: funds.map((p, i) => compileConfigRegex(p, `review.fund_org_patterns[${i}]`)),
  };
}

/** The currency the top-level totals are in: the only one, else the config's, else the most used. */
function mainCurrency(ctx: AppContext, totals: StageTotals) {
  const list = totals.byCurrency;
  if (list.length <= 1) return list[0];
  return list.find((c) => c.currency === ctx.config.currency) ??
    [...list].sort((a, b) => b.rows - a.rows)[0];
}

function summarize(
  ctx: AppContext,
  base: Pick<IngestSummary, "source" | "files" | "focusVersion" | "periods">,
  totals: StageTotals,
  diff: DeliveryDiff,
  status: IngestSummary["status"],
  importId: number | null,
): IngestSummary {
  const main = mainCurrency(ctx, totals);
  return {
    ...base,
    rows: totals.rows,
    added: diff.added,
    removed: diff.removed,
    unchanged: diff.unchanged,
    flagged: totals.flagged,
    billedCost: microsToDecimal(main?.billed ?? 0),
    listCost: microsToDecimal(main?.list ?? 0),
    status,
    dryRun: status === "dry-run",
    importId,
    currency: main?.currency ?? ctx.config.currency,
    currencies: totals.byCurrency.map((c) => ({
      currency: c.currency,
      rows: c.rows,
      billedCost: microsToDecimal(c.billed),
      listCost: microsToDecimal(c.list),
    })),
  };
}
