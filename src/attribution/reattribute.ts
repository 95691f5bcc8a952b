/**
 * Re-attributing a stored charge: the same steps as finishCharge at ingest
 * (tags, rules under their precedence, PI aliases, flags), over the stored
 * columns instead of CSV cells. Fields a person reassigned (provenance
 * `person:...`) are kept: rules never undo a reviewer's decision.
 */

import {
  attributionFromTags,
  type AttributionPlan,
  type CompiledRule,
  conditionHolds,
  resolveAttribution,
  type TagMapping,
  tagText,
} from "../domain/attribution_rules.ts";
import {
  ATTRIBUTION_FIELDS,
  ATTRIBUTION_KEYS,
  type Charge,
  type ChargeAttribution,
} from "../domain/charge.ts";
import { parseFlagReasons } from "../domain/flag_reasons.ts";
import { flagReasons, type FlagRules } from "../domain/flags.ts";
import type { ChargeAttributionRow } from "../storage/mod.ts";

/** A stored charge's readable values: its tags object and columns (typed and extra). */
export interface StoredChargeView {
  row: ChargeAttributionRow;
  tags: Record<string, unknown> | null;
  tagsValid: boolean;
  /** Lower-cased extra column name -> text. */
  extra: Map<string, string>;
}

/** Columns of ours that a rule never matches on (not FOCUS columns). */
const OWN_COLUMNS = new Set([
  "id",
  "source_id",
  "import_id",
  "occurrence",
  "fingerprint",
  "review_status",
  "review_note",
  "reviewed_by",
  "reviewed_at",
  "flags",
  "attribution",
  "source_name",
  "pi_email",
  "pi_name",
  "project_id",
  "fund_org",
  "cost_center",
  "reference_1",
  "reference_2",
  "account_code",
  "file_name",
  "line_no",
  "period",
]);

/** Read a stored charge's tags and extra columns once. */
export function viewStoredCharge(row: ChargeAttributionRow): StoredChargeView {
  let tags: Record<string, unknown> | null = null;
  let tagsValid = true;
  if (row.tags !== null) {
    try {
      const v = JSON.parse(row.tags);
      if (v !== null && typeof v === "object" && !Array.isArray(v)) tags = v;
      else tagsValid = false;
    } catch {
      tagsValid = false;
    }
  }
  const extra = new Map<string, string>();
  if (row.extra !== null) {
    try {
      for (const [k, v] of Object.entries(JSON.parse(row.extra) as Record<string, unknown>)) {
        extra.set(k.trim().toLowerCase(), String(v).trim());
      }
    } catch {
      // extra is written by us as JSON; an unreadable one matches nothing
    }
  }
  return { row, tags, tagsValid, extra };
}

/**
 * The stored column a rule's column condition reads first (SubAccountId ->
 * sub_account_id), or null for our own columns (a rule reads those from the
 * extra columns only).
 */
export function storedColumnName(column: string): string | null {
  const snake = column.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
  return OWN_COLUMNS.has(snake) ? null : snake;
}

/** The text of a FOCUS column of a stored charge (SubAccountId -> sub_account_id), or null. */
export function storedColumnText(view: StoredChargeView, column: string): string | null {
  const snake = column.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
  if (!OWN_COLUMNS.has(snake) && snake in view.row) {
    const v = view.row[snake];
    if (v === null || v === undefined) return view.extra.get(column.toLowerCase()) ?? null;
    const t = String(v).trim();
    return t === "" ? null : t;
  }
  const e = view.extra.get(column.toLowerCase());
  return e === undefined || e === "" ? null : e;
}

/** The rules (in order) whose every condition holds for a stored charge. */
export function matchStoredRules(
  rules: readonly CompiledRule[],
  view: StoredChargeView,
): CompiledRule[] {
  const source = view.row.source_name.toLowerCase();
  return rules.filter((r) =>
    (r.source === null || r.source === source) &&
    r.conditions.every((c) =>
      conditionHolds(
        c,
        c.tag !== null ? tagText(view.tags, c.tag) : storedColumnText(view, c.key),
      )
    )
  );
}

