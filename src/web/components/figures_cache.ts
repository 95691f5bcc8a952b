/**
 * A small cache of page aggregates (dashboard figures, filtered totals, review
 * counts) that are costly at a million charges. An entry is used only while
 * chargeDataVersion() is unchanged (no import and no review decision since),
 * so a cached figure is never stale; the oldest entries are dropped first.
 */

import { chargeDataVersion, type Database } from "../../storage/mod.ts";

const MAX_ENTRIES = 256;
const CACHE = new Map<string, unknown>();

/** `compute()`, or its cached result for `key` at the database's current data version. */
export function cachedFigures<T>(db: Database, key: string, compute: () => T): T {
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
