/**
 * Registering sources: by hand (`sources add`, the web) or on first import.
 * Names are compared without case (`AWS` and `aws` are the same source); the
 * display name comes from `imports.known_sources` when the name is listed.
 * Every registration is audited as `source.add`.
 */

import { audit } from "../audit/mod.ts";
import type { AppContext } from "../app_context.ts";
import type { Config } from "../config/mod.ts";
import { didYouMean } from "../domain/edit_distance.ts";
import { RuleError, UserError } from "../domain/errors.ts";
import {
  findSource,
  insertSource,
  listSourceNames as registeredSourceNames,
  sourceKey,
  type SourceRow,
} from "../storage/mod.ts";

/** A source as added. */
export interface AddedSource {
  id: number;
  name: string;
  displayName: string;
  createdAt: string;
}

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
  return registerSource(ctx, clean, knownDisplayName(ctx, clean) || clean, {}).row;
}

/**
 * Register a source. Refused when a source of that name exists in any case.
 * The display name defaults to the `imports.known_sources` entry, else the
 * name as typed.
 */
export function addSource(ctx: AppContext, name: string, displayName?: string): AddedSource {
  const clean = checkSourceName(name);
  const display = displayName?.trim() || knownDisplayName(ctx, clean) || clean;
  return ctx.db.transaction(() => {
    const existing = findSource(ctx.db, clean);
    if (existing) {
      throw new UserError(
        `source '${clean}' already exists as '${existing.name}' (${existing.display_name}).`,
        { hint: "Source names are compared without case; use the existing source." },
      );
    }
    const { row, at } = registerSource(ctx, clean, display, { by: "sources add" });
    return { id: row.id, name: row.name, displayName: display, createdAt: at };
  });
}

function knownDisplayName(ctx: AppContext, name: string): string | undefined {
  const known = knownSourceFor(ctx.config, name);
  return known?.display_name || known?.name || undefined;
}

/** Insert the source and its `source.add` audit entry (in the caller's transaction). */
function registerSource(
  ctx: AppContext,
  name: string,
  display: string,
  details: Record<string, unknown>,
): { row: SourceRow; at: string } {
  const at = ctx.now().toISOString();
  const row = insertSource(ctx.db, name, display, at);
  audit(ctx, "source.add", { name: row.name, displayName: display, ...details }, {
    entity: "source",
    entityId: row.id,
    at,
  });
  return { row, at };
}

/** A source name that is neither registered nor in `imports.known_sources`, and the likely typo. */
export interface NewSourceName {
  name: string;
  /** The registered or known source it is probably a typo of, or null. */
  suggestion: string | null;
}

/** Undefined when `name` is registered or known; else what is new about it. */
export function newSourceName(ctx: AppContext, name: string): NewSourceName | undefined {
  const clean = checkSourceName(name);
  if (findSource(ctx.db, clean) || knownSourceFor(ctx.config, clean)) return undefined;
  // the sources that hold charges first, then the config's known sources
  const key = sourceKey(clean);
  const suggestion = didYouMean(key, registeredSourceNames(ctx.db)) ??
    didYouMean(key, ctx.config.imports.known_sources.map((s) => sourceKey(s.name)));
  return { name: key, suggestion };
}

/**
 * Refuse importing into a source that is neither registered nor in
 * `imports.known_sources` unless the caller says it is new (`ingest
 * --new-source`, the web's "Create the new source" box): a mistyped source
 * would otherwise bill the month twice.
 */
export function assertSourceKnown(ctx: AppContext, name: string, allowNew: boolean): void {
  if (allowNew) return;
  const n = newSourceName(ctx, name);
  if (!n) return;
  const mean = n.suggestion ? ` Did you mean ${n.suggestion}?` : "";
  throw new RuleError(
    `source '${n.name}' is neither registered nor in imports.known_sources; nothing was imported.${mean}`,
    {
      hint:
        `If it is a new source, pass --new-source (or run openchargeback sources add ${n.name} first).`,
      webHint: `If it is a new source, tick "Create the new source ${n.name}" and press Import.`,
    },
  );
}
