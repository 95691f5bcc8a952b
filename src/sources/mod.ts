/** Sources capability. */
export { checkSourceName, ensureSource, knownSourceFor } from "./ensure_source.ts";
