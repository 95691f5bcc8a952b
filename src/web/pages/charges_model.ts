/**
 * The charges browser's query parameters -> the charges service's query,
 * shared by the list page and its CSV export so the export is exactly the
 * filtered set. The service applies the reader's DataScope over the PI filter.
 */

import { type ChargeQuery, DEFAULT_CHARGE_SORT, isChargeSort } from "../../charges/mod.ts";
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
    sort: isChargeSort(sort) ? sort : DEFAULT_CHARGE_SORT,
  };
}

/** The service query of the parameters. */
export function chargeQuery(p: ChargeParams): ChargeQuery {
  return {
    period: p.period,
    source: p.source,
    piEmail: p.pi,
    projectId: p.project,
    fundOrg: p.fund,
    service: p.service,
    reason: p.reason,
    reviewStatus: (p.status || undefined) as ChargeQuery["reviewStatus"],
    search: p.q,
  };
}

/** The parameters as a plain record (for links), without the page. */
export function paramRecord(p: ChargeParams): Record<string, string> {
  return { ...p, sort: p.sort === DEFAULT_CHARGE_SORT ? "" : p.sort };
}
