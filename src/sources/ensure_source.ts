/** Source registration: unknown sources are registered on first import. */

import type { AppContext } from "../app_context.ts";
import {
  appendAudit,
  findSource,
  insertSource,
  sourceKey,
  type SourceRow,
} from "../storage/mod.ts";
import type { Config } from "../config/mod.ts";
import { UserError } from "../domain/errors.ts";

/** The `imports.known_sources` entry for a source name (case-insensitive), if any. */
export function knownSourceFor(config: Config, name: string) {
  const key = sourceKey(name);
  return config.imports.known_sources.find((s) => sourceKey(s.name) === key);
}

/** Check a user-given source name. */
export function checkSourceName(name: string): string {
  const t = name.trim();
  // deno-lint-ignore no-control-regex
  if (!t || t.length > 100 || /[\u0000-\u001f]/.test(t)) {
    throw new UserError(`'${name}' is not a usable source name.`, {
      hint: "Use a short name such as aws, azure or hpc.",
    });
  }
  return t;
}

/**
 * The stored source for `name` (any case), registering it when new (display
 * name from `imports.known_sources` when listed there). Call inside the
 * caller's transaction.
 */
export function ensureSource(ctx: AppContext, name: string): SourceRow {
  const clean = checkSourceName(name);
  const existing = findSource(ctx.db, clean);
  if (existing) return existing;
  const known = knownSourceFor(ctx.config, clean);
  const display = known?.display_name || known?.name || clean;
  const at = ctx.now().toISOString();
  const row = insertSource(ctx.db, clean, display, at);
  appendAudit(ctx.db, {
    at,
    actor: ctx.actor,
    action: "source.add",
    entity: "source",
    entityId: row.id,
    details: { name: row.name, displayName: display },
  });
  return row;
}
