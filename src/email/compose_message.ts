/** The statement email of one PI: subject, HTML body and its plain-text alternative. */

import { formatMoney } from "../domain/intl_money.ts";

/** One attached statement as the email describes it (amounts in micro-units). */
export interface EmailStatement {
  /** Statement row id. */
  id: number;
  number: string;
  revision: number;
  project: string | null;
  fundOrg: string;
  totals: { currency: string; billed: number; list: number; discount: number }[];
  pdfPath: string;
}

/** The message of one PI. */
export interface EmailBatch {
  recipient: string;
  piName: string;
  statements: EmailStatement[];
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

/** "$1,234.50" or "$1,234.50 + €20.00" for per-currency sums of a list of statements. */
export function totalText(
  statements: EmailStatement[],
  pick: "billed" | "discount" = "billed",
): string {
  const by = new Map<string, number>();
  for (const s of statements) {
    for (const t of s.totals) by.set(t.currency, (by.get(t.currency) ?? 0) + t[pick]);
  }
  if (by.size === 0) return formatMoney(0, "USD");
  return [...by.entries()].sort().map(([c, v]) => formatMoney(v, c)).join(" + ");
}

/** Replace {billing_period}, {pi_email} and {total} in the subject template. */
export function renderSubject(template: string, period: string, batch: EmailBatch): string {
  return template.replaceAll("{billing_period}", period)
    .replaceAll("{pi_email}", batch.recipient)
    .replaceAll("{total}", totalText(batch.statements));
}

function esc(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

function amountOf(s: EmailStatement): string {
  return s.totals.length === 0
    ? formatMoney(0, "USD")
    : s.totals.map((t) => formatMoney(t.billed, t.currency)).join(" + ");
}

/** Compose the message of one PI for a period. */
export function composeStatementMessage(
  period: string,
  batch: EmailBatch,
  settings: MessageSettings,
): ComposedMessage {
  const subject = renderSubject(settings.subjectTemplate, period, batch);
  const total = totalText(batch.statements);
  const subsidy = totalText(batch.statements, "discount");
  const n = batch.statements.length;
  const intro = `Your ${settings.title.toLowerCase()}${n > 1 ? "s" : ""} for ${period} ${
    n > 1 ? "are" : "is"
  } attached (${n} PDF${n > 1 ? "s" : ""}).`;
  const rows = batch.statements.map((s) => ({
    project: s.project ?? "all projects",
    fund: s.fundOrg || "-",
    statement: `${s.number}${s.revision > 1 ? ` (revision ${s.revision})` : ""}`,
    amount: amountOf(s),
  }));
  const text = [
    `Dear ${batch.piName},`,
    "",
    intro,
    "",
    `Total due: ${total}`,
    "",
    ...rows.map((r) =>
      `- Project ${r.project} / Fund ${r.fund} / ${r.amount} (statement ${r.statement})`
    ),
    "",
    `Total institutional subsidy: ${subsidy}`,
    ...(settings.contact ? ["", settings.contact] : []),
    "",
  ].join("\n");
  const cell = 'style="padding:4px 10px;border-bottom:1px solid #dee2e6"';
  const html = `<!doctype html>
<html><body style="font-family:Arial,Helvetica,sans-serif;color:#212529">
<p>Dear ${esc(batch.piName)},</p>
<p>${esc(intro)}</p>
<p style="font-size:18px"><strong>Total due: ${esc(total)}</strong></p>
<table style="border-collapse:collapse">
<thead><tr style="background:#2c3e50;color:#fff"><th ${cell}>Project</th><th ${cell}>Fund</th><th ${cell}>Statement</th><th ${cell} align="right">Amount</th></tr></thead>
<tbody>
${
    rows.map((r) =>
      `<tr><td ${cell}>${esc(r.project)}</td><td ${cell}>${esc(r.fund)}</td><td ${cell}>${
        esc(r.statement)
      }</td><td ${cell} align="right">${esc(r.amount)}</td></tr>`
    ).join("\n")
  }
</tbody>
</table>
<p>Total institutional subsidy: <strong>${esc(subsidy)}</strong></p>
${settings.contact ? `<p style="color:#6c757d">${esc(settings.contact)}</p>` : ""}
</body></html>
`;
  return { subject, html, text };
}
