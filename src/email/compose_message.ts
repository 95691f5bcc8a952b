/** The statement email of one PI: subject, HTML body and its plain-text alternative. */

import { allocateByParts } from "../domain/allocate.ts";
import { roundToMinor } from "../domain/currency.ts";
import { amountDueText, formatMoney } from "../domain/money_format.ts";

/** One attached statement as the email describes it (amounts in micro-units). */
export interface EmailStatement {
  /** Statement row id. */
  id: number;
  number: string;
  revision: number;
  project: string | null;
  fundOrg: string;
  /**
   * Per currency: the statement's amount due, list and discount (rounded), and
   * the exact sums of its charges (absent on statements issued before the
   * money rule 2: their rounded figures stand in).
   */
  totals: {
    currency: string;
    billed: number;
    list: number;
    discount: number;
    exactBilled?: number;
    exactList?: number;
  }[];
  pdfPath: string;
  /** What the statement asks, as issued (null on statements issued before it was recorded). */
  payment?: { dueOn: string; terms: string; chargedTo: string } | null;
}

/** Where a PI disputes a charge: an email address (mailto) or a web page. */
export interface EmailDisputeRoute {
  kind: "email" | "url";
  address: string;
  href: string;
}

/** The message of one PI. */
export interface EmailBatch {
  recipient: string;
  piName: string;
  statements: EmailStatement[];
  /** The dispute line of the message, or none. */
  dispute?: EmailDisputeRoute | null;
}

/** Texts the config contributes. */
export interface MessageSettings {
  subjectTemplate: string;
  contact: string;
  title: string;
}

/** Subject, HTML and text of a message. */
export interface ComposedMessage {
  subject: string;
  html: string;
  text: string;
}

/** The figures of one currency over a message's statements (micro-units, whole minor units). */
export interface MessageCurrencyTotal {
  currency: string;
  /** round(exact billed sum of all the statements' charges). */
  billed: number;
  /** round(exact list sum) - billed. */
  discount: number;
  /** Each statement's row, allocated by largest remainder under `billed` (statement order). */
  rows: number[];
}

/**
 * The money rule of a message: per currency, the total due is the exact sum
 * of every attached statement's charges rounded once (the figure the PI's
 * pages show), the subsidy is round(exact list) minus it, and the statements'
 * rows are allocated under the total by largest remainder (ties to the first
 * statement), so the table adds up to the total.
 */
export function messageTotals(statements: EmailStatement[]): MessageCurrencyTotal[] {
  const currencies = [...new Set(statements.flatMap((s) => s.totals.map((t) => t.currency)))]
    .sort();
  return currencies.map((currency) => {
    const parts = statements.map((s) => s.totals.find((t) => t.currency === currency));
    const exact = parts.map((t) => t ? t.exactBilled ?? t.billed : 0);
    const exactList = parts.reduce((n, t) => n + (t ? t.exactList ?? t.list : 0), 0);
    const billed = roundToMinor(exact.reduce((a, b) => a + b, 0), currency);
    const list = roundToMinor(exactList, currency);
    return {
      currency,
      billed,
      discount: list - billed,
      rows: allocateByParts(billed, exact, currency),
    };
  });
}

/** "$1,234.50" or "$1,234.50 + €20.00" for per-currency sums of a list of statements. */
export function totalText(
  statements: EmailStatement[],
  pick: "billed" | "discount" = "billed",
): string {
  const totals = messageTotals(statements);
  if (totals.length === 0) return formatMoney(0, "USD");
  return totals.map((t) => formatMoney(t[pick], t.currency)).join(" + ");
}

/** "Total due: $1,234.50", or "Credit: $2.00 — nothing is due" when the one total is negative. */
function dueLine(statements: EmailStatement[]): string {
  const totals = messageTotals(statements);
  if (totals.length === 1 && totals[0].billed < 0) {
    return amountDueText(totals[0].billed, totals[0].currency);
  }
  return `Total due: ${totalText(statements)}`;
}

/**
 * "Payment due 2025-03-05 (Net 30)." when the statements that ask for money
 * share one due date; with several, each row names its own; null when none.
 */
function paymentLine(statements: EmailStatement[], totals: MessageCurrencyTotal[]): string | null {
  const owing = statements.filter((s, i) =>
    s.payment &&
    totals.some((t) => s.totals.some((x) => x.currency === t.currency) && t.rows[i] > 0)
  );
  const dates = [...new Set(owing.map((s) => s.payment!.dueOn))].sort();
  if (dates.length === 0) return null;
  const terms = [...new Set(owing.map((s) => s.payment!.terms).filter((t) => t))];
  const suffix = terms.length === 1 ? ` (${terms[0]})` : "";
  return dates.length === 1
    ? `Payment due ${dates[0]}${suffix}.`
    : `Payment due by each statement's due date below${suffix}.`;
}

