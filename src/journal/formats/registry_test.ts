import assert from "node:assert/strict";
import type { Config } from "../../config/mod.ts";
import { UserError } from "../../domain/errors.ts";
import {
  BUILTIN_TEMPLATES,
  JOURNAL_FORMATS,
  journalChoiceOf,
  journalChoices,
  journalChoiceValue,
  journalFormatEntry,
  journalFormatsHelp,
} from "./mod.ts";

const config = { journal: { template: "my_gl.liquid" } } as unknown as Config;

Deno.test("journal formats: the registry lists the coded formats, then the built-in templates", () => {
  assert.deepEqual(JOURNAL_FORMATS, ["detail", "summary", "gl", "template"]);
  assert.equal(journalFormatsHelp(), "detail (default), summary, gl or template");
  assert.deepEqual(journalChoices(config).map((o) => [o.value, o.label]), [
    ["detail", "Detail (one line per charge)"],
    ["summary", "Summary (per PI, project, fund/org)"],
    ["gl", "GL (balanced debit/credit lines)"],
    ["template", "Template: my_gl.liquid"],
    ["builtin:banner", "Built-in template: banner"],
    ["builtin:workday", "Built-in template: workday"],
    ["builtin:peoplesoft", "Built-in template: peoplesoft"],
  ]);
  assert.deepEqual(Object.keys(BUILTIN_TEMPLATES), ["banner", "workday", "peoplesoft"]);
  assert.equal(journalFormatEntry("gl").grouping, "gl");
  assert.equal(journalFormatEntry("summary").grouping, "charges");
  assert.throws(
    () => journalFormatEntry("xml"),
    (e) => e instanceof UserError && /unknown journal format 'xml'/.test(e.message),
  );
});

Deno.test("journal formats: a choice's value reads back as the same choice", () => {
  for (const o of journalChoices(config)) {
    const back = journalChoiceOf(o.value);
    assert.equal(back.format, o.format);
    assert.equal(back.builtinTemplate, o.builtinTemplate);
    assert.equal(journalChoiceValue(back), o.value);
  }
  assert.deepEqual(journalChoiceOf("nonsense"), { format: "detail" });
});
