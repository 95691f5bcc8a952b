import { equal, ok } from "node:assert/strict";
import { defaultConfig } from "../config/mod.ts";
import { formatDescription } from "./journal_text.ts";

Deno.test("journal: the default descriptions fit journal.description_max uncut", () => {
  const j = defaultConfig().journal;
  // a source name of 15 characters still fits (before: "AWS 2025-01 Research Computing Char")
  for (const source of ["AWS", "Storage", "Azure Local HPC"]) {
    for (const template of [j.debit_description, j.credit_description]) {
      const values = { source, period: "2025-01", fund_org: "", pi_email: "", project_id: "" };
      const full = formatDescription(template, 1000, values);
      ok(full.length <= j.description_max, `${full} (${full.length})`);
      equal(formatDescription(template, j.description_max, values), full);
    }
  }
});