/** "To dispute a charge, email billing@example.edu." / "..., go to https://...". */
function disputeSentence(d: EmailDisputeRoute): string {
  return `To dispute a charge, ${d.kind === "email" ? "email" : "go to"} ${d.address}.`;
}

/** Replace {billing_period}, {pi_email} and {total} in the subject template. */
export function renderSubject(template: string, period: string, batch: EmailBatch): string {
  return template.replaceAll("{billing_period}", period)
    .replaceAll("{pi_email}", batch.recipient)
    .replaceAll("{total}", totalText(batch.statements));
}

/** The dispute sentence with its mailto or web link. */
function disputeHtml(d: EmailDisputeRoute): string {
  const verb = d.kind === "email" ? "email" : "go to";
  return `To dispute a charge, ${verb} <a href="${esc(d.href)}">${esc(d.address)}</a>.`;
}

function esc(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

function amountOf(s: EmailStatement, i: number, totals: MessageCurrencyTotal[]): string {
  const own = totals.filter((t) => s.totals.some((x) => x.currency === t.currency));
  return own.length === 0
    ? formatMoney(0, "USD")
    : own.map((t) =>
      t.rows[i] < 0
        ? `credit ${formatMoney(-t.rows[i], t.currency)}`
        : formatMoney(t.rows[i], t.currency)
    ).join(" + ");
}

/** Compose the message of one PI for a period. */
export function composeStatementMessage(
  period: string,
  batch: EmailBatch,
  settings: MessageSettings,
): ComposedMessage {
  const subject = renderSubject(settings.subjectTemplate, period, batch);
  const due = dueLine(batch.statements);
  const totals = messageTotals(batch.statements);
  const subsidy = totalText(batch.statements, "discount");
  const n = batch.statements.length;
  const intro = `Your ${settings.title.toLowerCase()}${n > 1 ? "s" : ""} for ${period} ${
    n > 1 ? "are" : "is"
  } attached (${n} PDF${n > 1 ? "s" : ""}).`;
  const rows = batch.statements.map((s, i) => ({
    project: s.project ?? "all projects",
    // "Charged to fund F-1" (the split when the project is split), as the PDF prints it
    fund: s.payment?.chargedTo ?? `Fund ${s.fundOrg || "-"}`,
    statement: `${s.number}${s.revision > 1 ? ` (revision ${s.revision})` : ""}`,
    amount: amountOf(s, i, totals),
    due: s.payment ? s.payment.dueOn : "",
  }));
  const payment = paymentLine(batch.statements, totals);
  const dispute = batch.dispute ?? null;
  const text = [
    `Dear ${batch.piName},`,
    "",
    intro,
    "",
    due,
    ...(payment ? [payment] : []),
    "",
    ...rows.map((r) =>
      `- Project ${r.project} / ${r.fund} / ${r.amount}${
        r.due ? `, due ${r.due}` : ""
      } (statement ${r.statement})`
    ),
    "",
    `Total institutional subsidy: ${subsidy}`,
    ...(dispute ? ["", disputeSentence(dispute)] : []),
    ...(settings.contact ? ["", settings.contact] : []),
    "",
  ].join("\n");
  const cell = 'style="padding:4px 10px;border-bottom:1px solid #dee2e6"';
  const html = `<!doctype html>
<html><body style="font-family:Arial,Helvetica,sans-serif;color:#212529">
<p>Dear ${esc(batch.piName)},</p>
<p>${esc(intro)}</p>
<p style="font-size:18px"><strong>${esc(due)}</strong></p>
${
    payment
      ? `<p><strong>${esc(payment)}</strong></p>\n`
      : ""
  }<table style="border-collapse:collapse">
<thead><tr style="background:#2c3e50;color:#fff"><th ${cell}>Project</th><th ${cell}>Charged to</th><th ${cell}>Statement</th><th ${cell}>Due</th><th ${cell} align="right">Amount</th></tr></thead>
<tbody>
${
    rows.map((r) =>
      `<tr><td ${cell}>${esc(r.project)}</td><td ${cell}>${esc(r.fund)}</td><td ${cell}>${
        esc(r.statement)
      }</td><td ${cell}>${esc(r.due || "-")}</td><td ${cell} align="right">${
        esc(r.amount)
      }</td></tr>`
    ).join("\n")
  }
</tbody>
</table>
<p>Total institutional subsidy: <strong>${esc(subsidy)}</strong></p>
${dispute ? `<p>${disputeHtml(dispute)}</p>\n` : ""}
${settings.contact ? `<p style="color:#6c757d">${esc(settings.contact)}</p>` : ""}
</body></html>
`;
  return { subject, html, text };
}
