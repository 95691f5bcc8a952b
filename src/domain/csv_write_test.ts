import { equal, throws } from "node:assert/strict";
import Papa from "papaparse";
import { csvCell, csvRow, isUsableDelimiter, neutraliseFormula, toCsv } from "./csv_write.ts";

Deno.test("csv_write: bare values stay bare, special ones are quoted (RFC 4180)", () => {
  equal(csvCell("plain"), "plain");
  equal(csvCell("a,b"), '"a,b"');
  equal(csvCell('say "hi"'), '"say ""hi"""');
  equal(csvCell("line1\nline2"), '"line1\nline2"');
  equal(csvCell("cr\rhere"), '"cr\rhere"');
  equal(csvCell(" padded "), '" padded "');
  equal(csvCell(null), "");
  equal(csvCell(undefined), "");
  equal(csvCell(""), "");
  equal(csvCell(42), "42");
});

Deno.test("csv_write: formula cells are neutralised, numbers never", () => {
  equal(csvCell("=SUM(A1:A9)"), "'=SUM(A1:A9)");
  equal(csvCell("+cmd|' /C calc'!A0"), "'+cmd|' /C calc'!A0");
  equal(csvCell("@import"), "'@import");
  equal(csvCell("-2+3"), "'-2+3");
  equal(csvCell("\tx"), "'\tx");
  equal(csvCell("\rx"), '"\'\rx"');
  // negative money and plain decimals are numbers, left alone
  equal(csvCell("-12.50"), "-12.50");
  equal(csvCell("-7"), "-7");
  equal(csvCell(-3), "-3");
  equal(neutraliseFormula("0.00"), "0.00");
  equal(csvCell("=x", { neutraliseFormulas: false }), "=x");
});

Deno.test("csv_write: delimiter and line ending are configurable", () => {
  equal(csvRow(["a", "b;c", "d,e"], { delimiter: ";" }), 'a;"b;c";d,e');
  equal(csvRow(["a", "b\tc"], { delimiter: "\t" }), 'a\t"b\tc"');
  equal(toCsv([["h1", "h2"], ["1", "2"]]), "h1,h2\n1,2\n");
  equal(toCsv([["h1", "h2"], ["1", "2"]], { lineEnding: "crlf" }), "h1,h2\r\n1,2\r\n");
  equal(isUsableDelimiter(";"), true);
  equal(isUsableDelimiter('"'), false);
  equal(isUsableDelimiter(",,"), false);
  throws(() => csvRow(["a"], { delimiter: "\n" }));
});

Deno.test("csv_write: output parses back to the same values with a real CSV reader", () => {
  const rows = [
    ["Description", "Amount"],
    ['AWS "special", 2025-01\nsecond line', "-12.50"],
    ["plain", "3.00"],
  ];
  const text = toCsv(rows, { lineEnding: "crlf" });
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
  equal(parsed.errors.length, 0);
  equal(JSON.stringify(parsed.data), JSON.stringify(rows));
});
