/**
 * `generate`: build the period's statements, keep unchanged ones, write new
 * revisions (PDF + record) for changed ones, and optionally email them.
 * Rules: a finalized period cannot be regenerated; charges awaiting review
 * refuse the run unless allowPending (then each statement notes them).
 */

import { countOf, plural } from "../domain/plural.ts";
import { audit } from "../audit/mod.ts";
import { assertStatementsAttributable } from "./statement_gate.ts";
import { splitFor } from "../domain/funding.ts";
import { loadFundingRules } from "../funding/mod.ts";
import type { AppContext } from "../app_context.ts";
import { NotFoundError, RuleError, UserError } from "../domain/errors.ts";
import { parsePeriod } from "../domain/period.ts";
import {
  findPeriod,
  insertStatement,
  iterateBillableCharges,
  listPendingCharges,
  listPiRows,
  type StatementRow,
} from "../storage/mod.ts";
import { roundToMinor } from "../domain/currency.ts";
import { formatMoney, minorDecimal } from "../domain/money_format.ts";
import { buildStatementModels, type StatementModel } from "./statement_model.ts";
import { renderStatementPdf, type StatementLook } from "./statement_pdf.ts";
import { issuedModel, issuedPaymentJson, parseIssuedPayment } from "./payment_terms.ts";
import {
  fileExists,
  type StagedPdf,
  stagePdf,
  statementPdfPath,
  writeFileAtomic,
} from "./statement_files.ts";
import {
  modelTotals,
  singleCurrency,
  type StatementSummary,
  summaryFromRow,
  totalsJson,
} from "./statement_summary.ts";
import { SOFTWARE_VERSION } from "./software_version.ts";
import { sendStatements } from "./send_statements.ts";
import {
  type Drawing,
  drawingKey,
  drawRevisions,
  planRevisions,
  type Revision,
  statementDocument,
} from "./revision_plan.ts";
import type { ProgressListener } from "./progress.ts";

/** Options of generateStatements. */
export interface GenerateOptions {
  period: string;
  dryRun?: boolean;
  send?: boolean;
  resend?: boolean;
  piEmails?: string[];
  projectIds?: string[];
  allowPending?: boolean;
  /** Hears the progress: PDFs drawn, then (with send) PI emails. */
  onProgress?: ProgressListener;
}

/** The `generate --json` document. */
export interface GenerateResult {
  period: string;
  dryRun: boolean;
  statements: StatementSummary[];
  emails: { sent: number; written: number; failed: number };
  /** Who is (or, in a dry run, would be) emailed. */
  recipients: string[];
  /** Messages that failed after retries: recipient and error. */
  failures: { recipient: string; error: string }[];
  /** Charges awaiting review left out (only non-zero with allowPending). */
  pending: { count: number; billedCost: { currency: string; amount: string }[] };
}

