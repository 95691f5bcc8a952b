/**
 * Render one statement model to PDF bytes (jspdf + jspdf-autotable, embedded
 * DejaVu font). Layout: header, identity block, payment block (due date, fund
 * charged, dispute route), then per currency a summary
 * box, charges by service, charge details and credits/corrections; a footer
 * with contact, generation time, version, content hash and "Page x of y".
 */

import { countOf, plural } from "../domain/plural.ts";
import type { jsPDF } from "jspdf";
import { autoTable, type CellHookData, type RowInput } from "jspdf-autotable";
import { amountDueText, formatMoney } from "../domain/money_format.ts";
import { type CurrencySection, fundSplitText, type StatementModel } from "./statement_model.ts";
import {
  COLOURS,
  drawPageFrames,
  FONT,
  newStatementDocument,
  PAGE,
  pdfBytes,
  textStyle,
} from "./pdf_kit.ts";
import { drawPaymentBlock } from "./statement_pdf_payment.ts";

/** What the earlier revision said, printed on a revised statement. */
export interface ReplacedRevision {
  revision: number;
  /** Amount due per currency of the replaced revision (micro-units). */
  billed: { currency: string; billed: number }[];
}

/** A statement ready to print: the model plus its identity and clock values. */
export interface StatementDocument {
  model: StatementModel;
  number: string;
  revision: number;
  replaces: ReplacedRevision | null;
  contentHash: string;
  /** ISO time of generation. */
  generatedAt: string;
}

/** Presentation settings from the config. */
export interface StatementLook {
  institution: string;
  title: string;
  contact: string;
  /** PNG bytes of the logo, or null. */
  logoPng: Uint8Array | null;
  softwareVersion: string;
}

const M = PAGE.margin;
const CONTENT_W = PAGE.width - 2 * M;
const TABLE_MARGIN = { left: M, right: M, top: 40, bottom: PAGE.footer + 8 };

/** Render the statement to PDF bytes. */
export function renderStatementPdf(d: StatementDocument, look: StatementLook): Uint8Array {
  const doc = newStatementDocument();
  doc.setProperties({
    title: `${look.title} ${d.number}`,
    subject: `Statement ${d.number} revision ${d.revision} for ${d.model.period}`,
    creator: `OpenChargeback ${look.softwareVersion}`,
  });
  let y = drawHeader(doc, d, look);
  y = drawIdentity(doc, d.model, y);
  if (d.replaces) y = drawRevisionNote(doc, d, y);
  y = drawPaymentBlock(doc, d.model, y);
  if (d.model.sections.length === 0) {
    textStyle(doc, 10, "normal", COLOURS.muted);
    doc.text("No billable charges remain for this statement: the amount due is zero.", M, y + 14);
  }
  const multi = d.model.sections.length > 1;
  for (const section of d.model.sections) {
    y = ensureRoom(doc, y, 160);
    if (multi) {
      textStyle(doc, 12, "bold", COLOURS.navy);
      doc.text(`Charges in ${section.currency}`, M, y + 14);
      y += 20;
    }
    y = drawSummary(doc, section, y);
    y = drawServices(doc, section, y);
    y = drawDetails(doc, section, d.model.grouping === "pi", y);
    y = drawAdjustments(doc, section, y);
  }
  drawPageFrames(doc, {
    contact: look.contact,
    generated: `Generated ${d.generatedAt.replace("T", " ").replace(/\.\d+Z$|Z$/, " UTC")} by ` +
      `OpenChargeback ${look.softwareVersion}. Statement ${d.number}, revision ${d.revision}.`,
    runningHeader: `${look.title} ${d.number} · ${d.model.pi.name} · ${
      d.model.project ?? "all projects"
    } · ${d.model.period}`,
    contentHash: d.contentHash,
  });
  return pdfBytes(doc);
}

