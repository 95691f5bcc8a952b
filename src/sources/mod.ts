/** Sources capability. */
export { checkSourceName, ensureSource, knownSourceFor } from "./ensure_source.ts";
export {
  type AddedSource,
  addSource,
  listSources,
  requireSource,
  type SourceSummary,
  sourceSummaryJson,
} from "./source_service.ts";
