/** Sources capability: registering sources (by hand or on first import) and listing them. */
export {
  type AddedSource,
  addSource,
  checkSourceName,
  ensureSource,
  knownSourceFor,
} from "./source_registration.ts";
export {
  listSources,
  requireSource,
  type SourceSummary,
  sourceSummaryJson,
} from "./source_service.ts";
