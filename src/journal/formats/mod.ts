/**
 * The journal format registry: every coded format and every built-in Liquid
 * template, listed the same way. The export, `export-journal -f`, the web
 * page's select and `journal list` read it; a new format is one entry here.
 */

import type { Config } from "../../config/mod.ts";
import { UserError } from "../../domain/errors.ts";
import { BUILTIN_TEMPLATE_ENTRIES } from "./builtin_templates.ts";
import { detailFormat, glFormat, summaryFormat, templateFormat } from "./coded_formats.ts";
import type { JournalFormatEntry } from "./format_entry.ts";

export { BUILTIN_TEMPLATE_ENTRIES, BUILTIN_TEMPLATES } from "./builtin_templates.ts";
export type {
  ChargeFormatEntry,
  GlFormatEntry,
  JournalFormatEntry,
  JournalRenderEnv,
  RenderedJournal,
} from "./format_entry.ts";

/** The coded formats, in the order they are offered (the first is the default). */
export const JOURNAL_FORMAT_ENTRIES = [
  detailFormat,
  summaryFormat,
  glFormat,
  templateFormat,
] as const;

/** One of the journal formats. */
export type JournalFormat = typeof JOURNAL_FORMAT_ENTRIES[number]["id"];

/** The format ids. */
export const JOURNAL_FORMATS: readonly JournalFormat[] = JOURNAL_FORMAT_ENTRIES.map((f) => f.id);

/** The format of an id; an unknown id is a UserError. */
export function journalFormatEntry(id: string): JournalFormatEntry<JournalFormat> {
  const found = JOURNAL_FORMAT_ENTRIES.find((f) => f.id === id);
  if (!found) {
    throw new UserError(`unknown journal format '${id}'.`, {
      hint: `Use one of ${JOURNAL_FORMATS.join(", ")}.`,
    });
  }
  return found;
}

/** Whether an id names a format. */
export function isJournalFormat(id: string): id is JournalFormat {
  return JOURNAL_FORMAT_ENTRIES.some((f) => f.id === id);
}

/** "detail (default), summary, gl or template": the formats for a help text. */
export function journalFormatsHelp(): string {
  const [first, ...rest] = JOURNAL_FORMATS;
  return `${first} (default), ${rest.slice(0, -1).join(", ")} or ${rest[rest.length - 1]}`;
}

/** A format and, for `template`, a built-in template by name. */
export interface JournalChoice {
  format: JournalFormat;
  builtinTemplate?: string;
}

/** One choice offered (the web page's select): its value and label. */
export interface JournalChoiceOption extends JournalChoice {
  value: string;
  label: string;
}

/** Value of a built-in template choice: the name after this prefix. */
const BUILTIN_PREFIX = "builtin:";

/**
 * Every choice: the coded formats (`template` names journal.template), then
 * the built-in templates (never a path).
 */
export function journalChoices(config: Config): JournalChoiceOption[] {
  return [
    ...JOURNAL_FORMAT_ENTRIES.map((f) => ({
      value: f.id,
      label: f.id === "template" ? `${f.label}: ${config.journal.template}` : f.label,
      format: f.id,
    })),
    // the configured template, when it is a built-in one, is listed once (as "Template: NAME")
    ...BUILTIN_TEMPLATE_ENTRIES.filter((t) => t.name !== config.journal.template).map((t) => ({
      value: BUILTIN_PREFIX + t.name,
      label: t.label,
      format: templateFormat.id,
      builtinTemplate: t.name,
    })),
  ];
}

/**
 * The choice of a value: `builtin:NAME` (the name checked by the export),
 * a format id, or else the default format.
 */
export function journalChoiceOf(value: string): JournalChoice {
  if (value.startsWith(BUILTIN_PREFIX)) {
    return { format: templateFormat.id, builtinTemplate: value.slice(BUILTIN_PREFIX.length) };
  }
  return { format: isJournalFormat(value) ? value : JOURNAL_FORMATS[0] };
}

/** The value a choice came from. */
export function journalChoiceValue(choice: JournalChoice): string {
  return choice.builtinTemplate === undefined
    ? choice.format
    : BUILTIN_PREFIX + choice.builtinTemplate;
}

/** How a recorded export names its format: `gl`, `template:banner`. */
export function exportedFormatTag(format: string, template: string | null): string {
  return format + (template ? `:${template}` : "");
}
