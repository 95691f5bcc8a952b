/**
 * The journal service: build a journal of a period in one of the formats,
 * write it atomically (or hand it back for stdout), record and audit it.
 */

import { audit } from "../audit/mod.ts";
import { createHash } from "node:crypto";
import type { AppContext } from "../app_context.ts";
import { isUsableDelimiter } from "../domain/csv_write.ts";
import type { CsvOptions } from "../domain/csv_write.ts";
import { NotFoundError, RuleError, UserError } from "../domain/errors.ts";
import { countOf, plural } from "../domain/plural.ts";
import { minorDecimal } from "../domain/money_format.ts";
import { parsePeriod } from "../domain/period.ts";
import { findPeriod, insertJournalExport, pendingReviewTotals } from "../storage/mod.ts";
import {
  BUILTIN_TEMPLATES,
  type JournalFormat,
  journalFormatEntry,
  type JournalRenderEnv,
  type RenderedJournal,
} from "./formats/mod.ts";
import { loadFundingRules } from "../funding/mod.ts";
import { glJournalEntries } from "./gl_journal.ts";
import { loadJournalCharges } from "./journal_charges.ts";
import { journalTargetPath, stageFile } from "./journal_output.ts";
import type { JournalTemplate } from "./template_render.ts";

export { JOURNAL_FORMATS, type JournalFormat } from "./formats/mod.ts";

/** What to export. */
export interface ExportJournalOptions {
  period: string;
  /** Default: `template` when templatePath or builtinTemplate is given, else `detail`. */
  format?: JournalFormat;
  /** Template file for `template` (overrides journal.template). */
  templatePath?: string;
  /**
   * A built-in template by name (banner, workday, peoplesoft) for `template`,
   * overriding journal.template; never a path (what the web offers).
   */
  builtinTemplate?: string;
  /** A file, an existing folder, or "-" (content returned, nothing written). */
  output?: string;
  /** Also bill charges awaiting review (marked in the output). */
  includePending?: boolean;
  /**
   * Export although charges await review, leaving them out (exportJournal
   * refuses otherwise; previews never refuse).
   */
  allowPending?: boolean;
}

/** The `--json` shape of an export (plus the content when written to stdout). */
export interface JournalResult {
  id: number;
  period: string;
  format: JournalFormat;
  template: string | null;
  /** The file written; null for stdout. */
  path: string | null;
  rows: number;
  charges: number;
  debitTotal: string;
  creditTotal: string;
  checksum: string;
  /** Charges awaiting review left out (0 with includePending). */
  pendingExcluded: number;
  /** The journal text, only when output is "-". */
  content?: string;
}

/** A journal built in memory. Money in micro-units. */
export interface BuiltJournal {
  period: string;
  format: JournalFormat;
  template: string | null;
  content: string;
  rows: number;
  charges: number;
  debitTotal: number;
  creditTotal: number;
  /** The journal's currency (its totals are whole minor units of it). */
  currency: string;
  checksum: string;
  pendingExcluded: number;
}

/** The CSV options of the config, checked. */
export function journalCsvOptions(ctx: AppContext): CsvOptions {
  const j = ctx.config.journal;
  const delimiter = j.delimiter === "\\t" ? "\t" : j.delimiter;
  if (!isUsableDelimiter(delimiter)) {
    throw new UserError(`journal.delimiter ${JSON.stringify(j.delimiter)} cannot be used.`, {
      location: { file: ctx.configPath ?? undefined, key: "journal.delimiter" },
      hint: 'Use one character other than a double quote or a line break, e.g. "," or ";".',
    });
  }
  return { delimiter, lineEnding: j.line_ending };
}

/** A built-in template by name; an unknown name is a UserError (no paths, no aliases). */
function builtinTemplate(name: string): JournalTemplate {
  if (!Object.hasOwn(BUILTIN_TEMPLATES, name)) {
    throw new UserError(`unknown built-in journal template '${name}'.`, {
      hint: `Use one of ${Object.keys(BUILTIN_TEMPLATES).join(", ")}.`,
    });
  }
  return { name, text: BUILTIN_TEMPLATES[name], file: null };
}