/** Generate (and optionally send) the statements of a period. */
export async function generateStatements(
  ctx: AppContext,
  opts: GenerateOptions,
): Promise<GenerateResult> {
  const period = parsePeriod(opts.period);
  const grouping = ctx.config.statements.per;
  const piEmails = (opts.piEmails ?? []).map((e) => e.trim().toLowerCase());
  const projectIds = opts.projectIds ?? [];
  if (grouping === "pi" && projectIds.length) {
    throw new UserError("--project cannot be used with statements.per: pi.", {
      hint: "A consolidated statement covers all of a PI's projects; select PIs with --pi.",
    });
  }
  const periodRow = findPeriod(ctx.db, period);
  if (!periodRow) {
    throw new NotFoundError(`period ${period} has no charges.`, {
      hint: "Import its billing files first: openchargeback ingest FILE -s SOURCE.",
    });
  }
  if (periodRow.status === "finalized") {
    throw new RuleError(`generate refused: period ${period} is finalized.`, {
      hint:
        `A finalized period cannot be regenerated; see openchargeback statements list -p ${period}.`,
    });
  }
  const pending = listPendingCharges(ctx.db, period, piEmails, projectIds);
  const pendingTotals = sumByCurrency(pending);
  if (pending.length > 0 && !opts.allowPending) {
    throw new RuleError(
      `${countOf(pending.length, "charge")} in ${period} ${
        plural(pending.length, "is")
      } awaiting review (${
        pendingTotals.map((t) => formatMoney(t.billed, t.currency)).join(" + ")
      }).`,
      {
        hint: `List them with: openchargeback review list -p ${period}; approve or reject them, ` +
          "or pass --allow-pending to leave them out of the statements.",
      },
    );
  }
  assertStatementsAttributable(ctx, period, piEmails, projectIds);
  if (opts.onProgress && !opts.dryRun) {
    // the gates passed: say so, and let the server answer before the charges are read
    opts.onProgress({ step: "prepare", done: 0, total: 0 });
    await new Promise((r) => setTimeout(r, 0));
  }
  const models = buildStatementModels(
    iterateBillableCharges(ctx.db, { period, piEmails, projectIds }),
    {
      period,
      grouping,
      piNames: { ...directoryNames(ctx), ...lowerKeys(ctx.config.statements.pi_names) },
      fundSplits: fundSplitsOf(ctx, period),
      pending: opts.allowPending ? pending : [],
    },
  );
  const result: GenerateResult = {
    period,
    dryRun: !!opts.dryRun,
    statements: [],
    emails: { sent: 0, written: 0, failed: 0 },
    recipients: [],
    failures: [],
    pending: {
      count: pending.length,
      billedCost: pendingTotals.map((t) => ({
        currency: t.currency,
        amount: minorDecimal(t.billed, t.currency),
      })),
    },
  };
  const look = opts.dryRun ? null : statementLook(ctx);
  const plan = () => planRevisions(ctx, period, grouping, models, piEmails, projectIds);
  // the PDFs are drawn before the write transaction, yielding between them, so progress can
  // be shown while they are drawn (the web polls it); the transaction uses a drawing only when
  // its plan is still the same (a concurrent run changed nothing), else draws it again
  const drawn = look ? await drawRevisions(ctx, look, plan(), opts.onProgress) : new Map();
  const work = () => {
    for (const d of plan()) {
      const { model, prev } = d;
      if (d.status === "unchanged") {
        if (look && !fileExists(prev!.pdf_path)) rewriteMissingPdf(ctx, prev!, model, look);
        const kept = summaryFromRow(prev!, "unchanged");
        // the contract: a dry run names no PDF, even for a statement that keeps its file
        result.statements.push(look ? kept : { ...kept, pdf: null });
        continue;
      }
      if (!look) {
        result.statements.push(dryRunSummary(model, d.number, d.revision, prev, d.status));
        continue;
      }
      result.statements.push(recordRevision(ctx, look, d, staged, drawn.get(drawingKey(d))));
    }
  };
  // the run's audit entry, in the transaction of the statements it counts
  const auditRun = () =>
    audit(ctx, "statements.generate", {
      statements: result.statements.length,
      new: result.statements.filter((s) => s.status === "new").length,
      revised: result.statements.filter((s) => s.status === "revised").length,
      unchanged: result.statements.filter((s) => s.status === "unchanged").length,
      allowPending: !!opts.allowPending,
      pendingLeftOut: pending.length,
    }, { entity: "period", entityId: period, period, at: ctx.now().toISOString() });
  // one write transaction: numbers are assigned, rows inserted and the run audited atomically;
  // PDFs are staged under temp names and moved into place once their records are committed
  // (emails sent with --send are logged and audited per message, each in its own transaction)
  const staged: StagedPdf[] = [];
  try {
    if (opts.dryRun) work();
    else ctx.db.transaction(() => (work(), auditRun()));
    for (const file of staged) file.commit();
  } finally {
    for (const file of staged) file.discard();
  }
  result.statements.sort((a, b) => a.number < b.number ? -1 : a.number > b.number ? 1 : 0);
  const recipients = [...new Set(result.statements.map((s) => s.pi))];
  if (opts.send) {
    if (opts.dryRun) {
      result.recipients = recipients;
    } else {
      const sent = await sendStatements(ctx, {
        period,
        piEmails: recipients,
        resend: opts.resend,
        onProgress: opts.onProgress,
      });
      result.emails = sent.emails;
      result.recipients = sent.recipients;
      result.failures = sent.failures;
    }
  }
  return result;
}

function recordRevision(
  ctx: AppContext,
  look: StatementLook,
  d: Revision,
  staged: StagedPdf[],
  drawing: Drawing | undefined,
): StatementSummary {
  const { model, hash, number, revision, prev } = d;
  const generatedAt = drawing?.generatedAt ?? ctx.now().toISOString();
  const path = statementPdfPath(
    ctx.config.output.pdf_dir,
    model.period,
    number,
    revision,
    model.pi.email,
    model.project,
  );
  staged.push(
    stagePdf(
      path,
      drawing?.bytes ?? renderStatementPdf(statementDocument(ctx, d, generatedAt), look),
    ),
  );
  const totals = modelTotals(model);
  const single = singleCurrency(totals);
  const row: Omit<StatementRow, "id" | "sent_at"> = {
    number,
    revision,
    period: model.period,
    grouping: model.grouping,
    group_key: model.groupKey,
    pi_email: model.pi.email,
    pi_name: model.pi.name,
    project_id: model.project,
    fund_org: model.fundOrgs.join(", "),
    currency: single.currency,
    billed_cost: single.billed,
    list_cost: single.list,
    discount: single.discount,
    totals: JSON.stringify(totals),
    charges: model.chargeCount,
    content_hash: hash,
    pdf_path: path,
    replaces_revision: prev?.revision ?? null,
    generated_at: generatedAt,
    generated_by: ctx.actor,
    // what the PDF asks (due date, terms, fund charged, dispute route), for the email
    payment: issuedPaymentJson(issuedModel(ctx, model, generatedAt)),
  };
  const id = insertStatement(ctx.db, row);
  audit(ctx, prev ? "statement.revise" : "statement.generate", {
    id,
    revision,
    replaces: prev?.revision ?? null,
    pi: model.pi.email,
    project: model.project,
    totals: totalsJson(totals),
    contentHash: hash,
    pdf: path,
  }, {
    entity: "statement",
    entityId: `${number} r${revision}`,
    period: model.period,
    at: generatedAt,
  });
  return summaryFromRow({ ...row, id, sent_at: null }, prev ? "revised" : "new");
}

