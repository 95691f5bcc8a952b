/** The global period selector: the `period` query parameter, else the newest period. */

import { isPeriod } from "../../domain/period.ts";
import { listPeriodNames } from "../../periods/mod.ts";
import type { WebContext } from "../web_env.ts";

/** The periods known and the one selected (null when there are none). */
export interface PeriodSelection {
  periods: string[];
  selected: string | null;
}

/** Read the selection for this request (cached on the request). */
export function periodSelection(c: WebContext): PeriodSelection {
  const periods = listPeriodNames(c.get("app"));
  const asked = c.req.query("period");
  const selected = asked && isPeriod(asked) ? asked : periods[0] ?? null;
  return { periods, selected };
}

/** `href` with `?period=` appended when a period is selected. */
export function withPeriod(href: string, period: string | null): string {
  if (!period) return href;
  return `${href}${href.includes("?") ? "&" : "?"}period=${encodeURIComponent(period)}`;
}
