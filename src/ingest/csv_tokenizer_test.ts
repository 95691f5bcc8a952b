import { deepEqual, equal, match, throws } from "node:assert/strict";
import { seededRng } from "../../scripts/sample_data/prng.ts";
import Papa from "papaparse";
import { UserError } from "../domain/errors.ts";
import { CsvTokenizer, detectNewline } from "./csv_tokenizer.ts";

/** Tokenize `text` pushed in pieces of the given sizes (cycled). */
function tokenize(text: string, sizes: number[] = [text.length || 1]) {
  const t = new CsvTokenizer("t.csv");
  const rows = [];
  for (let at = 0, k = 0; at < text.length; k++) {
    const n = Math.max(1, sizes[k % sizes.length]);
    rows.push(...t.push(text.slice(at, at + n)));
    at += n;
  }
  rows.push(...t.end());
  return rows;
}

/** papaparse's reading of the whole text (the previous reader), blank lines dropped; null = refused. */
function papaRows(text: string): string[][] | null {
  const newline = detectNewline(text) ?? "\n";
  const res = Papa.parse<string[]>(text, { delimiter: ",", newline });
  if (res.errors.length) return null;
  return res.data.filter((r) => !(r.length === 1 && r[0] === ""));
}

const seeded = (seed: number) => seededRng(seed).next;

Deno.test("tokenizer: quoted fields, doubled quotes, blanks after a closing quote, line numbers", () => {
  const rows = tokenize('a,b\n"x, y","say ""hi"""  \n"multi\nline",2\n\n3,"" \n');
  deepEqual(rows, [
    { line: 1, cells: ["a", "b"] },
    { line: 2, cells: ["x, y", 'say "hi"'] },
    { line: 3, cells: ["multi\nline", "2"] },
    { line: 6, cells: ["3", ""] },
  ]);
});

Deno.test("tokenizer: the first line ending is the separator; others are data outside quotes", () => {
  deepEqual(tokenize("a,b\r\n1,x\ry\r\n2,3").map((r) => r.cells), [["a", "b"], ["1", "x\ry"], [
    "2",
    "3",
  ]]);
  deepEqual(tokenize("a,b\r1,2\r3,4\r").map((r) => r.line), [1, 2, 3]);
  deepEqual(tokenize("a,b\n1,x\ry\n").map((r) => r.cells), [["a", "b"], ["1", "x\ry"]]);
  equal(tokenize("a,b,\n").at(0)?.cells.length, 3);
});

Deno.test("tokenizer: malformed and unterminated quotes are refused with the record's line", () => {
  for (
    const [text, line, what] of [
      ['a,b\n1,"x"y\n', 2, /malformed quotes/],
      ['a,b\n1,2\n"open\n\n', 3, /unterminated quoted field/],
      ['a,b\n1,"x" ', 2, /malformed quotes/],
    ] as const
  ) {
    throws(() => tokenize(text, [3]), (e: unknown) => {
      equal(e instanceof UserError, true);
      match((e as UserError).oneLine(), new RegExp(`^t\\.csv:${line}: ${what.source}`));
      return true;
    });
  }
});

Deno.test("tokenizer: a record longer than many chunks stays linear and whole", () => {
  const big = "x".repeat(300_000);
  const rows = tokenize(`h\n"${big}"\n${big}\n`, [1000]);
  deepEqual(rows.map((r) => [r.line, r.cells[0].length]), [[1, 1], [2, 300_000], [3, 300_000]]);
});

Deno.test("tokenizer: 3000 random texts read like papaparse, whatever the chunking", () => {
  const rnd = seeded(7);
  const alphabet = ["a", "b", ",", ",", '"', '"', "\n", "\r\n", "\r", " ", "é"];
  let accepted = 0;
  for (let i = 0; i < 3000; i++) {
    const len = 1 + Math.floor(rnd() * 40);
    let text = "";
    for (let k = 0; k < len; k++) text += alphabet[Math.floor(rnd() * alphabet.length)];
    const expected = papaRows(text);
    const sizes = [1 + Math.floor(rnd() * 7), 1 + Math.floor(rnd() * 13)];
    let got: string[][] | null;
    try {
      got = tokenize(text, sizes).map((r) => r.cells);
      equal(
        JSON.stringify(tokenize(text).map((r) => r.cells)),
        JSON.stringify(got),
        JSON.stringify(text),
      );
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      got = null;
    }
    if (got !== null) {
      accepted++;
      deepEqual(got, expected, JSON.stringify(text));
    }
  }
  equal(accepted > 1000, true, `${accepted} accepted`);
});

Deno.test("tokenizer: a record past the limit (an unclosed quote) is refused with its file and first line", () => {
  // lowered limit: 50 characters; the quote opened on line 3 is never closed
  const t = new CsvTokenizer("open.csv", { maxRecordChars: 50 });
  const rows = t.push('a,b\n1,2\n3,"never closed\n'); // record 3 pending: 16 characters
  deepEqual(rows.map((r) => r.line), [1, 2]);
  deepEqual(t.push("more text\n".repeat(3)), []); // 46 pending: under the limit
  deepEqual(t.push("1234"), []); // 50: at the limit, still accepted
  throws(() => t.push("5"), (e: unknown) => { // 51
    equal(e instanceof UserError, true);
    equal(
      (e as UserError).oneLine(),
      "open.csv:3: a CSV record longer than 50 characters starts here (most likely a quoted field that is never closed). " +
        "A FOCUS row is a few KB: close the quote that opens on this line (inner quotes doubled), or split the field; the file is not read further.",
    );
    return true;
  });
});

Deno.test("tokenizer: the default limit (16 MB) stops an unclosed quote after 16 MB, not at the file's end", () => {
  const t = new CsvTokenizer("big.csv");
  equal(t.push('a,b\n1,2\n3,"4\n5,6\n').length, 2);
  const chunk = "7,8\n".repeat(8192); // 32 KB, as readDeliveryBlocking reads
  let pushed = 0;
  const err = (() => {
    try {
      for (;;) {
        t.push(chunk);
        pushed += chunk.length;
      }
    } catch (e) {
      return e as UserError;
    }
  })();
  equal(err instanceof UserError, true);
  match(
    err.oneLine(),
    /^big\.csv:3: a CSV record longer than 16 MB \(16,777,216 characters\) starts here/,
  );
  // refused by the read that takes the pending record (9 characters + the reads) past
  // 16 MiB: 9 + 511 x 32,768 = 16,744,457 is accepted, + 32,768 = 16,777,225 is not
  equal(pushed, 511 * chunk.length);
});
