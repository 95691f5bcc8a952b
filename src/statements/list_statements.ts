/** Read side of statements: every revision of a period, and PDF paths for download. */

import type { AppContext } from "../app_context.ts";
import { NotFoundError } from "../domain/errors.ts";
import { microsToDecimal } from "../domain/money.ts";
import { minorDecimal } from "../domain/money_format.ts";
import { parsePeriod } from "../domain/period.ts";
import { findStatementRow, listStatementRows } from "../storage/mod.ts";
import { fileExists } from "./statement_files.ts";
import { parseIssuedPayment } from "./payment_terms.ts";
import {
  rowTotals,
  singleCurrency,
  type StatementListEntry,
  totalsJson,
} from "./statement_summary.ts";

/** All revisions of a period's statements (optionally one PI), by number then revision. */
export function listStatements(
  ctx: AppContext,
  opts: { period: string; pi?: string },
): StatementListEntry[] {
  const period = parsePeriod(opts.period);
  const rows = listStatementRows(ctx.db, period, opts.pi?.trim());
  const latestRevision = new Map<string, number>();
  for (const r of rows) {
    latestRevision.set(r.number, Math.max(latestRevision.get(r.number) ?? 0, r.revision));
  }
  return rows.map((r) => {
    const totals = rowTotals(r);
    const single = singleCurrency(totals);
    const prev = r.replaces_revision === null
      ? undefined
      : rows.find((p) => p.number === r.number && p.revision === r.replaces_revision);
    let amountChange: StatementListEntry["amountChange"] = null;
    if (prev) {
      const before = rowTotals(prev);
      const currencies = [...new Set([...before, ...totals].map((t) => t.currency))].sort();
      amountChange = currencies.map((c) => ({
        currency: c,
        change: microsToDecimal(
          (totals.find((t) => t.currency === c)?.billed ?? 0) -
            (before.find((t) => t.currency === c)?.billed ?? 0),
        ),
      }));
    }
    return {
      number: r.number,
      revision: r.revision,
      pi: r.pi_email,
      project: r.project_id,
      fundOrg: r.fund_org,
      currency: single.currency,
      billedCost: single.billed === null ? null : minorDecimal(single.billed, single.currency),
      totals: totalsJson(totals),
      pdf: r.pdf_path,
      generatedAt: r.generated_at,
      sentAt: r.sent_at,
      replaces: r.replaces_revision,
      amountChange,
      contentHash: r.content_hash,
      dueOn: parseIssuedPayment(r.payment)?.dueOn ?? null,
      latest: latestRevision.get(r.number) === r.revision,
    };
  });
}

/**
 * The PDF file of a statement (latest revision unless `revision` is given),
 * for the web download. NotFoundError when the record or its file is missing.
 */
export function getStatementPdfPath(ctx: AppContext, number: string, revision?: number): string {
  const row = findStatementRow(ctx.db, number, revision);
  if (!row) {
    throw new NotFoundError(
      `statement ${number}${revision === undefined ? "" : ` revision ${revision}`} not found.`,
      { hint: "List statements with: openchargeback statements list -p YYYY-MM." },
    );
  }
  if (!fileExists(row.pdf_path)) {
    throw new NotFoundError(`the PDF of statement ${number} revision ${row.revision} is missing.`, {
      hint:
        `It was at ${row.pdf_path}; run openchargeback generate -p ${row.period} to write it again.`,
    });
  }
  return row.pdf_path;
}
