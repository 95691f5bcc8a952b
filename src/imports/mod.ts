/**
 * Imports capability (read side): the history of recorded deliveries. The
 * ingest itself is src/ingest/; this read side may move there.
 */
export {
  getImport,
  type ImportRecord,
  listImportHistory,
  type RecordedFile,
} from "./import_history.ts";
export { listRefusedImports, type RefusedImport } from "./refused_imports.ts";
export { importRecordJson } from "./imports_json.ts";
