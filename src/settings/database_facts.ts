/** The database as the settings page and the health check see it. */

import type { AppContext } from "../app_context.ts";
import { databaseSizeBytes, pingDatabase, schemaVersion } from "../storage/mod.ts";

/** Facts about the open database. */
export interface DatabaseFacts {
  path: string;
  /** Pages times page size. */
  sizeBytes: number;
  schemaVersion: number;
}

/** The facts of the context's database. */
export function databaseFacts(ctx: AppContext): DatabaseFacts {
  return {
    path: ctx.db.path,
    sizeBytes: databaseSizeBytes(ctx.db),
    schemaVersion: schemaVersion(ctx.db),
  };
}

/** True when the database answers a query (the health check). */
export function databaseAnswers(ctx: AppContext): boolean {
  try {
    pingDatabase(ctx.db);
    return true;
  } catch {
    return false;
  }
}
