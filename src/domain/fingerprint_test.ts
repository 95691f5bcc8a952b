import { equal, notEqual } from "node:assert/strict";
import { canonicalRowText, fingerprintPlan, isNullCell, rowFingerprint } from "./fingerprint.ts";

Deno.test("fingerprint: independent of column order and header case", () => {
  const a = fingerprintPlan(["BilledCost", "ResourceId", "Tags"]);
  const b = fingerprintPlan([" tags", "RESOURCEID", "billedcost "]);
  equal(
    rowFingerprint(a, ["1.50", "i-1", '{"a":1}']),
    rowFingerprint(b, ['{"a":1}', "i-1", "1.50"]),
  );
  equal(rowFingerprint(a, ["1.50", "i-1", "x"]).length, 43);
});

Deno.test("fingerprint: stored values never change (SHA-256 of the canonical text, base64url)", () => {
  // pinned: charges stored by earlier versions must keep matching their redelivered rows
  const p = fingerprintPlan(["BilledCost", "ResourceId", "Tags"]);
  equal(
    rowFingerprint(p, ["1.50", "i-1", '{"a":1}']),
    "BsCGYpemZJ03xkZAQ7gqx3LkcpsrrMlKAQ6uuuqNJqs",
  );
});

Deno.test("fingerprint: nulls are normalised and left out", () => {
  const p = fingerprintPlan(["A", "B"]);
  const base = rowFingerprint(p, ["1", ""]);
  equal(rowFingerprint(p, ["1", "NULL"]), base);
  equal(rowFingerprint(p, ["1", "null"]), base);
  // a column added empty changes nothing
  equal(rowFingerprint(fingerprintPlan(["A", "B", "x_new"]), ["1", "null", ""]), base);
  equal(canonicalRowText(p, ["1", ""]), "a\u00001\u0000");
});

Deno.test("fingerprint: content differences and cell boundaries matter", () => {
  const p = fingerprintPlan(["A", "B"]);
  notEqual(rowFingerprint(p, ["1", "2"]), rowFingerprint(p, ["1", "3"]));
  notEqual(rowFingerprint(p, ["12", ""]), rowFingerprint(p, ["1", "2"]));
  notEqual(rowFingerprint(p, ["1.5", ""]), rowFingerprint(p, ["1.50", ""])); // raw text, not value
  notEqual(rowFingerprint(p, ["", "1"]), rowFingerprint(p, ["1", ""]));
});

Deno.test("isNullCell", () => {
  for (const c of ["", "NULL", "null", " ", " NULL ", "          "]) equal(isNullCell(c), true, c);
  for (const c of ["0", "Null", "none", "nullx"]) equal(isNullCell(c), false, c);
});
