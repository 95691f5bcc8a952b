/**
 * `review assign`: a reviewer sets who pays for selected charges (PI email,
 * optional PI name, project, fund/org), with a note. Flags are recomputed
 * (a charge left with none needs no review), the provenance records the
 * person, and the audit entry holds every charge's before and after. Refused
 * on closed or finalized periods, as approve and reject are. Optionally the
 * match is saved as a database attribution rule (`--save-rule NAME`).
 */

import { audit } from "../audit/mod.ts";
import type { AppContext } from "../app_context.ts";
import {
  addAttributionRule,
  loadFlagRules,
  parseProvenance,
  recomputeFlags,
  type RuleListing,
  statusAfter,
  storedAttribution,
  viewStoredCharge,
} from "../attribution/mod.ts";
import type { ChargeAttribution } from "../domain/charge.ts";
import { RuleError, UserError } from "../domain/errors.ts";
import { isValidEmail } from "../domain/flags.ts";
import { assertPeriodsOpen } from "../periods/mod.ts";
import {
  type ChargeAttributionRow,
  findChargesForAttribution,
  updateChargeAttribution,
} from "../storage/mod.ts";
import { checkIds } from "./review_service.ts";

/** What to assign. */
export interface AssignRequest {
  ids: number[];
  piEmail: string;
  piName?: string;
  projectId: string;
  fundOrg: string;
  note: string;
  /** Save the selection's shared match as a database rule with this name. */
  saveRule?: string;
}

/** What an assignment did. */
export interface AssignOutcome {
  ids: number[];
  count: number;
  periods: string[];
  /** Charges left with no flag (billable without review). */
  cleared: number;
  /** Charges still flagged, with their reasons. */
  stillFlagged: { id: number; flags: string[] }[];
  rule: RuleListing | null;
  at: string;
}

/** Assign PI, project and fund/org to charges (all-or-nothing). */
export function assignCharges(ctx: AppContext, req: AssignRequest): AssignOutcome {
  const ids = checkIds(req.ids);
  const piEmail = req.piEmail.trim().toLowerCase();
  if (!isValidEmail(piEmail)) {
    throw new UserError(`'${req.piEmail}' is not an email address.`, {
      location: { key: "--pi" },
      hint: "Give the PI's email, e.g. --pi dana.li@univ.example.",
    });
  }
  const projectId = required(req.projectId, "--project");
  const fundOrg = required(req.fundOrg, "--fund");
  const note = required(req.note, "--note");
  const piName = req.piName?.trim() || null;
  return ctx.db.transaction(() => {
    const rows = findChargesForAttribution(ctx.db, ids);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const problems: string[] = [];
    for (const id of ids) {
      const r = byId.get(id);
      if (!r) problems.push(`${id} (no such charge)`);
      else if (r.review_status === "rejected") problems.push(`${id} (rejected)`);
    }
    if (problems.length > 0) {
      throw new RuleError(`nothing changed: cannot assign charge ${problems.join(", ")}.`, {
        hint: "List the charges awaiting review with: openchargeback review list.",
      });
    }
    const periods = [...new Set(rows.map((r) => r.period))].sort();
    assertPeriodsOpen(ctx.db, periods, "review assign");
    const at = ctx.now().toISOString();
    const person = `person:${ctx.actor}`;
    const flagRules = loadFlagRules(ctx);
    const changes = rows.map((row) => {
      const before = storedAttribution(row);
      const who: ChargeAttribution = {
        ...before,
        piEmail,
        piName: piName ?? (before.piEmail === piEmail ? before.piName : null),
        projectId,
        fundOrg,
      };
      const prov = parseProvenance(row.attribution);
      delete prov.pi_alias;
      prov.pi_email = person;
      prov.project_id = person;
      prov.fund_org = person;
      if (piName !== null || who.piName !== before.piName) prov.pi_name = person;
      const view = viewStoredCharge(row);
      const flags = recomputeFlags(row, who, view.tagsValid, flagRules);
      return { row, before, who, prov, flags, status: statusAfter(row.review_status, flags) };
    });
    const n = updateChargeAttribution(
      ctx.db,
      changes.map((c) => ({
        id: c.row.id,
        ...c.who,
        flags: c.flags,
        attribution: JSON.stringify(c.prov),
        reviewStatus: c.status,
      })),
    );
    if (n !== rows.length) throw new Error(`review assign: ${n} of ${rows.length} updated`);
    const rule = req.saveRule === undefined ? null : addAttributionRule(ctx, {
      name: req.saveRule,
      source: sharedSource(rows),
      match: sharedMatch(rows),
      set: {
        pi_email: piEmail,
        pi_name: piName ?? undefined,
        project_id: projectId,
        fund_org: fundOrg,
      },
    });
    audit(ctx, "review.assign", {
      ids,
      count: ids.length,
      periods,
      note,
      after: { piEmail, piName, projectId, fundOrg },
      charges: changes.map((c) => ({
        id: c.row.id,
        before: { ...pick(c.before), flags: c.row.flags, status: c.row.review_status },
        after: { ...pick(c.who), flags: c.flags, status: c.status },
      })),
      savedRule: rule?.name ?? null,
    }, {
      entity: "charge",
      entityId: ids.length === 1 ? ids[0] : undefined,
      period: periods.length === 1 ? periods[0] : undefined,
      at,
    });
    return {
      ids,
      count: ids.length,
      periods,
      cleared: changes.filter((c) => c.flags === null).length,
      stillFlagged: changes.filter((c) => c.flags !== null).map((c) => ({
        id: c.row.id,
        flags: JSON.parse(c.flags!) as string[],
      })),
      rule,
      at,
    };
  });
}

function pick(w: ChargeAttribution) {
  return { piEmail: w.piEmail, piName: w.piName, projectId: w.projectId, fundOrg: w.fundOrg };
}

function required(value: string | undefined, what: string): string {
  const t = (value ?? "").trim();
  if (!t) throw new UserError(`${what} is empty.`, { hint: `Give ${what} a value.` });
  return t;
}

function sharedSource(rows: ChargeAttributionRow[]): string | null {
  const s = new Set(rows.map((r) => r.source_name));
  return s.size === 1 ? [...s][0] : null;
}

/** Columns a saved rule may match on, in order of preference, when the selection shares them. */
const MATCH_COLUMNS: [string, string][] = [
  ["SubAccountId", "sub_account_id"],
  ["BillingAccountId", "billing_account_id"],
];

/**
 * What the selected charges have in common: SubAccountId (else
 * BillingAccountId) when shared, and every tag they all carry with the same
 * value. Refused when they share nothing.
 */
function sharedMatch(rows: ChargeAttributionRow[]): Record<string, string> {
  const match: Record<string, string> = {};
  for (const [name, col] of MATCH_COLUMNS) {
    const values = new Set(rows.map((r) => r[col] as string | null));
    if (values.size === 1 && [...values][0]) {
      match[name] = String([...values][0]);
      break;
    }
  }
  const views = rows.map(viewStoredCharge);
  const first = views[0].tags ?? {};
  for (const [k, v] of Object.entries(first)) {
    if (v === null || typeof v === "object" || String(v).trim() === "") continue;
    if (
      views.every((w) => w.tags !== null && String(w.tags[k] ?? "").trim() === String(v).trim())
    ) {
      match[`tag:${k}`] = String(v).trim();
    }
  }
  if (Object.keys(match).length === 0) {
    throw new UserError("the selected charges share no column or tag to save as a rule.", {
      hint: "Leave out --save-rule, or add a rule on the web (Settings, Attribution rules).",
    });
  }
  return match;
}