function drawHeader(doc: jsPDF, d: StatementDocument, look: StatementLook): number {
  let x = M;
  const top = 40;
  if (look.logoPng) {
    const props = doc.getImageProperties(look.logoPng);
    const h = 40, w = Math.min(120, (props.width / props.height) * h);
    doc.addImage(look.logoPng, "PNG", M, top, w, h);
    x = M + w + 12;
  }
  textStyle(doc, 9, "normal", COLOURS.muted);
  doc.text(look.institution, x, top + 10);
  textStyle(doc, 16, "bold", COLOURS.navy);
  const titleLines = doc.splitTextToSize(look.title, PAGE.width - M - x - 140) as string[];
  doc.text(titleLines, x, top + 30);
  const extra = Math.max(0, titleLines.length - 1) * 18;
  const right = PAGE.width - M;
  textStyle(doc, 10, "bold");
  doc.text(`Statement ${d.number}`, right, top + 10, { align: "right" });
  textStyle(doc, 9, "normal", COLOURS.muted);
  doc.text(`Revision ${d.revision}`, right, top + 23, { align: "right" });
  doc.text(`Billing period ${d.model.period}`, right, top + 35, { align: "right" });
  // the issue date on the institution's calendar (payment_terms.ts), as the due date is
  const issued = d.model.payment?.issuedOn ?? d.generatedAt.slice(0, 10);
  doc.text(`Issued ${issued}`, right, top + 47, { align: "right" });
  doc.setDrawColor(...COLOURS.navy);
  doc.setLineWidth(1.5);
  doc.line(M, top + 56 + extra, right, top + 56 + extra);
  return top + 66 + extra;
}

function drawIdentity(doc: jsPDF, m: StatementModel, y: number): number {
  const pi = m.pi.name && m.pi.name !== m.pi.email ? `${m.pi.name}\n${m.pi.email}` : m.pi.email;
  const head = ["Principal investigator", m.project ? "Project" : "Projects", "Fund/Org"];
  const split = fundSplitText(m);
  const body = [
    pi,
    m.project ?? m.projects.join(", "),
    split.length ? split.join("\n") : m.fundOrgs.join(", ") || "—",
  ];
  if (m.references.length) (head.push("References"), body.push(m.references.join("\n")));
  // fixed widths: long emails and project names wrap inside their own cell
  const widths = m.references.length
    ? [150, 140, 85, CONTENT_W - 375]
    : [190, 190, CONTENT_W - 380];
  autoTable(doc, {
    columnStyles: Object.fromEntries(widths.map((w, i) => [i, { cellWidth: w }])),
    startY: y,
    margin: TABLE_MARGIN,
    theme: "plain",
    head: [head],
    body: [body],
    styles: { font: FONT, fontSize: 9.5, overflow: "linebreak", cellPadding: 5 },
    headStyles: { fontSize: 7, textColor: COLOURS.muted, fillColor: COLOURS.panel },
    bodyStyles: { fillColor: COLOURS.panel, textColor: COLOURS.ink },
  });
  return lastY(doc) + 10;
}

function drawRevisionNote(doc: jsPDF, d: StatementDocument, y: number): number {
  const r = d.replaces!;
  const parts = d.model.sections.map((s) => {
    const before = r.billed.find((b) => b.currency === s.currency)?.billed ?? 0;
    const change = s.totals.billed - before;
    return `amount due ${formatMoney(before, s.currency)} → ${
      formatMoney(s.totals.billed, s.currency)
    } (change ${change >= 0 ? "+" : ""}${formatMoney(change, s.currency)})`;
  });
  for (const b of r.billed) {
    if (!d.model.sections.some((s) => s.currency === b.currency)) {
      parts.push(`${b.currency}: ${formatMoney(b.billed, b.currency)} → none`);
    }
  }
  const text =
    `This revision ${d.revision} replaces revision ${r.revision} of statement ${d.number}: ${
      parts.join("; ")
    }.`;
  textStyle(doc, 9, "bold", COLOURS.amber);
  const lines = doc.splitTextToSize(text, CONTENT_W) as string[];
  doc.text(lines, M, y + 8);
  return y + 8 + lines.length * 11 + 4;
}

