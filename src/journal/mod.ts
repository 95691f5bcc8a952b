/** Journal capability: general-ledger exports (detail, summary, gl, Liquid templates). */
export {
  buildJournal,
  type BuiltJournal,
  exportJournal,
  type ExportJournalOptions,
  JOURNAL_FORMATS,
  journalCsvOptions,
  type JournalFormat,
  type JournalResult,
} from "./export_journal.ts";
export {
  type JournalExportInfo,
  type JournalPreview,
  listJournalExports,
  previewJournal,
} from "./journal_queries.ts";
export { buildJournalEntries, type JournalEntries, type JournalEntry } from "./journal_entries.ts";
export {
  iterateJournalCharges,
  type JournalCharge,
  loadJournalCharges,
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
