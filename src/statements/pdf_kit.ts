/**
 * jsPDF setup shared by the statement renderer: the embedded DejaVu fonts
 * (so any Unicode name renders), colours, and the per-page footer.
 */

import { jsPDF } from "jspdf";
import { installSharedFonts, sharedFontMarker } from "./shared_fonts.ts";

/** The embedded font family name. */
export const FONT = "DejaVuSans";

/** Page geometry in points (A4). */
export const PAGE = { width: 595.28, height: 841.89, margin: 42, footer: 64 };

/** Colours as RGB triples. */
export const COLOURS = {
  ink: [33, 37, 41] as [number, number, number],
  muted: [108, 117, 125] as [number, number, number],
  navy: [44, 62, 80] as [number, number, number],
  panel: [244, 246, 248] as [number, number, number],
  rule: [222, 226, 230] as [number, number, number],
  green: [25, 135, 84] as [number, number, number],
  amber: [156, 98, 0] as [number, number, number],
};

/** A new A4 document (points) with the DejaVu fonts registered and selected. */
export function newStatementDocument(): jsPDF {
  installSharedFonts();
  const doc = new jsPDF({ unit: "pt", format: "a4", compress: true });
  // the VFS holds a short marker; the parsed font is shared (see shared_fonts.ts)
  doc.addFileToVFS("DejaVuSans.ttf", sharedFontMarker("regular"));
  doc.addFont("DejaVuSans.ttf", FONT, "normal");
  doc.addFileToVFS("DejaVuSans-Bold.ttf", sharedFontMarker("bold"));
  doc.addFont("DejaVuSans-Bold.ttf", FONT, "bold");
  doc.setFont(FONT, "normal");
  // autotable asks for the font list for every cell; it is fixed from here on
  const fontList = doc.getFontList();
  doc.getFontList = () => fontList;
  return doc;
}

/** Set font style, size and colour in one call. */
export function textStyle(
  doc: jsPDF,
  size: number,
  style: "normal" | "bold" = "normal",
  colour: [number, number, number] = COLOURS.ink,
): void {
  doc.setFont(FONT, style);
  doc.setFontSize(size);
  doc.setTextColor(...colour);
}

/** What the footer of every page says. */
export interface FooterText {
  contact: string;
  generated: string;
  runningHeader: string;
  contentHash: string;
}

/**
 * Draw the footer (contact, generated time and version, content hash,
 * "Page x of y") on every page, and a running header on pages after the first.
 * Call once, after all content is laid out.
 */
export function drawPageFrames(doc: jsPDF, f: FooterText): void {
  const pages = doc.getNumberOfPages();
  const { width, height, margin } = PAGE;
  for (let i = 1; i <= pages; i++) {
    doc.setPage(i);
    doc.setDrawColor(...COLOURS.rule);
    doc.setLineWidth(0.6);
    doc.line(margin, height - 52, width - margin, height - 52);
    textStyle(doc, 7.5, "normal", COLOURS.muted);
    let y = height - 41;
    if (f.contact) {
      const lines = doc.splitTextToSize(f.contact, width - 2 * margin - 80) as string[];
      doc.text(lines[0], margin, y);
      y += 10;
    }
    doc.text(f.generated, margin, y);
    doc.text(`Content hash (sha256): ${f.contentHash}`, margin, y + 10);
    textStyle(doc, 8, "bold", COLOURS.muted);
    doc.text(`Page ${i} of ${pages}`, width - margin, height - 41, { align: "right" });
    if (i > 1) {
      textStyle(doc, 7.5, "normal", COLOURS.muted);
      doc.text(f.runningHeader, margin, 26);
    }
  }
}

/** The PDF bytes of a finished document. */
export function pdfBytes(doc: jsPDF): Uint8Array {
  return new Uint8Array(doc.output("arraybuffer"));
}
