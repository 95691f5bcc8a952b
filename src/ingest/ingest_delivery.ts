/**
 * A delivery: the files of one `ingest` command (or one web upload) for one
 * source. Any row error refuses the whole delivery (nothing stored). The
 * source's charges in the periods the delivery covers become exactly the
 * delivery (replace, the default) or gain its new rows (append); unchanged
 * rows keep their ids and review decisions. Files that can be read with
 * blocking reads (disk, memory; not gzip) are read inside ONE write
 * transaction: rows of periods the source holds nothing in go straight into
 * `charges`, the others through the TEMP stage and its comparison (see
 * delivery_sink.ts). Other files (gzip, streams) and dry runs are read first,
 * staged, then applied in one transaction.
 */

import { audit } from "../audit/mod.ts";
import type { AppContext } from "../app_context.ts";
import { loadAttributionPlan, loadFlagRules } from "../attribution/mod.ts";
import { UserError } from "../domain/errors.ts";
import { parsePeriod } from "../domain/period.ts";
import { assertPeriodsOpen } from "../periods/mod.ts";
import { assertSourceKnown, checkSourceName, ensureSource, newSourceName } from "../sources/mod.ts";
import type { SourceRow } from "../storage/mod.ts";
import {
  ChargeStage,
  clearSourcePeriod,
  countSourcePeriodCharges,
  DirectChargeWriter,
  ensurePeriod,
  findSource,
  insertImport,
  maxChargeId,
  setImportRecheck,
  sourceChargeChecksum,
  sourceHasChargesIn,
  sourceKey,
  updateImportOutcome,
  withRollbackJournal,
} from "../storage/mod.ts";
import {
  currencyWarnings,
  type IngestSummary,
  mainCurrency,
  summarize,
} from "./delivery_summary.ts";
import { DeliverySink } from "./delivery_sink.ts";
import { recordRefusal } from "./record_refusal.ts";
import { type ChargeSource, focusCsvSource } from "./charge_source.ts";
import type { IngestFile } from "./ingest_file.ts";
import type { DeliveryRead, DeliveryReadOptions } from "./read_delivery.ts";
import { deliveryKey, type RecheckRecord, unchangedRedelivery } from "./unchanged_delivery.ts";

/** What to ingest. */
export interface IngestRequest {
  /** FOCUS CSV files (read as `focusCsvSource(files)`); ignored when `charges` is given. */
  files?: IngestFile[];
  /** Where the charges come from (charge_source.ts); default: the FOCUS CSV `files`. */
  charges?: ChargeSource;
  /** Source name (any case; registered on first import). */
  source: string;
  /** The period the delivery is for (YYYY-MM): rows of another period are flagged period_mismatch. */
  period?: string;
  /** Parse, validate and report; write nothing. */
  dryRun?: boolean;
  /** Add to what the source holds instead of replacing the periods covered. */
  append?: boolean;
  /**
   * The source may be new: register it although it is neither registered nor
   * in imports.known_sources (refused otherwise: a typo would bill twice).
   */
  newSource?: boolean;
  /**
   * A delivery without rows (a header only) clears the source's charges of
   * `period` (required); without this it changes nothing and says so.
   */
  replaceEmpty?: boolean;
  /** Called after each batch of rows with the number of data rows read so far. */
  onProgress?: (rowsRead: number) => void;
}

export type { CurrencyTotals, IngestSummary } from "./delivery_summary.ts";

/** Ingest a delivery. Throws UserError (nothing stored) on any problem. */
export async function ingestDelivery(ctx: AppContext, req: IngestRequest): Promise<IngestSummary> {
  const sourceName = checkSourceName(req.source);
  const isNew = newSourceName(ctx, sourceName) ?? null;
  if (!req.dryRun) assertSourceKnown(ctx, sourceName, req.newSource === true);
  const summary = await ingestKnownSource(ctx, req, sourceName);
  return { ...summary, newSource: isNew };
}

