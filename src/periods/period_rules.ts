/** The period lock rule, shared by every service that changes charges. */

import { RuleError } from "../domain/errors.ts";
import { type Database, findPeriod } from "../storage/mod.ts";

/**
 * Refuse a change that touches `periods` when any of them is closed or
 * finalized. Periods that do not exist yet are open (they are created on import).
 */
export function assertPeriodsOpen(db: Database, periods: Iterable<string>, action: string): void {
  const locked: string[] = [];
  for (const p of periods) {
    const row = findPeriod(db, p);
    if (row && row.status !== "open") locked.push(`${p} (${row.status})`);
  }
  if (locked.length > 0) {
    throw new RuleError(`${action} refused: period ${locked.join(", ")} is not open.`, {
      hint: locked.some((l) => l.includes("finalized"))
        ? "A finalized period cannot change."
        : "Reopen it first: openchargeback periods reopen <period> --reason '...'.",
    });
  }
}