/** An unchanged statement whose file was deleted: render it again at the same path. */
function rewriteMissingPdf(
  ctx: AppContext,
  prev: StatementRow,
  model: StatementModel,
  look: StatementLook,
): void {
  // the revision's own issue as recorded (else recomputed from when it was generated)
  const payment = parseIssuedPayment(prev.payment) ??
    issuedModel(ctx, model, prev.generated_at).payment;
  writeFileAtomic(
    prev.pdf_path,
    renderStatementPdf({
      model: { ...model, payment },
      number: prev.number,
      revision: prev.revision,
      contentHash: prev.content_hash,
      generatedAt: prev.generated_at,
      replaces: null,
    }, look),
  );
}

function dryRunSummary(
  model: StatementModel,
  number: string,
  revision: number,
  prev: StatementRow | undefined,
  status: "new" | "revised",
): StatementSummary {
  const totals = modelTotals(model);
  const single = singleCurrency(totals);
  return {
    number,
    pi: model.pi.email,
    piName: model.pi.name,
    project: model.project,
    fundOrg: model.fundOrgs.join(", "),
    currency: single.currency,
    billedCost: single.billed === null ? null : minorDecimal(single.billed, single.currency),
    listCost: single.list === null ? null : minorDecimal(single.list, single.currency),
    discount: single.discount === null ? null : minorDecimal(single.discount, single.currency),
    totals: totalsJson(totals),
    charges: model.chargeCount,
    pdf: null,
    revision,
    status,
    replaces: prev?.revision ?? null,
  };
}

/** The look of statements from the config; reads the logo PNG once. */
export function statementLook(ctx: AppContext): StatementLook {
  const s = ctx.config.statements;
  let logoPng: Uint8Array | null = null;
  if (s.logo) {
    try {
      logoPng = Deno.readFileSync(s.logo);
    } catch (e) {
      throw new UserError(`cannot read the statement logo ${s.logo}: ${(e as Error).message}.`, {
        location: { file: ctx.configPath ?? undefined, key: "statements.logo" },
        hint: "Point statements.logo at a PNG file, or leave it empty.",
      });
    }
    if (!(logoPng[0] === 0x89 && logoPng[1] === 0x50 && logoPng[2] === 0x4e)) {
      throw new UserError(`the statement logo ${s.logo} is not a PNG file.`, {
        location: { file: ctx.configPath ?? undefined, key: "statements.logo" },
        hint: "Convert it to PNG.",
      });
    }
  }
  return {
    institution: s.institution,
    title: s.title,
    contact: s.contact || ctx.config.email.contact,
    logoPng,
    softwareVersion: SOFTWARE_VERSION,
  };
}

function sumByCurrency(
  rows: { billing_currency: string; billed_cost: number; list_cost: number }[],
): { currency: string; billed: number }[] {
  const by = new Map<string, number>();
  for (const r of rows) {
    by.set(r.billing_currency, (by.get(r.billing_currency) ?? 0) + r.billed_cost);
  }
  // the exact sum of each currency, rounded once
  return [...by.entries()].sort().map(([currency, exact]) => ({
    currency,
    billed: roundToMinor(exact, currency),
  }));
}

function lowerKeys(map: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(map).map(([k, v]) => [k.toLowerCase(), v]));
}

/** PI email (canonical and aliases) -> name, from the PI directory. */
function directoryNames(ctx: AppContext): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of listPiRows(ctx.db)) {
    if (!p.name) continue;
    out[p.email.toLowerCase()] = p.name;
    for (const a of p.aliases ? p.aliases.split(";") : []) out[a.toLowerCase()] = p.name;
  }
  return out;
}

/** The fund splits in force in `period` (config and database: src/funding). */
function fundSplitsOf(ctx: AppContext, period: string) {
  const funding = loadFundingRules(ctx);
  if (funding.splits.length === 0) return undefined;
  return (projectId: string) => splitFor(funding, projectId || null, period)?.shares ?? null;
}