async function ingestKnownSource(
  ctx: AppContext,
  req: IngestRequest,
  sourceName: string,
): Promise<IngestSummary> {
  const expectedPeriod = req.period ? parsePeriod(req.period, "-p/--period") : null;
  if (req.replaceEmpty && !expectedPeriod) {
    throw new UserError("--replace-empty needs the period to clear.", {
      hint: "Give it with -p YYYY-MM.",
      webHint: "Choose the period next to the file.",
    });
  }
  const charges = req.charges ?? focusCsvSource(req.files ?? []);
  if (charges.parts.length === 0) {
    throw new UserError("no files to ingest.", { hint: "Name one or more FOCUS CSV files." });
  }
  const mode = req.append ? "append" : "replace";
  const rules = loadFlagRules(ctx);
  const attribution = loadAttributionPlan(ctx, sourceName);
  const key = deliveryKey(ctx, rules, attribution, expectedPeriod, mode);
  if (!req.dryRun) {
    const same = await unchangedRedelivery(ctx, sourceName, [...charges.parts], key, mode);
    if (same) return same;
  }
  const job: DeliveryJob = {
    charges,
    sourceName,
    mode,
    key,
    replaceEmpty: req.replaceEmpty === true ? expectedPeriod : null,
    read: {
      defaultCurrency: ctx.config.currency,
      finishing: { tagMapping: ctx.config.tag_mapping, rules, expectedPeriod, attribution },
      onProgress: req.onProgress,
    },
  };
  const stage = new ChargeStage(ctx.db);
  try {
    const bytes = req.dryRun ? null : charges.blockingBytes();
    if (bytes !== null) {
      const big = bigDelivery(bytes, maxChargeId(ctx.db));
      const write = () => ingestInOneTransaction(ctx, job, stage, bytes, big);
      // a delivery of 32 MB or more written alone goes through the rollback journal
      // (rollback_journal.ts): written once, not into the WAL and again at the checkpoint
      return bytes >= REBUILD_MIN_BYTES ? withRollbackJournal(ctx.db, write) : write();
    }
    return await ingestStaged(ctx, job, stage, req.dryRun === true);
  } catch (e) {
    if (e instanceof UserError && !req.dryRun) recordRefusal(ctx, job, e);
    throw e;
  } finally {
    stage.drop();
  }
}

/** A delivery being ingested. */
export interface DeliveryJob {
  charges: ChargeSource;
  sourceName: string;
  mode: "replace" | "append";
  /** The recheck key (unchanged_delivery.ts). */
  key: string;
  /** A delivery without rows clears the source's charges of this period (--replace-empty). */
  replaceEmpty: string | null;
  read: DeliveryReadOptions;
}

/**
 * Read and write in one transaction (blocking reads): rows of periods the
 * source holds nothing in are inserted as they are parsed; the others are
 * staged and compared.
 */
function ingestInOneTransaction(
  ctx: AppContext,
  job: DeliveryJob,
  stage: ChargeStage,
  bytes: number,
  big: boolean,
): IngestSummary {
  return ctx.db.transaction(() => {
    const at = ctx.now().toISOString();
    const source = ensureSource(ctx, job.sourceName);
    const importId = insertImport(ctx.db, {
      sourceId: source.id,
      files: [],
      focusVersion: null,
      mode: job.mode,
      periods: [],
      rows: 0,
      added: 0,
      removed: 0,
      unchanged: 0,
      flagged: 0,
      billedCost: 0,
      listCost: 0,
      status: "imported",
      importedBy: ctx.actor,
      importedAt: at,
    });
    stage.useStoredKeys(source.id);
    const direct = new DirectChargeWriter(ctx.db, source.id, importId, {
      rebuildIndexes: big,
    });
    const periodsCreated: string[] = [];
    const sink = new DeliverySink({
      stage,
      direct,
      hasCharges: (p) => sourceHasChargesIn(ctx.db, source.id, p),
      onInsertPeriod: (p) => {
        if (ensurePeriod(ctx.db, p, at)) periodsCreated.push(p);
      },
    });
    let read: DeliveryRead;
    try {
      read = job.charges.readBlocking(sink, job.read, bytes);
      if (read.errors.count > 0) throw read.errors.toUserError();
    } catch (e) {
      direct.abandon(); // the transaction rolls back
      throw e;
    }
    direct.finish();
    return recordDelivery(ctx, job, { source, at, read, sink, stage, importId, periodsCreated });
  });
}

/**
 * A delivery of at least REBUILD_MIN_BYTES, likely to hold as many rows as
 * the charges table (rows are rarely under 300 bytes): cheaper to write
 * without the charges indexes and sort them once at the end. Every delivery
 * of at least REBUILD_MIN_BYTES goes, when the importer is alone, through the
 * rollback journal (written once, not twice: a 1,000,000-row month into a
 * database of two months 46 s -> 39 s in WAL vs rollback mode, alternated
 * runs). Smaller deliveries keep the WAL, where readers never wait for a writer.
 */
function bigDelivery(bytes: number, chargesBound: number): boolean {
  return bytes >= REBUILD_MIN_BYTES && bytes / 300 >= chargesBound;
}
const REBUILD_MIN_BYTES = 32 << 20;