/** True when every condition of `rule` holds for a finished (not stored) charge. */
export function matchStoredRule(
  rule: CompiledRule,
  charge: Charge,
  source: string | null,
): boolean {
  if (rule.source !== null && source !== null && rule.source !== source.toLowerCase()) return false;
  const row: Record<string, unknown> = { source_name: source ?? "" };
  for (const [k, v] of Object.entries(charge)) {
    row[k.replace(/([a-z])([A-Z0-9])/g, "$1_$2").toLowerCase()] = v;
  }
  const view = viewStoredCharge(row as ChargeAttributionRow);
  return matchStoredRules([{ ...rule, source: null }], view).length > 0;
}

/** The stored attribution fields of a charge. */
export function storedAttribution(row: ChargeAttributionRow): ChargeAttribution {
  return {
    piEmail: row.pi_email,
    piName: row.pi_name,
    projectId: row.project_id,
    fundOrg: row.fund_org,
    costCenter: row.cost_center,
    reference1: row.reference_1,
    reference2: row.reference_2,
    accountCode: row.account_code,
  };
}

/** A charge's provenance object ({} when none). */
export function parseProvenance(text: string | null): Record<string, string> {
  if (text === null) return {};
  try {
    const v = JSON.parse(text);
    return v && typeof v === "object" && !Array.isArray(v) ? v : {};
  } catch {
    return {};
  }
}

/** What re-attributing a charge gives. */
export interface Reattributed {
  who: ChargeAttribution;
  provenance: string | null;
  flags: string | null;
  /** The review status it gets: pending when flagged, none when not; decisions are kept. */
  reviewStatus: string;
  changed: boolean;
}

/** Flags of a charge with this attribution (period_mismatch is kept from the stored flags). */
export function recomputeFlags(
  row: ChargeAttributionRow,
  who: ChargeAttribution,
  tagsValid: boolean,
  rules: FlagRules,
): string | null {
  const reasons = flagReasons({
    piEmail: who.piEmail,
    projectId: who.projectId,
    fundOrg: who.fundOrg,
    serviceName: row.service_name,
    resourceId: row.resource_id,
    resourceName: row.resource_name,
    period: row.period,
    tagsValid,
  }, rules);
  if (parseFlagReasons(row.flags).includes("period_mismatch")) {
    const at = reasons.indexOf("invalid_tags");
    reasons.splice(at < 0 ? reasons.length : at, 0, "period_mismatch");
  }
  return reasons.length ? JSON.stringify(reasons) : null;
}

/** The review status after re-flagging: approved and rejected charges keep their decision. */
export function statusAfter(current: string, flags: string | null): string {
  if (current === "approved" || current === "rejected") return current;
  return flags === null ? "none" : "pending";
}

/** Re-apply the rules of `plan` to a stored charge. */
export function reattribute(
  view: StoredChargeView,
  plan: AttributionPlan,
  mapping: TagMapping,
  flagRules: FlagRules,
): Reattributed {
  const row = view.row;
  const before = storedAttribution(row);
  const oldProv = parseProvenance(row.attribution);
  const matched = matchStoredRules(plan.rules, view);
  const resolved = resolveAttribution(attributionFromTags(view.tags, mapping), matched, plan);
  const who = { ...resolved.who };
  const prov = parseProvenance(resolved.provenance);
  for (const f of ATTRIBUTION_FIELDS) {
    const key = ATTRIBUTION_KEYS[f];
    if (oldProv[key]?.startsWith("person:")) {
      who[f] = before[f];
      prov[key] = oldProv[key];
    }
  }
  const provenance = Object.keys(prov).length ? JSON.stringify(prov) : null;
  const flags = recomputeFlags(row, who, view.tagsValid, flagRules);
  const reviewStatus = statusAfter(row.review_status, flags);
  const changed = ATTRIBUTION_FIELDS.some((f) => who[f] !== before[f]) ||
    provenance !== row.attribution || flags !== row.flags || reviewStatus !== row.review_status;
  return { who, provenance, flags, reviewStatus, changed };
}
