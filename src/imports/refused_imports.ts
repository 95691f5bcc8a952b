/** Deliveries that were refused (recorded by the ingest as `import.refused` in the audit log). */

import type { AppContext } from "../app_context.ts";
import { listAuditEntries } from "../audit/mod.ts";

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

/** The latest refused deliveries, newest first. */
export function listRefusedImports(ctx: AppContext, limit = 10): RefusedImport[] {
  return listAuditEntries(ctx, { action: "import.refused", limit }).map((e) => {
    const d = (e.details ?? {}) as Partial<Omit<RefusedImport, "at" | "actor">>;
    return {
      at: e.at,
      actor: e.actor,
      source: d.source ?? e.entityId ?? "",
      files: Array.isArray(d.files) ? d.files.map(String) : [],
      error: String(d.error ?? ""),
      details: Array.isArray(d.details) ? d.details.map(String) : [],
    };
  });
}
