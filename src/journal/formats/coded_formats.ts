/**
 * The coded journal formats: `detail` and `summary` (from the charges), `gl`
 * (the balanced lines as a table) and `template` (the balanced lines through
 * a Liquid template: a built-in one or a file).
 */

import { toCsv } from "../../domain/csv_write.ts";
import type { CsvOptions } from "../../domain/csv_write.ts";
import { descriptionsNamePeople } from "../gl_journal.ts";
import {
  renderJournalTemplate,
  resolveJournalTemplate,
  templateContext,
} from "../template_render.ts";
import type { ChargeFormatEntry, GlFormatEntry } from "./format_entry.ts";
import { detailTable, glTable, type JournalTable, summaryTable } from "./tables.ts";

function tableToCsv(table: JournalTable, csv: CsvOptions) {
  return { content: toCsv([table.header, ...table.rows], csv), rows: table.rows.length };
}

/** One row per charge. */
export const detailFormat: ChargeFormatEntry<"detail"> = {
  id: "detail",
  label: "Detail (one line per charge)",
  grouping: "charges",
  render: (charges, env) => ({
    ...tableToCsv(detailTable(charges, env.includePending), env.csv),
    template: null,
  }),
};

/** One row per PI, project, fund/org and currency. */
export const summaryFormat: ChargeFormatEntry<"summary"> = {
  id: "summary",
  label: "Summary (per PI, project, fund/org)",
  grouping: "charges",
  render: (charges, env) => ({
    ...tableToCsv(summaryTable(charges, env.includePending), env.csv),
    template: null,
  }),
};

/** The balanced debit/credit lines; PIs and projects only through the descriptions. */
export const glFormat: GlFormatEntry<"gl"> = {
  id: "gl",
  label: "GL (balanced debit/credit lines)",
  grouping: "gl",
  namesPeople: descriptionsNamePeople,
  render: (journal, env) =>
    Promise.resolve({
      ...tableToCsv(glTable(journal, env.includePending), env.csv),
      template: null,
    }),
};

/** The balanced lines through a Liquid template (a template sees every variable). */
export const templateFormat: GlFormatEntry<"template"> = {
  id: "template",
  label: "Template",
  grouping: "gl",
  namesPeople: () => true,
  render: async (journal, env) => {
    const { ctx, period, csv } = env;
    const tpl = env.builtin ?? resolveJournalTemplate(
      ctx.config.journal.template,
      ctx.configPath,
      env.templatePath,
    );
    const content = await renderJournalTemplate(
      tpl,
      templateContext(journal, period, csv, env.includePending),
      csv,
      ctx.config.journal.description_max,
    );
    return { content, rows: journal.entries.length, template: tpl.name };
  },
};