function drawSummary(doc: jsPDF, s: CurrencySection, y: number): number {
  const t = s.totals;
  const money = (v: number) => formatMoney(v, s.currency);
  const head = ["List price", "Institutional discount / subsidy"];
  const body = [money(t.list), `${discountText(t.discount, s.currency)} (${t.discountPercent} %)`];
  if (s.adjustments.length) (head.push("Credits & adjustments"), body.push(money(t.credits)));
  // a negative total is a credit: nothing is due
  head.push(t.billed < 0 ? "Credit" : "Amount due");
  body.push(money(Math.abs(t.billed)));
  autoTable(doc, {
    startY: y,
    margin: TABLE_MARGIN,
    theme: "plain",
    head: [head],
    body: [body],
    styles: { font: FONT, overflow: "linebreak", cellPadding: 6, fillColor: COLOURS.panel },
    headStyles: { fontSize: 7.5, textColor: COLOURS.muted },
    bodyStyles: { fontSize: 13, fontStyle: "bold", textColor: COLOURS.ink },
    didParseCell: (h: CellHookData) => {
      if (h.section === "body" && h.column.index === 1) h.cell.styles.textColor = COLOURS.green;
      if (h.column.index === head.length - 1) h.cell.styles.halign = "right";
    },
  });
  y = lastY(doc) + 4;
  const notes: string[] = [];
  if (t.billed < 0) notes.push(`${amountDueText(t.billed, s.currency)}.`);
  if (t.list > 0 && t.discount === t.list) {
    notes.push(
      `Fully subsidised: the institution covers 100 % of the ${money(t.list)} list price.`,
    );
  } else if (t.discount > 0) {
    notes.push(
      `The institution subsidises ${money(t.discount)} (${t.discountPercent} %) of the list price.`,
    );
  }
  if (s.pending) {
    notes.push(
      `${countOf(s.pending.count, "charge")} totalling ${money(s.pending.billed)} ${
        plural(s.pending.count, "is")
      } pending review and not included in this statement.`,
    );
  }
  for (const [i, n] of notes.entries()) {
    textStyle(doc, 9, i === notes.length - 1 && s.pending ? "bold" : "normal", COLOURS.green);
    if (s.pending && i === notes.length - 1) doc.setTextColor(...COLOURS.amber);
    const lines = doc.splitTextToSize(n, CONTENT_W) as string[];
    doc.text(lines, M, y + 10);
    y += lines.length * 11 + 2;
  }
  return y + 8;
}

/** A discount as printed: "-$5.00" (a negative discount, i.e. a surcharge, as "+$5.00"). */
function discountText(v: number, currency: string): string {
  if (v === 0) return formatMoney(0, currency);
  return v > 0 ? formatMoney(-v, currency) : `+${formatMoney(-v, currency)}`;
}

const MONEY_COL = { halign: "right" as const, cellWidth: 72 };

function sectionTitle(doc: jsPDF, title: string, y: number): number {
  y = ensureRoom(doc, y, 70);
  textStyle(doc, 12, "bold", COLOURS.navy);
  doc.text(title, M, y + 12);
  return y + 18;
}

function drawServices(doc: jsPDF, s: CurrencySection, y: number): number {
  const money = (v: number) => formatMoney(v, s.currency);
  y = sectionTitle(doc, "Charges by service", y);
  const body: RowInput[] = s.services.map((r) => [
    r.service,
    money(r.list),
    `${discountText(r.discount, s.currency)} (${r.discountPercent} %)`,
    money(r.billed),
  ]);
  for (const a of s.adjustments) {
    body.push([
      `${a.label}: ${a.description || a.service}`,
      money(a.list),
      a.discount ? discountText(a.discount, s.currency) : "",
      money(a.billed),
    ]);
  }
  autoTable(doc, {
    ...tableBase(),
    startY: y,
    head: [["Service", "List price", "Discount / subsidy", "Amount"]],
    body,
    foot: [[
      "Total",
      money(s.totals.listAll),
      discountText(s.totals.discountAll, s.currency),
      money(s.totals.billed),
    ]],
    columnStyles: { 1: MONEY_COL, 2: { halign: "right", cellWidth: 110 }, 3: MONEY_COL },
    didParseCell: (h: CellHookData) => {
      if (h.section === "body" && h.row.index >= s.services.length) {
        h.cell.styles.fontStyle = "bold";
        h.cell.styles.textColor = COLOURS.amber;
      } else if (h.column.index === 2 && h.section !== "head") {
        h.cell.styles.textColor = COLOURS.green;
      }
      if (h.section !== "body" && h.column.index > 0) h.cell.styles.halign = "right";
    },
  });
  return lastY(doc) + 12;
}

