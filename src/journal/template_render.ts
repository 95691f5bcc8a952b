/**
 * `-f template`: the GL lines rendered through a Liquid template (liquidjs),
 * sandboxed: no file system (includes resolve in an empty in-memory map),
 * own properties only, strict filters and variables. The built-in templates
 * are listed in formats/builtin_templates.ts. Variables and filters
 * are documented in docs/journal-templates.md.
 */

import { Liquid } from "liquidjs";
import { dirname, isAbsolute, resolve } from "node:path";
import { UserError } from "../domain/errors.ts";
import { csvCell, type CsvOptions } from "../domain/csv_write.ts";
import { parseMicros } from "../domain/money.ts";
import { minorDecimal } from "../domain/money_format.ts";
import type { JournalEntries } from "./journal_entries.ts";
import { journalReferenceId, periodBounds, truncateText } from "./journal_text.ts";
import { BUILTIN_TEMPLATES } from "./formats/builtin_templates.ts";

export { BUILTIN_TEMPLATES };

/** Names 0.4 configs use for the built-in Banner layout. */
const BANNER_ALIASES = new Set(["journal_gl.csv", "journal_gl.jinja.csv", "journal_gl"]);

/** A template to render: its name (as recorded), text, and file when read from disk. */
export interface JournalTemplate {
  name: string;
  text: string;
  file: string | null;
}

/**
 * The template to use: `--template FILE` (relative to the current folder),
 * else `journal.template`: a built-in name (banner, workday, peoplesoft; the
 * 0.4 name journal_gl.csv means banner) or a file relative to the config file.
 */
export function resolveJournalTemplate(
  configured: string,
  configPath: string | null,
  cliFile?: string,
): JournalTemplate {
  if (cliFile) return readTemplateFile(resolve(cliFile), cliFile, "--template");
  const name = configured.trim() || "banner";
  const builtin = BANNER_ALIASES.has(name) ? "banner" : name.replace(/\.liquid$/, "");
  if (Object.hasOwn(BUILTIN_TEMPLATES, builtin) && !name.includes("/")) {
    return { name: builtin, text: BUILTIN_TEMPLATES[builtin], file: null };
  }
  const base = configPath ? dirname(resolve(configPath)) : Deno.cwd();
  const path = isAbsolute(name) ? name : resolve(base, name);
  return readTemplateFile(path, name, "journal.template");
}

function readTemplateFile(path: string, shown: string, key: string): JournalTemplate {
  try {
    return { name: shown, text: Deno.readTextFileSync(path), file: shown };
  } catch (e) {
    throw new UserError(`cannot read journal template ${shown}: ${(e as Error).message}.`, {
      location: { key },
      hint: `Give a template file, or one of the built-in templates: ${
        Object.keys(BUILTIN_TEMPLATES).join(", ")
      }.`,
    });
  }
}

/** A Liquid engine with the journal filters; `csv` quotes with the journal's CSV options. */
function journalEngine(csv: CsvOptions, descriptionMax: number, currency: string): Liquid {
  const engine = new Liquid({
    templates: {},
    relativeReference: false,
    ownPropertyOnly: true,
    strictFilters: true,
    strictVariables: true,
    lenientIf: true,
    cache: false,
  });
  engine.registerFilter(
    "csv",
    (v: unknown) => csvCell(v === null || v === undefined ? "" : String(v), csv),
  );
  // an amount in the journal currency's minor unit ("12.30", JPY "1235"); `| money: "JPY"` names another
  engine.registerFilter("money", (v: unknown, code?: unknown) => {
    const cur = typeof code === "string" && code ? code : currency;
    if (typeof v === "number" && Number.isSafeInteger(v)) return minorDecimal(v, cur);
    const micros = parseMicros(String(v ?? ""));
    if (micros === null) throw new Error(`money: '${v}' is not a decimal amount`);
    return minorDecimal(micros, cur);
  });
  engine.registerFilter(
    "truncate_desc",
    (v: unknown, max?: number) => truncateText(String(v ?? ""), Number(max ?? descriptionMax)),
  );
  return engine;
}

/** The variables a template sees (snake_case, plain data). */
export function templateContext(
  journal: JournalEntries,
  period: string,
  csv: CsvOptions,
  includePending: boolean,
): Record<string, unknown> {
  const money = (m: number) => minorDecimal(m, journal.currency);
  const entries = journal.entries.map((e) => ({
    ...e.groups,
    line: e.line,
    type: e.type,
    is_debit: e.type === "debit",
    is_credit: e.type === "credit",
    fund_org: e.fundOrg,
    fund: e.fund,
    orgn: e.orgn,
    program: e.program,
    activity: e.activity,
    location: e.location,
    groups: e.groups,
    account: e.account,
    amount: money(e.amount),
    debit: e.type === "debit" ? money(e.amount) : "",
    credit: e.type === "credit" ? money(e.amount) : "",
    signed_amount: money(e.type === "debit" ? e.amount : -e.amount),
    currency: e.currency,
    description: e.description,
    reference_id: e.referenceId,
    source: e.source,
    source_name: e.source,
    source_key: e.sourceKey,
    pi_email: e.piEmail,
    project_id: e.projectId,
    charges: e.charges,
    pending_charges: e.pendingCharges,
  }));
  const bounds = periodBounds(period);
  return {
    entries,
    period,
    period_start: bounds.start,
    period_end: bounds.end,
    reference_id: journalReferenceId(period),
    currency: journal.currency,
    include_pending: includePending,
    sep: csv.delimiter ?? ",",
    totals: {
      debit: money(journal.debitTotal),
      credit: money(journal.creditTotal),
      entries: journal.entries.length,
      charges: journal.entries.filter((e) => e.type === "debit").reduce((n, e) => n + e.charges, 0),
    },
  };
}

/**
 * Render a template. A syntax or render error is a UserError naming the
 * template and line. The output's line endings follow `csv.lineEnding`.
 */
export async function renderJournalTemplate(
  template: JournalTemplate,
  context: Record<string, unknown>,
  csv: CsvOptions,
  descriptionMax: number,
): Promise<string> {
  const currency = typeof context.currency === "string" ? context.currency : "USD";
  const engine = journalEngine(csv, descriptionMax, currency);
  let out: string;
  try {
    out = await engine.parseAndRender(template.text, context);
  } catch (e) {
    const err = e as Error & { token?: { getPosition?: () => number[] }; originalError?: Error };
    const line = err.token?.getPosition?.()[0];
    const message = (err.originalError?.message ?? err.message).replace(/, line:\d+, col:\d+$/, "");
    throw new UserError(`journal template error: ${message}.`, {
      location: { file: template.file ?? `built-in template '${template.name}'`, line },
      hint: "Fix the template (variables and filters: docs/journal-templates.md).",
    });
  }
  const normalised = out.replace(/\r?\n/g, "\n");
  return csv.lineEnding === "crlf" ? normalised.replace(/\n/g, "\r\n") : normalised;
}