/** Read everything into the stage first (streams, gzip, dry runs), then write in one transaction. */
async function ingestStaged(
  ctx: AppContext,
  job: DeliveryJob,
  stage: ChargeStage,
  dryRun: boolean,
): Promise<IngestSummary> {
  const existing = findSource(ctx.db, job.sourceName);
  if (existing) stage.useStoredKeys(existing.id);
  // a dry run only counts the rows of periods the source holds nothing in
  const sink = new DeliverySink({
    stage,
    direct: null,
    hasCharges: !dryRun
      ? null
      : (p) => existing !== undefined && sourceHasChargesIn(ctx.db, existing.id, p),
  });
  const read = await job.charges.read(sink, job.read);
  if (read.errors.count > 0) throw read.errors.toUserError();
  stage.finish();
  const periods = sink.periods();
  assertPeriodsOpen(ctx.db, periods, `import of ${sourceKey(job.sourceName)}`);
  if (dryRun) {
    const diff = sink.diff(stage.compare(existing?.id ?? null, job.mode));
    return summarize(
      ctx,
      summaryBase(ctx, job, read, periods),
      sink.totals(),
      diff,
      "dry-run",
      null,
    );
  }
  return ctx.db.transaction(() => {
    const at = ctx.now().toISOString();
    const source = ensureSource(ctx, job.sourceName);
    return recordDelivery(ctx, job, {
      source,
      at,
      read,
      sink,
      stage,
      importId: null,
      periodsCreated: [],
    });
  });
}

/** The rows are read (and those not staged written): finish the delivery in the write transaction. */
function recordDelivery(
  ctx: AppContext,
  job: DeliveryJob,
  d: {
    source: SourceRow;
    at: string;
    read: DeliveryRead;
    sink: DeliverySink;
    stage: ChargeStage;
    /** The delivery record, when inserted before the rows; null = insert it now. */
    importId: number | null;
    periodsCreated: string[];
  },
): IngestSummary {
  const { source, at, read, sink, stage, periodsCreated } = d;
  const mode = job.mode;
  stage.finish();
  const totals = sink.totals();
  // a delivery without rows covers no period: it clears one only when asked (--replace-empty)
  const clearing = totals.rows === 0 ? job.replaceEmpty : null;
  const periods = clearing ? [clearing] : sink.periods();
  assertPeriodsOpen(ctx.db, periods, `import of ${sourceKey(job.sourceName)}`); // under the lock
  for (const p of periods) if (ensurePeriod(ctx.db, p, at)) periodsCreated.push(p);
  periodsCreated.sort();
  const staged = stage.compare(source.id, mode);
  const diff = sink.diff(staged);
  if (clearing) diff.removed = countSourcePeriodCharges(ctx.db, source.id, clearing);
  const status = totals.rows === 0 && !clearing
    ? "empty"
    : diff.added === 0 && diff.removed === 0
    ? "unchanged"
    : "imported";
  const main = mainCurrency(ctx, totals);
  const base = summaryBase(ctx, job, read, periods);
  const outcome = {
    files: read.files,
    focusVersion: base.focusVersion,
    periods,
    rows: totals.rows,
    ...diff,
    flagged: totals.flagged,
    billedCost: main?.billed ?? 0,
    listCost: main?.list ?? 0,
    status,
  } as const;
  let importId = d.importId;
  if (importId === null) {
    importId = insertImport(ctx.db, {
      sourceId: source.id,
      mode,
      ...outcome,
      importedBy: ctx.actor,
      importedAt: at,
    });
  } else updateImportOutcome(ctx.db, importId, outcome);
  if (clearing && diff.removed > 0) {
    const cleared = clearSourcePeriod(ctx.db, source.id, clearing, importId);
    if (cleared !== diff.removed) throw new Error(`cleared ${cleared} of ${diff.removed}`);
  }
  if (staged.added > 0 || staged.removed > 0) {
    const done = stage.apply(source.id, importId, mode);
    if (done.inserted !== staged.added || done.deleted !== staged.removed) {
      throw new Error(
        `delivery applied ${JSON.stringify(done)}, expected ${JSON.stringify(staged)}`,
      );
    }
  }
  const recheck: RecheckRecord | undefined = periods.length === 0 ? undefined : {
    key: job.key,
    sha256: read.files.map((f) => f.sha256),
    charges: sourceChargeChecksum(ctx.db, source.id, periods),
    totals,
  };
  setImportRecheck(ctx.db, importId, recheck);
  audit(ctx, "import", {
    source: source.name,
    mode,
    status,
    files: read.files.map((f) => ({ name: f.name, sha256: f.sha256, rows: f.rows })),
    periods,
    periodsCreated,
    rows: totals.rows,
    ...diff,
    flagged: totals.flagged,
    recheck,
  }, {
    entity: "import",
    entityId: importId,
    period: periods.length === 1 ? periods[0] : undefined,
    at,
  });
  return summarize(ctx, base, totals, diff, status, importId);
}

function summaryBase(ctx: AppContext, job: DeliveryJob, read: DeliveryRead, periods: string[]) {
  const versions = [...new Set(read.files.map((f) => f.focusVersion))].filter((v) => v !== null);
  return {
    source: sourceKey(job.sourceName),
    files: read.files.map((f) => f.name),
    focusVersion: versions.length ? versions.join(", ") : null,
    periods,
    warnings: currencyWarnings(read.files, ctx.config.currency),
  };
}

/** The flag rules (src/attribution/attribution_plan.ts). */
export { loadFlagRules };