function drawDetails(doc: jsPDF, s: CurrencySection, withProject: boolean, y: number): number {
  if (s.lines.length === 0) return y;
  const money = (v: number) => formatMoney(v, s.currency);
  y = sectionTitle(doc, "Charge details", y);
  const head = ["Date", ...(withProject ? ["Project"] : []), "Resource", "Service", "Quantity"];
  head.push("List", "Discount", "Amount");
  const n = head.length;
  autoTable(doc, {
    ...tableBase(7.5),
    startY: y,
    head: [head],
    body: s.lines.map((l) => [
      l.date,
      ...(withProject ? [l.project ?? ""] : []),
      l.resource,
      l.service,
      l.quantity,
      money(l.list),
      discountText(l.discount, s.currency),
      money(l.billed),
    ]),
    columnStyles: {
      0: { cellWidth: 52 },
      // fixed widths for service and quantity so a long resource id (an ARN)
      // wraps inside its own cell instead of squeezing the service name
      ...(withProject ? { 1: { cellWidth: 64 } } : {}),
      [n - 5]: { cellWidth: 84 },
      [n - 4]: { cellWidth: 58 },
      [n - 3]: { halign: "right", cellWidth: 58 },
      [n - 2]: { halign: "right", cellWidth: 58 },
      [n - 1]: { halign: "right", cellWidth: 58 },
    },
    didParseCell: (h: CellHookData) => {
      if (h.section === "body" && h.column.index === n - 2) h.cell.styles.textColor = COLOURS.green;
      if (h.section === "head" && h.column.index >= n - 3) h.cell.styles.halign = "right";
    },
  });
  return lastY(doc) + 12;
}

function drawAdjustments(doc: jsPDF, s: CurrencySection, y: number): number {
  if (s.adjustments.length === 0) return y;
  const money = (v: number) => formatMoney(v, s.currency);
  y = sectionTitle(doc, "Credits, refunds and corrections", y);
  autoTable(doc, {
    ...tableBase(7.5),
    startY: y,
    head: [["Date", "Type", "Service", "Resource", "Description", "Amount"]],
    body: s.adjustments.map((a) => [
      a.date,
      a.label,
      a.service,
      a.resource,
      a.description,
      money(a.billed),
    ]),
    foot: [["", "", "", "", "Total credits and adjustments", money(s.totals.credits)]],
    columnStyles: { 0: { cellWidth: 52 }, 1: { cellWidth: 60 }, 5: MONEY_COL },
    didParseCell: (h: CellHookData) => {
      if (h.column.index === 5) h.cell.styles.halign = "right";
      if (h.section === "body" && h.column.index === 1) h.cell.styles.fontStyle = "bold";
    },
  });
  return lastY(doc) + 12;
}

function tableBase(fontSize = 8.5) {
  return {
    margin: TABLE_MARGIN,
    theme: "striped" as const,
    showHead: "everyPage" as const,
    showFoot: "lastPage" as const,
    styles: { font: FONT, fontSize, overflow: "linebreak" as const, cellPadding: 3.5 },
    headStyles: { fillColor: COLOURS.navy, textColor: [255, 255, 255] as [number, number, number] },
    footStyles: { fillColor: COLOURS.rule, textColor: COLOURS.ink, fontStyle: "bold" as const },
  };
}

function lastY(doc: jsPDF): number {
  return (doc as unknown as { lastAutoTable: { finalY: number } }).lastAutoTable.finalY;
}

function ensureRoom(doc: jsPDF, y: number, needed: number): number {
  if (y + needed <= PAGE.height - PAGE.footer - 8) return y;
  doc.addPage();
  return TABLE_MARGIN.top;
}
