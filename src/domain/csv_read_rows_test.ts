import { deepEqual } from "node:assert/strict";
import { csvRow } from "./csv_write.ts";
import { readCsvRows } from "./csv_read_rows.ts";

Deno.test("readCsvRows: quotes, doubled quotes, line breaks in quotes, delimiter, limit", () => {
  const text = [
    csvRow(["a", 'say "hi"', "x,y"]),
    csvRow(["line\nbreak", "", "3"]),
    "p;q",
    "last",
  ].join("\r\n");
  deepEqual(readCsvRows(text, ",", 10), [
    ["a", 'say "hi"', "x,y"],
    ["line\nbreak", "", "3"],
    ["p;q"],
    ["last"],
  ]);
  deepEqual(readCsvRows("p;q\n1;2\n3;4\n", ";", 2), [["p", "q"], ["1", "2"]]);
  deepEqual(readCsvRows("", ",", 5), []);
});
