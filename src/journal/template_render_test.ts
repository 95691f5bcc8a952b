import { equal, match, rejects } from "node:assert/strict";
import { join } from "node:path";
import { UserError } from "../domain/errors.ts";
import type { JournalEntries } from "./journal_entries.ts";
import {
  renderJournalTemplate,
  resolveJournalTemplate,
  templateContext,
} from "./template_render.ts";

const journal: JournalEntries = {
  groupNames: [],
  currency: "USD",
  debitTotal: 12_500_000,
  creditTotal: 12_500_000,
  entries: [
    {
      line: 1,
      type: "debit",
      fundOrg: "A-1",
      fund: "1",
      orgn: "A",
      program: "",
      activity: "",
      location: "",
      groups: {},
      matched: true,
      account: "4500",
      amount: 12_500_000,
      currency: "USD",
      description: '=cmd, "x"\nnext',
      referenceId: "OC202501",
      source: "AWS",
      sourceKey: "aws",
      piEmail: "a@x.edu",
      projectId: "p",
      charges: 2,
      pendingCharges: 0,
    },
  ],
};

Deno.test("template: filters csv/money/truncate_desc, sep and CRLF line endings", async () => {
  const csv = { delimiter: ";", lineEnding: "crlf" as const };
  const out = await renderJournalTemplate(
    {
      name: "t",
      file: "t.liquid",
      text: "H{{ sep }}X\n{% for e in entries %}{{ e.description | csv }}{{ sep }}" +
        "{{ e.amount | money }}{{ sep }}{{ 1500000 | money }}{{ sep }}{{ e.signed_amount }}" +
        "{{ sep }}{{ e.source | truncate_desc: 2 }}{{ sep }}{{ totals.debit }}\n{% endfor %}",
    },
    templateContext(journal, "2025-01", csv, false),
    csv,
    35,
  );
  equal(out, 'H;X\r\n"\'=cmd, ""x""\r\nnext";12.50;1.50;12.50;AW;12.50\r\n');
});

Deno.test("template: errors are UserErrors naming file and line", async () => {
  const err = await rejects(
    renderJournalTemplate(
      { name: "t", file: "my.liquid", text: "a\nb\n{{ entries | money }}\n" },
      templateContext(journal, "2025-01", {}, false),
      {},
      35,
    ),
    (e: unknown) => {
      if (!(e instanceof UserError)) return false;
      equal(e.location.file, "my.liquid");
      equal(e.location.line, 3);
      match(e.message, /money: .* is not a decimal amount/);
      return true;
    },
  );
  equal(err, undefined);
});

Deno.test("template: built-in names, the 0.4 journal_gl.csv alias and files beside the config", async () => {
  equal(resolveJournalTemplate("journal_gl.csv", null).name, "banner");
  equal(resolveJournalTemplate("workday", null).file, null);
  equal(resolveJournalTemplate("peoplesoft.liquid", null).name, "peoplesoft");
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(join(dir, "mine.liquid"), "X\n");
    const t = resolveJournalTemplate("mine.liquid", join(dir, "config.yaml"));
    equal(t.text, "X\n");
    equal(t.file, "mine.liquid");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
