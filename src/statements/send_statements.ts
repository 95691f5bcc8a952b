/** Send generated statements: one email per PI, each statement revision once unless resend. */

import type { AppContext } from "../app_context.ts";
import { NotFoundError } from "../domain/errors.ts";
import { parsePeriod } from "../domain/period.ts";
import { deliverStatementEmails, type EmailBatch } from "../email/mod.ts";
import { latestStatementsByGroup, markStatementsSent, type StatementRow } from "../storage/mod.ts";
import { rowTotals } from "./statement_summary.ts";
import type { ProgressListener } from "./progress.ts";
import { disputeRoute, parseIssuedPayment } from "./payment_terms.ts";

/** Options of sendStatements. */
export interface SendOptions {
  period: string;
  /** Only this PI. */
  pi?: string;
  /** Only these PIs. */
  piEmails?: string[];
  /** Send revisions that were already sent again. */
  resend?: boolean;
  /** Hears the progress: after each PI's email (delivered or failed). */
  onProgress?: ProgressListener;
}

/** The outcome of a send. */
export interface SendResult {
  period: string;
  emails: { sent: number; written: number; failed: number };
  /** PIs a message was attempted for. */
  recipients: string[];
  failures: { recipient: string; error: string }[];
  /** Dev mode: .eml files written. */
  files: string[];
  /** Statement revisions already sent and skipped (without resend). */
  skipped: number;
}

/** What a send would do, for a confirmation: PIs, statements and their amount per currency. */
export interface SendPlan {
  period: string;
  /** PIs who would get one email each. */
  recipients: string[];
  /** Statement revisions that would be attached. */
  statements: number;
  /** The attached statements' billed amounts per currency (micro-units, already rounded). */
  billed: { currency: string; micros: number }[];
  /** Revisions already sent that would be skipped (without resend). */
  skipped: number;
}

/** The batches a send makes (one per PI) and what it skips; changes nothing. */
function selectBatches(
  ctx: AppContext,
  opts: SendOptions,
): { period: string; batches: EmailBatch[]; skipped: number } {
  const period = parsePeriod(opts.period);
  const wanted = new Set([...(opts.piEmails ?? []), ...(opts.pi ? [opts.pi] : [])]
    .map((e) => e.trim().toLowerCase()));
  const latest = [...latestStatementsByGroup(ctx.db, period, ctx.config.statements.per).values()]
    .filter((r) => wanted.size === 0 || wanted.has(r.pi_email));
  if (latest.length === 0 && opts.pi) {
    throw new NotFoundError(`no statements for ${opts.pi} in ${period}.`, {
      hint: `Generate them first: openchargeback generate -p ${period}.`,
    });
  }
  const byPi = new Map<string, StatementRow[]>();
  let skipped = 0;
  for (const r of latest) {
    if (r.sent_at && !opts.resend) {
      skipped++;
      continue;
    }
    byPi.set(r.pi_email, [...(byPi.get(r.pi_email) ?? []), r]);
  }
  // the dispute route of the message is today's; each statement's due date is its issue's
  const dispute = disputeRoute(ctx.config.statements.dispute);
  const batches: EmailBatch[] = [...byPi.entries()].sort((a, b) => a[0] < b[0] ? -1 : 1).map((
    [pi, rows],
  ) => ({
    recipient: pi,
    piName: rows[0].pi_name,
    dispute,
    statements: rows.sort((a, b) => a.number < b.number ? -1 : 1).map((r) => ({
      id: r.id,
      number: r.number,
      revision: r.revision,
      project: r.project_id,
      fundOrg: r.fund_org,
      totals: rowTotals(r),
      pdfPath: r.pdf_path,
      payment: paymentOf(r),
    })),
  }));
  return { period, batches, skipped };
}

/** What sendStatements(ctx, opts) would send now: for the web's confirmation step. */
export function planStatementSend(ctx: AppContext, opts: SendOptions): SendPlan {
  const { period, batches, skipped } = selectBatches(ctx, opts);
  const billed = new Map<string, number>();
  for (const s of batches.flatMap((b) => b.statements)) {
    for (const t of s.totals) billed.set(t.currency, (billed.get(t.currency) ?? 0) + t.billed);
  }
  return {
    period,
    recipients: batches.map((b) => b.recipient),
    statements: batches.reduce((n, b) => n + b.statements.length, 0),
    billed: [...billed.entries()].sort().map(([currency, micros]) => ({ currency, micros })),
    skipped,
  };
}

/**
 * Email the latest revision of each statement of the period (current
 * grouping), grouped per PI. Revisions already sent are skipped unless resend.
 * `onProgress` hears each PI's email as it is done (the web's progress, the
 * CLI's progress line).
 */
export async function sendStatements(ctx: AppContext, opts: SendOptions): Promise<SendResult> {
  const { period, batches, skipped } = selectBatches(ctx, opts);
  opts.onProgress?.({ step: "send", done: 0, total: batches.length });
  const report = await deliverStatementEmails(ctx, batches, {
    period,
    onDelivered: (batch) =>
      markStatementsSent(ctx.db, batch.statements.map((s) => s.id), ctx.now().toISOString()),
    onStart: (batch, index) =>
      opts.onProgress?.({
        step: "send",
        done: index,
        total: batches.length,
        item: batch.recipient,
      }),
  });
  opts.onProgress?.({ step: "send", done: batches.length, total: batches.length });
  return {
    period,
    emails: { sent: report.sent, written: report.written, failed: report.failed },
    recipients: batches.map((b) => b.recipient),
    failures: report.failures,
    files: report.files,
    skipped,
  };
}

/** A statement's due date, terms and fund charged as issued, or null before they were recorded. */
function paymentOf(r: StatementRow): { dueOn: string; terms: string; chargedTo: string } | null {
  const p = parseIssuedPayment(r.payment);
  return p ? { dueOn: p.dueOn, terms: p.terms, chargedTo: p.chargedTo } : null;
}
