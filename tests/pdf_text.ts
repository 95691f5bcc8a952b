/**
 * The text of a PDF for tests, read with Mozilla's PDF.js (npm pdfjs-dist), so
 * no Debian binary (pdftotext) is needed. Lines are rebuilt from the text items'
 * positions: items on one baseline join left to right, a gap wider than a
 * space becomes runs of spaces (like `pdftotext -layout`), pages end with \f.
 */

import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

interface Item {
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
}

/** The text of a PDF file (a path) or of PDF bytes. */
export async function pdfText(pdf: string | Uint8Array): Promise<string> {
  const data = typeof pdf === "string" ? await Deno.readFile(pdf) : pdf.slice();
  const task = getDocument({ data, useSystemFonts: false, verbosity: 0 });
  const doc = await task.promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const items: Item[] = [];
      for (const it of content.items) {
        if (!("str" in it) || it.str === "") continue;
        const [a, b, , , x, y] = it.transform as number[];
        items.push({ str: it.str, x, y, width: it.width, size: Math.hypot(a, b) || 10 });
      }
      pages.push(layoutLines(items).join("\n"));
      page.cleanup();
    }
    return pages.join("\n\f");
  } finally {
    await task.destroy();
  }
}

/** Group items into lines (same baseline within a third of the font size), top to bottom. */
function layoutLines(items: Item[]): string[] {
  const lines: Item[][] = [];
  for (const it of [...items].sort((p, q) => q.y - p.y || p.x - q.x)) {
    const line = lines.find((l) => Math.abs(l[0].y - it.y) <= l[0].size / 3);
    if (line) line.push(it);
    else lines.push([it]);
  }
  return lines.map((line) => {
    line.sort((p, q) => p.x - q.x);
    let text = "";
    let end = -Infinity;
    for (const it of line) {
      const gap = it.x - end;
      const space = it.size * 0.25;
      if (text !== "" && gap > space) {
        text += " ".repeat(Math.max(1, Math.min(20, Math.round(gap / (it.size * 0.5)))));
      }
      text += it.str;
      end = it.x + it.width;
    }
    return text.replace(/\s+$/, "");
  });
}