/** Build a journal (nothing written, nothing recorded). Refusals throw. */
export async function buildJournal(
  ctx: AppContext,
  opts: ExportJournalOptions,
): Promise<BuiltJournal> {
  const period = parsePeriod(opts.period);
  const format = opts.format ??
    (opts.templatePath || opts.builtinTemplate !== undefined ? "template" : "detail");
  const entry = journalFormatEntry(format);
  if ((opts.templatePath || opts.builtinTemplate !== undefined) && format !== "template") {
    throw new UserError(`a template only applies to -f template (not ${format}).`);
  }
  if (opts.templatePath && opts.builtinTemplate !== undefined) {
    throw new UserError("give a template file or a built-in template, not both.");
  }
  const builtin = opts.builtinTemplate === undefined ? null : builtinTemplate(opts.builtinTemplate);
  if (!findPeriod(ctx.db, period)) {
    throw new NotFoundError(`period ${period} has no charges in the database.`, {
      hint: "Import its billing files first, or check the period with 'periods list'.",
    });
  }
  const csv = journalCsvOptions(ctx);
  const includePending = opts.includePending ?? false;
  const env: JournalRenderEnv = {
    ctx,
    period,
    csv,
    includePending,
    builtin,
    templatePath: opts.templatePath,
  };
  let rendered: RenderedJournal;
  let chargeCount: number;
  let debitTotal: number;
  let creditTotal: number;
  let pendingExcluded: number;
  let currency = ctx.config.currency;
  if (entry.grouping === "charges") {
    const charges = loadJournalCharges(
      ctx.db,
      ctx.config,
      period,
      includePending,
      loadFundingRules(ctx),
    );
    pendingExcluded = includePending ? 0 : pendingReviewTotals(ctx.db, period).count;
    chargeCount = charges.length;
    currency = charges[0]?.currency ?? currency;
    debitTotal = creditTotal = charges.reduce((t, c) => t + c.billedCents, 0);
    rendered = entry.render(charges, env);
  } else {
    // the balanced lines are built from sums made in SQL (flat memory)
    pendingExcluded = includePending ? 0 : pendingReviewTotals(ctx.db, period).count;
    const gl = glJournalEntries(ctx, period, includePending, {
      people: entry.namesPeople(ctx.config),
    });
    chargeCount = gl.charges;
    debitTotal = gl.journal.debitTotal;
    creditTotal = gl.journal.creditTotal;
    currency = gl.journal.currency;
    rendered = await entry.render(gl.journal, env);
  }
  const { content, rows, template } = rendered;
  const checksum = createHash("sha256").update(content).digest("hex");
  return {
    period,
    format,
    template,
    content,
    rows,
    charges: chargeCount,
    debitTotal,
    creditTotal,
    currency,
    checksum,
    pendingExcluded,
  };
}

/**
 * Refuse an export that would leave charges awaiting review out of the
 * journal without saying so (as generate does): --include-pending bills them,
 * --allow-pending leaves them out knowingly.
 */
function assertNoPendingLeftOut(ctx: AppContext, opts: ExportJournalOptions): void {
  if (opts.includePending || opts.allowPending) return;
  const period = parsePeriod(opts.period);
  const pending = pendingReviewTotals(ctx.db, period);
  if (pending.count === 0) return;
  throw new RuleError(
    `journal export of ${period} refused: ${countOf(pending.count, "charge")} ${
      plural(pending.count, "awaits")
    } review and would be left out; nothing was written.`,
    {
      hint: `Approve or reject them (openchargeback review list -p ${period}), or pass ` +
        "--allow-pending to leave them out, or --include-pending to bill them.",
      webHint: `Approve or reject them on the Review page, or tick "Export without the ` +
        `charges awaiting review", or "Include charges awaiting review".`,
    },
  );
}

/**
 * Export a period's journal: build it (refusing an invalid one), write it
 * atomically to `output` or `output.journal_dir/journal_<period>_<stamp>.csv`
 * (or return it when output is "-"), record it in journal_exports and audit it.
 */
export async function exportJournal(
  ctx: AppContext,
  opts: ExportJournalOptions,
): Promise<JournalResult> {
  assertNoPendingLeftOut(ctx, opts);
  const built = await buildJournal(ctx, opts);
  const now = ctx.now();
  const at = now.toISOString();
  const toStdout = opts.output === "-";
  const staged = toStdout ? null : stageFile(
    journalTargetPath(opts.output, ctx.config.output.journal_dir, built.period, now),
    built.content,
  );
  try {
    const id = ctx.db.transaction(() => {
      const id = insertJournalExport(ctx.db, {
        period: built.period,
        format: built.format,
        template: built.template,
        includePending: opts.includePending ?? false,
        path: staged?.finalPath ?? null,
        rows: built.rows,
        charges: built.charges,
        debitTotal: built.debitTotal,
        creditTotal: built.creditTotal,
        checksum: built.checksum,
        exportedBy: ctx.actor,
        exportedAt: at,
      });
      audit(ctx, "journal.export", {
        format: built.format,
        template: built.template,
        path: staged?.finalPath ?? "-",
        rows: built.rows,
        charges: built.charges,
        debitTotal: minorDecimal(built.debitTotal, built.currency),
        creditTotal: minorDecimal(built.creditTotal, built.currency),
        checksum: built.checksum,
        includePending: opts.includePending ?? false,
      }, { entity: "journal_export", entityId: id, period: built.period, at });
      staged?.commit();
      return id;
    });
    return {
      id,
      period: built.period,
      format: built.format,
      template: built.template,
      path: staged?.finalPath ?? null,
      rows: built.rows,
      charges: built.charges,
      debitTotal: minorDecimal(built.debitTotal, built.currency),
      creditTotal: minorDecimal(built.creditTotal, built.currency),
      checksum: built.checksum,
      pendingExcluded: built.pendingExcluded,
      ...(toStdout ? { content: built.content } : {}),
    };
  } finally {
    staged?.discard();
  }
}
