/** Send generated statements: one email per PI, each statement revision once unless resend. */

import type { AppContext } from "../app_context.ts";
import { NotFoundError } from "../domain/errors.ts";
import { parsePeriod } from "../domain/period.ts";
import { deliverStatementEmails, type EmailBatch } from "../email/mod.ts";
import { latestStatementsByGroup, markStatementsSent, type StatementRow } from "../storage/mod.ts";
import { rowTotals } from "./statement_summary.ts";

/** Options of sendStatements. */
export interface SendOptions {
  period: string;
  /** Only this PI. */
  pi?: string;
  /** Only these PIs. */
  piEmails?: string[];
  /** Send revisions that were already sent again. */
  resend?: boolean;
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

/**
 * Email the latest revision of each statement of the period (current
 * grouping), grouped per PI. Revisions already sent are skipped unless resend.
 */
export async function sendStatements(ctx: AppContext, opts: SendOptions): Promise<SendResult> {
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
  const batches: EmailBatch[] = [...byPi.entries()].sort((a, b) => a[0] < b[0] ? -1 : 1).map((
    [pi, rows],
  ) => ({
    recipient: pi,
    piName: rows[0].pi_name,
    statements: rows.sort((a, b) => a.number < b.number ? -1 : 1).map((r) => ({
      id: r.id,
      number: r.number,
      revision: r.revision,
      project: r.project_id,
      fundOrg: r.fund_org,
      totals: rowTotals(r),
      pdfPath: r.pdf_path,
    })),
  }));
  const report = await deliverStatementEmails(ctx, batches, {
    period,
    onDelivered: (batch) =>
      markStatementsSent(ctx.db, batch.statements.map((s) => s.id), ctx.now().toISOString()),
  });
  return {
    period,
    emails: { sent: report.sent, written: report.written, failed: report.failed },
    recipients: batches.map((b) => b.recipient),
    failures: report.failures,
    files: report.files,
    skipped,
  };
}
