/**
 * One parsed copy of the embedded DejaVu fonts per process, shared by every
 * statement document. jspdf parses the TTF of each document's addFont (about
 * 30 ms for the two fonts) and builds a font subset plus its deflated stream
 * at output (another 30-40 ms). Here:
 *
 * - the VFS of a document holds a short marker instead of the font; the
 *   patched `TTFFont.open` answers the marker with a per-document view of the
 *   font parsed once (a shallow copy with its own used-glyph, width and
 *   ToUnicode state; the parsed tables are read-only and shared);
 * - the subset always holds the glyphs of printable ASCII and the layout's
 *   few symbols plus whatever the document uses, so most statements embed the
 *   same font program, which is built and deflated once (the cached bytes are
 *   exactly what jspdf would produce for that glyph set).
 *
 * What a PDF shows and its text layer do not change; only documents that
 * used fewer glyphs embed a few more.
 */

import { jsPDF } from "jspdf";
import regularFont from "./assets/DejaVuSans.ttf" with { type: "bytes" };
import boldFont from "./assets/DejaVuSans-Bold.ttf" with { type: "bytes" };

/** The parts of jspdf's TTFFont used here. */
interface TtfFont {
  toUnicode: Record<number, number>;
  subset: TtfSubset;
  characterToGlyph(code: number): number;
}

/** jspdf's font subset encoder. */
interface TtfSubset {
  encode(glyphIds: number[], indexToLocFormat: number): number[];
}

/** The jspdf plug-in API entries patched here. */
interface JspdfInternals {
  TTFFont: { open(file: Uint8Array): TtfFont };
  processDataByFilters(data: string, filters: unknown): { data: string; reverseChain: string };
}

const FONT_FILES: Record<string, Uint8Array> = { regular: regularFont, bold: boldFont };
const MARKER_PREFIX = "openchargeback-shared-font:";

/** Characters always embedded: printable ASCII and the symbols the layout prints. */
const BASE_CHARS = (() => {
  let s = "";
  for (let c = 0x20; c < 0x7f; c++) s += String.fromCharCode(c);
  return s + "·—→…€£¥";
})();

/** Deflated streams kept (the shared font programs; anything big is looked up). */
const STREAM_CACHE_MAX = 8;
const STREAM_CACHE_MIN_LENGTH = 16_384;

const parsed = new Map<string, TtfFont>();
const subsets = new Map<string, number[]>();
const streams = new Map<string, Map<string, { data: string; reverseChain: string }>>();
let installed = false;

/** The VFS content (base64, as jspdf expects) that stands for a shared font. */
export function sharedFontMarker(name: "regular" | "bold"): string {
  return btoa(MARKER_PREFIX + name);
}

function markedName(file: Uint8Array): string | null {
  if (file.length > 64) return null;
  const text = String.fromCharCode(...file);
  if (!text.startsWith(MARKER_PREFIX)) return null;
  const name = text.slice(MARKER_PREFIX.length);
  return Object.hasOwn(FONT_FILES, name) ? name : null;
}

/** A document's own view of a shared parsed font. */
function fontView(name: string, font: TtfFont): TtfFont {
  // a shallow copy: jspdf checks own properties (metadata.hasOwnProperty("cmap"))
  const view = Object.assign(Object.create(Object.getPrototypeOf(font)), font) as TtfFont;
  view.toUnicode = {};
  const baseIds = [...BASE_CHARS].map((ch) => font.characterToGlyph(ch.charCodeAt(0)));
  const subset = Object.create(font.subset) as TtfSubset;
  subset.encode = (glyphIds, indexToLocFormat) => {
    const ids = [...new Set([0, ...baseIds, ...glyphIds])].sort((a, b) => a - b);
    const key = `${name}:${indexToLocFormat}:${ids.join(",")}`;
    let bytes = subsets.get(key);
    if (!bytes) {
      bytes = font.subset.encode(ids, indexToLocFormat);
      if (subsets.size >= STREAM_CACHE_MAX) subsets.delete(subsets.keys().next().value!);
      subsets.set(key, bytes);
    }
    return bytes;
  };
  view.subset = subset;
  return view;
}

/** Patch jspdf once per process (idempotent). */
export function installSharedFonts(): void {
  if (installed) return;
  installed = true;
  const api = jsPDF.API as unknown as JspdfInternals;
  const open = api.TTFFont.open.bind(api.TTFFont);
  api.TTFFont.open = (file: Uint8Array) => {
    const name = markedName(file);
    if (name === null) return open(file);
    let font = parsed.get(name);
    if (!font) {
      font = open(FONT_FILES[name]);
      parsed.set(name, font);
    }
    return fontView(name, font);
  };
  const filter = api.processDataByFilters.bind(api);
  api.processDataByFilters = (data: string, filters: unknown) => {
    if (typeof data !== "string" || data.length < STREAM_CACHE_MIN_LENGTH) {
      return filter(data, filters);
    }
    const chain = JSON.stringify(filters ?? []);
    let byData = streams.get(chain);
    if (!byData) streams.set(chain, byData = new Map());
    let out = byData.get(data);
    if (!out) {
      out = filter(data, filters);
      if (byData.size >= STREAM_CACHE_MAX) byData.delete(byData.keys().next().value!);
      byData.set(data, out);
    }
    return out;
  };
}
