/** Deliveries that were refused (recorded by the ingest in refused_imports). */

import type { AppContext } from "../app_context.ts";
import { listRefusedImportRows } from "../storage/mod.ts";

/** One refused delivery: who tried which files of which source, and why it was refused. */
export interface RefusedImport {
  at: string;
  actor: string;
  source: string;
  files: string[];
  error: string;
  /** The first row errors (file:line: column ...), up to 20. */
  details: string[];
}

function stringList(json: string): string[] {
  try {
    const v = JSON.parse(json);
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
}

/** The latest refused deliveries, newest first. */
export function listRefusedImports(ctx: AppContext, limit = 10): RefusedImport[] {
  return listRefusedImportRows(ctx.db, limit).map((r) => ({
    at: r.at,
    actor: r.actor,
    source: r.source,
    files: stringList(r.files),
    error: r.error,
    details: stringList(r.details),
  }));
}
