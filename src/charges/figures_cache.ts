/**
 * A small cache of page aggregates. Most figures now come from the charge
 * rollups and are cheap even cold (a few ms at a million charges); the cache
 * still pays for the ones that read charges: totals of a search or flag-reason
 * filter and the review queue's counts per reason (JSON flags). An entry is
 * used only while chargeDataVersion() is unchanged (no import and no review
 * decision since), so a cached figure is never stale; the oldest entries are
 * dropped first.
 */

import type { AppContext } from "../app_context.ts";
import { chargeDataVersion } from "../storage/mod.ts";

const MAX_ENTRIES = 256;
const CACHE = new Map<string, unknown>();

/** `compute()`, or its cached result for `key` at the database's current data version. */
export function cachedFigures<T>(ctx: AppContext, key: string, compute: () => T): T {
  const db = ctx.db;
  const full = `${db.path}\u0000${chargeDataVersion(db)}\u0000${key}`;
  if (CACHE.has(full)) {
    const v = CACHE.get(full) as T;
    CACHE.delete(full); // most recently used last
    CACHE.set(full, v);
    return v;
  }
  const v = compute();
  CACHE.set(full, v);
  while (CACHE.size > MAX_ENTRIES) CACHE.delete(CACHE.keys().next().value!);
  return v;
}
