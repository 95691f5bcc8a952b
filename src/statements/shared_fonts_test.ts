/** The shared parsed fonts: documents in a row keep their own text; same content, same bytes. */

import { deepEqual, equal } from "node:assert/strict";
import { newStatementDocument, pdfBytes, textStyle } from "./pdf_kit.ts";
import { pdfText as readPdfText } from "../../tests/pdf_text.ts";

/** The text of PDF bytes (npm pdfjs-dist, tests/pdf_text.ts), page breaks dropped. */
async function pdfText(bytes: Uint8Array): Promise<string> {
  return (await readPdfText(bytes)).replace(/\f/g, "").trim();
}

function render(lines: string[]): Uint8Array {
  const doc = newStatementDocument();
  lines.forEach((line, i) => {
    textStyle(doc, 10, i % 2 ? "bold" : "normal");
    doc.text(line, 40, 60 + 20 * i);
  });
  return pdfBytes(doc);
}

Deno.test("shared fonts: documents rendered one after another keep their own text", async () => {
  const unicode = ["Zoë Ångström · Ωμέγα", "amount due $120.01 → $110.01 — ok", "Łódź Ñandú"];
  const ascii = ["Statement 2025-01-0001", "Amount due $42.00"];
  const first = render(unicode);
  const second = render(ascii);
  const third = render(unicode);
  equal(await pdfText(first), unicode.join("\n"));
  equal(await pdfText(second), ascii.join("\n"));
  equal(await pdfText(third), unicode.join("\n"));
});

Deno.test("shared fonts: the same content gives the same font program in every document", () => {
  const a = new TextDecoder("latin1").decode(render(["Same text"]));
  const b = new TextDecoder("latin1").decode(render(["Same text"]));
  const fontFiles = (s: string) => [...s.matchAll(/\/Length1 (\d+)/g)].map((m) => Number(m[1]));
  deepEqual(fontFiles(a), fontFiles(b));
  // two font programs and two ToUnicode maps
  equal(fontFiles(a).length, 4);
  // everything but the creation date and the file id is identical
  const strip = (s: string) =>
    s.replace(/\/CreationDate \(D:[^)]*\)/, "").replace(/\/ID \[[^\]]*\]/, "");
  equal(strip(a), strip(b));
});
