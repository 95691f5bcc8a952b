/** Billing periods are calendar months named "YYYY-MM" (UTC). */

import { UserError } from "./errors.ts";

export type PeriodStatus = "open" | "closed" | "finalized";

const PERIOD_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** True when `text` is a valid "YYYY-MM" period name. */
export function isPeriod(text: string): boolean {
  return PERIOD_RE.test(text);
}

/** Validate a user-given period, or throw a UserError naming where it came from. */
export function parsePeriod(text: string, where = "period"): string {
  const t = text.trim();
  if (!isPeriod(t)) {
    throw new UserError(`${where} '${text}' is not a billing period.`, {
      hint: "Write it as YYYY-MM, e.g. 2025-01.",
    });
  }
  return t;
}

/** The period after `period` ("2025-12" -> "2026-01"). */
export function nextPeriod(period: string): string {
  const [y, m] = period.split("-").map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}

/** The period before `period`. */
export function previousPeriod(period: string): string {
  const [y, m] = period.split("-").map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
}

/** The allowed lifecycle moves: open -> closed -> (open | finalized). */
export const PERIOD_TRANSITIONS: Record<string, { from: PeriodStatus[]; to: PeriodStatus }> = {
  close: { from: ["open"], to: "closed" },
  reopen: { from: ["closed"], to: "open" },
  finalize: { from: ["open", "closed"], to: "finalized" },
};
