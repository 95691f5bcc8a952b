/** Seeded random mutations of a CSV file's bytes: the fuzz test's input generator. */

import type { SeededRandom } from "./seeded_random.ts";

const enc = new TextEncoder();
const dec = new TextDecoder();

/** Characters and cell values that tend to break CSV readers and number parsers. */
const HOSTILE_CHARS = [
  ",",
  '"',
  "\n",
  "\r",
  "\r\n",
  "\0",
  ";",
  "\t",
  "0",
  "9",
  ".",
  "-",
  "e",
  "é",
  "\u202e",
  "\ufeff",
  " ",
];
const HOSTILE_CELLS = [
  "",
  "NaN",
  "Infinity",
  "1e309",
  "-0",
  "1e-300",
  "NULL",
  "=1+1",
  "+1",
  "@x",
  '"unterminated',
  '""',
  "9".repeat(40),
  "0.0000005",
  "-12.345678901",
  "2025-02-30",
  "1899-01-01",
  "2025-04-15T23:59:59Z",
  "2025-05-01",
  '"{""pi_email"":{""x"":1}}"',
  '"[1,[2,[3]]]"',
  "x".repeat(5000),
];

/** The mutation kinds (named in failure messages). */
export const MUTATIONS = [
  "delete-char",
  "insert-char",
  "replace-cell",
  "duplicate-line",
  "delete-line",
  "swap-lines",
  "truncate",
  "flip-byte",
] as const;

/** Apply 1-3 random mutations to `bytes`; returns the new bytes and what was done. */
export function mutate(
  bytes: Uint8Array,
  rnd: SeededRandom,
): { bytes: Uint8Array; done: string[] } {
  let text = dec.decode(bytes);
  let raw: Uint8Array | null = null;
  const done: string[] = [];
  const n = 1 + rnd.int(3);
  for (let k = 0; k < n; k++) {
    const kind = rnd.pick(MUTATIONS);
    const at = rnd.int(Math.max(1, text.length));
    const lines = text.split("\n");
    const li = rnd.int(lines.length);
    switch (kind) {
      case "delete-char":
        text = text.slice(0, at) + text.slice(at + 1);
        break;
      case "insert-char":
        text = text.slice(0, at) + rnd.pick(HOSTILE_CHARS) + text.slice(at);
        break;
      case "replace-cell": {
        const cells = lines[li].split(",");
        cells[rnd.int(cells.length)] = rnd.pick(HOSTILE_CELLS);
        lines[li] = cells.join(",");
        text = lines.join("\n");
        break;
      }
      case "duplicate-line":
        lines.splice(li, 0, lines[li]);
        text = lines.join("\n");
        break;
      case "delete-line":
        lines.splice(li, 1);
        text = lines.join("\n");
        break;
      case "swap-lines": {
        const lj = rnd.int(lines.length);
        [lines[li], lines[lj]] = [lines[lj], lines[li]];
        text = lines.join("\n");
        break;
      }
      case "truncate":
        text = text.slice(0, at);
        break;
      case "flip-byte": {
        raw = enc.encode(text);
        if (raw.length) raw[rnd.int(raw.length)] ^= 1 << rnd.int(8);
        text = dec.decode(raw);
        break;
      }
    }
    done.push(
      `${kind}@${kind.includes("line") || kind === "replace-cell" ? `line ${li + 1}` : at}`,
    );
  }
  // a byte flip last keeps its exact bytes (possibly invalid UTF-8)
  const out = done.at(-1)?.startsWith("flip-byte") && raw ? raw : enc.encode(text);
  return { bytes: out, done };
}

/** Serve `bytes` as a stream of random-sized chunks (chunk boundaries anywhere). */
export function chunkedStream(bytes: Uint8Array, rnd: SeededRandom): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      const size = 1 + rnd.int(rnd.next() < 0.3 ? 7 : 4096);
      controller.enqueue(bytes.slice(at, at + size));
      at += size;
    },
  });
}
