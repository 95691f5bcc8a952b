import { deepEqual, equal } from "node:assert/strict";
import { attributionFromTags, parseTagsCell } from "./tags.ts";
import { defaultConfig } from "../config/mod.ts";

Deno.test("tags: JSON objects are kept whole; keys trimmed; null and {} allowed", () => {
  const raw = '{"pi_email": "A@X.edu", "n": 1}';
  deepEqual(parseTagsCell(raw), { text: raw, valid: true, object: { pi_email: "A@X.edu", n: 1 } });
  deepEqual(parseTagsCell(null), { text: null, valid: true, object: null });
  deepEqual(parseTagsCell("{}"), { text: "{}", valid: true, object: {} });
  const t = parseTagsCell('{" pi_email ": "a@x.edu"}');
  equal(t.text, '{"pi_email":"a@x.edu"}');
  deepEqual(t.object, { pi_email: "a@x.edu" });
});

Deno.test("tags: anything else is kept as text and marked invalid", () => {
  for (const raw of ["not json", "[1,2]", '"text"', "42", "{broken"]) {
    deepEqual(parseTagsCell(raw), { text: raw, valid: false, object: null }, raw);
  }
});

Deno.test("tags: attribution via tag_mapping; PI email lower-cased; blanks are null", () => {
  const mapping = { ...defaultConfig().tag_mapping, reference_1: "grant_number" };
  const who = attributionFromTags({
    pi_email: " Zorp@Example.EDU ",
    project_id: "genomics",
    fund_org: "",
    grant_number: 12345,
    pi_name: "Zorp",
  }, mapping);
  deepEqual(who, {
    piEmail: "zorp@example.edu",
    piName: "Zorp",
    projectId: "genomics",
    fundOrg: null,
    costCenter: null,
    reference1: "12345",
    reference2: null,
    accountCode: null,
  });
  equal(attributionFromTags(null, mapping).piEmail, null);
});
