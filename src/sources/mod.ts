/** Sources capability: registering sources (by hand or on first import) and listing them. */
export {
  type AddedSource,
  addSource,
  assertSourceKnown,
  checkSourceName,
  ensureSource,
  knownSourceFor,
  type NewSourceName,
  newSourceName,
} from "./source_registration.ts";
export {
  listSources,
  requireSource,
  type SourceSummary,
  sourceSummaryJson,
} from "./source_service.ts";
