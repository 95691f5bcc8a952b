import { deepEqual, equal, match, rejects } from "node:assert/strict";
import { gzipSync } from "node:zlib";
import { readCsvRows } from "./read_csv_rows.ts";
import { fileFromBytes, type IngestFile } from "./ingest_file.ts";
import { UserError } from "../domain/errors.ts";

async function readAll(file: IngestFile) {
  const out: { line: number; cells: string[] }[] = [];
  for await (const batch of readCsvRows(file)) out.push(...batch);
  return out;
}
const enc = (s: string) => new TextEncoder().encode(s);

Deno.test("rows carry the physical line where they start, across quoted newlines", async () => {
  const text = 'a,b\n1,"x\ny"\n2,"q""uote, comma"\n\n3,z\n';
  const rows = await readAll(fileFromBytes("t.csv", enc(text)));
  deepEqual(rows, [
    { line: 1, cells: ["a", "b"] },
    { line: 2, cells: ["1", "x\ny"] },
    { line: 4, cells: ["2", 'q"uote, comma'] },
    { line: 6, cells: ["3", "z"] },
  ]);
});

Deno.test("CRLF, BOM and a missing final newline", async () => {
  const rows = await readAll(fileFromBytes("t.csv", enc('\uFEFFa,b\r\n1,"2"\r\n3,4')));
  deepEqual(rows.map((r) => r.cells), [["a", "b"], ["1", "2"], ["3", "4"]]);
});

Deno.test("gzip input is detected by its magic bytes", async () => {
  const rows = await readAll(fileFromBytes("t.csv.gz", gzipSync(enc("a,b\n1,2\n"))));
  deepEqual(rows.map((r) => r.cells), [["a", "b"], ["1", "2"]]);
});

Deno.test("rows split across many small chunks keep their lines", async () => {
  const lines = ["h1,h2"];
  for (let i = 0; i < 2000; i++) lines.push(`${i},"v${i}\nsecond"`);
  const bytes = enc(lines.join("\n") + "\n");
  const file: IngestFile = {
    name: "chunks.csv",
    open: () =>
      Promise.resolve(
        new ReadableStream({
          start(c) {
            for (let i = 0; i < bytes.length; i += 37) c.enqueue(bytes.subarray(i, i + 37));
            c.close();
          },
        }),
      ),
  };
  const rows = await readAll(file);
  equal(rows.length, 2001);
  deepEqual(rows[2000], { line: 4000, cells: ["1999", "v1999\nsecond"] });
});

Deno.test("an unterminated quote is refused with its line", async () => {
  await rejects(
    readAll(fileFromBytes("bad.csv", enc('a,b\n1,2\n3,"open\n4,5\n'))),
    (e: unknown) => {
      equal(e instanceof UserError, true);
      match((e as UserError).oneLine(), /bad\.csv:3: unterminated quoted field/);
      return true;
    },
  );
});

Deno.test("UTF-16, Latin-1 and NUL bytes are refused with a line", async () => {
  await rejects(readAll(fileFromBytes("u16.csv", new Uint8Array([0xff, 0xfe, 0x61, 0]))), /UTF-16/);
  await rejects(
    readAll(fileFromBytes("latin1.csv", new Uint8Array([...enc("a,b\n1,"), 0xe9, 0x0a]))),
    (e: unknown) => /latin1\.csv:2: the file is not valid UTF-8/.test((e as UserError).oneLine()),
  );
  await rejects(
    readAll(fileFromBytes("nul.csv", enc("a,b\n1,2\n3,\0\n"))),
    (e: unknown) => /nul\.csv:3: the file contains NUL bytes/.test((e as UserError).oneLine()),
  );
});

Deno.test("an empty file yields no rows", async () => {
  equal((await readAll(fileFromBytes("e.csv", new Uint8Array()))).length, 0);
});
