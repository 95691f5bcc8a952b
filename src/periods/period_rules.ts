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
    const finalized = locked.some((l) => l.includes("finalized"));
    const first = locked[0].split(" ")[0];
    throw new RuleError(`${action} refused: period ${locked.join(", ")} is not open.`, {
      hint: finalized
        ? "A finalized period cannot change."
        : `Reopen it first: openchargeback periods reopen ${first} --reason '...'.`,
      webHint: finalized
        ? "A finalized period cannot change."
        : `Reopen it first: on the Periods page open ${first}, give a reason and press Reopen ${first}.`,
    });
  }
}

/** A period's status, or undefined when it does not exist (yet): what the web offers depends on it. */
export function periodStatus(
  ctx: { db: Database },
  period: string,
): "open" | "closed" | "finalized" | undefined {
  return findPeriod(ctx.db, period)?.status;
}

/** Why changes to a locked period are refused, as the web says it; undefined when open. */
export function periodLockNotice(status: string | undefined, period: string): string | undefined {
  if (status === "closed") {
    return `Period ${period} is closed: approving, rejecting and importing are refused until ` +
      `it is reopened (Periods page, ${period}, Reopen ${period}).`;
  }
  if (status === "finalized") return `Period ${period} is finalized: its charges never change.`;
  return undefined;
}
