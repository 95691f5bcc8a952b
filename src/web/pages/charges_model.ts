/**
 * The charges browser's query parameters -> a storage filter (the PI scope
 * always wins), shared by the list page and its CSV export so the export is
 * exactly the filtered set.
 */

import { UserError } from "../../domain/errors.ts";
import { findSource } from "../../storage/mod.ts";
import type { ChargeBrowseFilter } from "../../storage/mod.ts";
import { CHARGE_SORTS } from "../../storage/mod.ts";
import { param } from "../components/data_kit.tsx";
import { periodSelection } from "../components/period_selection.ts";
import { piScope, type WebContext } from "../web_env.ts";

/** The filter parameters of /charges, as typed (for links and form values). */
export interface ChargeParams {
  period: string;
  source: string;
  pi: string;
  project: string;
  fund: string;
  service: string;
  reason: string;
  status: string;
  q: string;
  sort: string;
}

const STATUSES = new Set(["none", "pending", "approved", "rejected"]);

/** The default order: the most expensive first. */
export const DEFAULT_SORT = "-cost";

/** True when `sort` names a known sort key (optionally with a leading "-"). */
export function isChargeSort(sort: string): boolean {
  return Object.hasOwn(CHARGE_SORTS, sort.replace(/^-/, ""));
}

/** Read the parameters of the request (period defaults to the global selection). */
export function chargeParams(c: WebContext): ChargeParams {
  const sort = param(c, "sort");
  const status = param(c, "status");
  return {
    period: periodSelection(c).selected ?? "",
    source: param(c, "source"),
    pi: piScope(c) ?? param(c, "pi").toLowerCase(),
    project: param(c, "project"),
    fund: param(c, "fund"),
    service: param(c, "service"),
    reason: param(c, "reason"),
    status: STATUSES.has(status) ? status : "",
    q: param(c, "q"),
    sort: isChargeSort(sort) ? sort : DEFAULT_SORT,
  };
}

/** The storage filter of the parameters; UserError for an unknown source. */
export function chargeFilter(c: WebContext, p: ChargeParams): ChargeBrowseFilter {
  let sourceId: number | undefined;
  if (p.source) {
    const s = findSource(c.get("deps").db, p.source);
    if (!s) {
      throw new UserError(`there is no source '${p.source}'.`, {
        hint: "Pick one from the Source list.",
      });
    }
    sourceId = s.id;
  }
  return {
    period: p.period || undefined,
    sourceId,
    piEmail: piScope(c) ?? (p.pi || undefined),
    projectId: p.project || undefined,
    fundOrg: p.fund || undefined,
    service: p.service || undefined,
    reason: p.reason || undefined,
    status: (p.status || undefined) as ChargeBrowseFilter["status"],
    search: p.q || undefined,
  };
}

/** The parameters as a plain record (for links), without the page. */
export function paramRecord(p: ChargeParams): Record<string, string> {
  return { ...p, sort: p.sort === DEFAULT_SORT ? "" : p.sort };
}
