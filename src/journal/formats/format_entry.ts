/**
 * What a journal format is: an entry of the registry (formats/mod.ts) with
 * its id (`-f`), label (the web page), grouping (what the export loads for
 * it) and renderer (the loaded data to the journal's text).
 */

import type { AppContext } from "../../app_context.ts";
import type { Config } from "../../config/mod.ts";
import type { CsvOptions } from "../../domain/csv_write.ts";
import type { JournalCharge } from "../journal_charges.ts";
import type { JournalEntries } from "../journal_entries.ts";
import type { JournalTemplate } from "../template_render.ts";

/** What every renderer gets besides its data. */
export interface JournalRenderEnv {
  ctx: AppContext;
  period: string;
  csv: CsvOptions;
  includePending: boolean;
  /** A built-in template chosen by name (checked before anything is loaded). */
  builtin: JournalTemplate | null;
  /** `--template FILE` (relative to the current folder). */
  templatePath?: string;
}

/** A rendered journal: its text, its data rows and the template used (if any). */
export interface RenderedJournal {
  content: string;
  rows: number;
  template: string | null;
}

/** A format printing charges: the export loads every billable charge of the period. */
export interface ChargeFormatEntry<Id extends string = string> {
  readonly id: Id;
  readonly label: string;
  readonly grouping: "charges";
  render(charges: readonly JournalCharge[], env: JournalRenderEnv): RenderedJournal;
}

/**
 * A format printing the balanced GL lines: the export sums the charges in
 * SQL per (fund/org, source, account, currency) and refuses an invalid
 * journal before the renderer runs.
 */
export interface GlFormatEntry<Id extends string = string> {
  readonly id: Id;
  readonly label: string;
  readonly grouping: "gl";
  /** Whether the GL lines must carry PIs and projects (else SQLite skips collecting them). */
  namesPeople(config: Config): boolean;
  render(journal: JournalEntries, env: JournalRenderEnv): Promise<RenderedJournal>;
}

/** One journal format. */
export type JournalFormatEntry<Id extends string = string> =
  | ChargeFormatEntry<Id>
  | GlFormatEntry<Id>;
