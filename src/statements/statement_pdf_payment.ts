/**
 * The payment block of a statement PDF, under the identity block: the due
 * date and terms, the fund(s) charged (with the split when the project is
 * split) and the dispute route as a mailto or web link.
 */

import type { jsPDF } from "jspdf";
import { COLOURS, PAGE, textStyle } from "./pdf_kit.ts";
import { chargedToText, disputeText, dueText } from "./payment_terms.ts";
import type { StatementModel } from "./statement_model.ts";

const M = PAGE.margin;
const CONTENT_W = PAGE.width - 2 * M;

/** Draw the block at `y`; returns the y below it. */
export function drawPaymentBlock(doc: jsPDF, m: StatementModel, y: number): number {
  const p = m.payment;
  // a statement that asks for nothing (a credit, zero) names no due date
  const owes = m.sections.some((s) => s.totals.billed > 0);
  let line = y + 10;
  if (p && owes) {
    textStyle(doc, 10, "bold", COLOURS.ink);
    doc.text(`${dueText(p)}.`, M, line);
    line += 13;
  }
  textStyle(doc, 9, "normal", COLOURS.ink);
  const charged = doc.splitTextToSize(`${chargedToText(m)}.`, CONTENT_W) as string[];
  doc.text(charged, M, line);
  line += charged.length * 11 + 2;
  if (p?.dispute) {
    const text = disputeText(p.dispute);
    const prefix = text.slice(0, text.length - p.dispute.address.length);
    textStyle(doc, 9, "normal", COLOURS.ink);
    doc.text(prefix, M, line);
    let x = M + doc.getTextWidth(prefix);
    // a long URL starts its own line rather than running off the page
    if (x + doc.getTextWidth(`${p.dispute.address}.`) > M + CONTENT_W) (x = M, line += 11);
    textStyle(doc, 9, "normal", COLOURS.navy);
    doc.textWithLink(p.dispute.address, x, line, { url: p.dispute.href });
    doc.text(".", x + doc.getTextWidth(p.dispute.address), line);
    line += 13;
  }
  return line + 2;
}
