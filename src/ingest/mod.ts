/** Ingest capability: FOCUS reading, mapping, validation, fingerprints, deliveries. */
export {
  type CurrencyTotals,
  ingestDelivery,
  type IngestRequest,
  type IngestSummary,
  loadFlagRules,
} from "./ingest_delivery.ts";
export { guessPeriodFromFileName, guessSourceFromFileName } from "./file_name_guess.ts";
export { fileFromBytes, fileFromPath, type IngestFile } from "./ingest_file.ts";
export { type ChargeSource, focusCsvSource } from "./charge_source.ts";
export { filesFromPaths } from "./files_from_paths.ts";
export { STDIN_NAME, stdinFile } from "./stdin_file.ts";
export { readConverterReport, recordConverterReport } from "./converter_report.ts";
export { type HeaderPlan, planHeader, REQUIRED_COLUMNS, TYPED_FIELDS } from "./focus_header.ts";
export { parseChargeRow, type RowReader } from "./parse_charge_row.ts";
export { chargeFinisher, type DeliveryFinishing, finishCharge } from "./finish_charge.ts";
export { readCsvRows } from "./read_csv_rows.ts";
export { formatRowError, MAX_ROW_ERRORS, type RowError, RowErrorList } from "./row_errors.ts";
export { attributionFromTags, parseTagsCell } from "./tags.ts";
export {
  type DeliveryOutcome,
  type FileChoice,
  formChoices,
  guessChoices,
  runImportPlan,
  type UploadedFiles,
} from "./import_plan.ts";
export { type RuleFileTest, testRulesOnFiles } from "./test_rules_on_file.ts";
export { CsvTokenizer } from "./csv_tokenizer.ts";
export {
  planImportRevert,
  revertImport,
  type RevertOutcome,
  revertOutcomeJson,
  type RevertPlan,
} from "./import_revert.ts";
