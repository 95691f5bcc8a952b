/** Journal capability: general-ledger exports (detail, summary, gl, Liquid templates). */
export {
  buildJournal,
  type BuiltJournal,
  exportJournal,
  type ExportJournalOptions,
  journalCsvOptions,
  type JournalResult,
} from "./export_journal.ts";
export {
  BUILTIN_TEMPLATE_ENTRIES,
  exportedFormatTag,
  isJournalFormat,
  JOURNAL_FORMAT_ENTRIES,
  JOURNAL_FORMATS,
  type JournalChoice,
  journalChoiceOf,
  type JournalChoiceOption,
  journalChoices,
  journalChoiceValue,
  type JournalFormat,
  type JournalFormatEntry,
  journalFormatEntry,
  journalFormatsHelp,
} from "./formats/mod.ts";
export { type ExportJournalJson, exportJournalJson } from "./journal_json.ts";
export {
  type JournalExportInfo,
  type JournalPreview,
  listJournalExports,
  previewJournal,
} from "./journal_queries.ts";
export {
  buildJournalEntries,
  buildJournalEntriesFromGroups,
  type JournalEntries,
  type JournalEntry,
} from "./journal_entries.ts";
export {
  allocateJournalGroups,
  chargeParts,
  type JournalCharge,
  type JournalChargeGroup,
  loadJournalCharges,
  loadJournalGroups,
  type StatementPart,
  toJournalCharge,
} from "./journal_charges.ts";
export { compileFundOrgSplitter, splitFundOrg } from "./fund_org_split.ts";
export {
  BUILTIN_TEMPLATES,
  type JournalTemplate,
  renderJournalTemplate,
  resolveJournalTemplate,
  templateContext,
} from "./template_render.ts";
export { descriptionsNamePeople, type GlJournal, glJournalEntries } from "./gl_journal.ts";
