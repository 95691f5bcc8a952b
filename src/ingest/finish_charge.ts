/**
 * Turning a parsed row into a charge: attribution (tags, then the attribution
 * rules under their precedence, then the PI directory's aliases), the review
 * flags, the provenance of the attribution and the fingerprint. The one place
 * a source's row becomes a charge (src/domain/charge.ts); the FOCUS reader
 * (parse_charge_row.ts) is its first source.
 */

import type { Config } from "../config/mod.ts";
import {
  type AttributionPlan,
  type CompiledRule,
  conditionHolds,
  resolveAttribution,
  tagText,
} from "../domain/attribution_rules.ts";
import type { Charge } from "../domain/charge.ts";
import { type FingerprintPlan, isNullCell, rowFingerprint } from "../domain/fingerprint.ts";
import { flagReasons, type FlagRules } from "../domain/flags.ts";
import { attributionFromTags, type ParsedTags } from "./tags.ts";

/** What finishing the charges of one delivery needs (rules compiled once per delivery). */
export interface DeliveryFinishing {
  tagMapping: Config["tag_mapping"];
  rules: FlagRules;
  /** The period declared with `-p`, if any. */
  expectedPeriod: string | null;
  /** The attribution rules of the delivery's source, compiled. */
  attribution: AttributionPlan;
}

/** A rule bound to one file's header: per condition, its column index (-1 absent, -2 a tag). */
interface BoundRule {
  rule: CompiledRule;
  columns: number[];
}

/** The finishing of one file's rows (a header bound once). */
export interface ChargeFinisher {
  delivery: DeliveryFinishing;
  fingerprint: FingerprintPlan;
  bound: BoundRule[];
}

const TAG = -2;

/** Bind the delivery's rules to a file's header names. */
export function chargeFinisher(
  delivery: DeliveryFinishing,
  fingerprint: FingerprintPlan,
  headerNames: readonly string[],
): ChargeFinisher {
  const index = new Map<string, number>();
  headerNames.forEach((n, i) => {
    const k = n.trim().toLowerCase();
    if (!index.has(k)) index.set(k, i);
  });
  const bound = delivery.attribution.rules.map((rule) => ({
    rule,
    columns: rule.conditions.map((c) => c.tag !== null ? TAG : index.get(c.column!) ?? -1),
  }));
  return { delivery, fingerprint, bound };
}

/**
 * Finish `draft` in place (its attribution, flags, provenance and fingerprint
 * are set here) from its tags and raw cells, and return it.
 */
export function finishCharge(
  f: ChargeFinisher,
  draft: Charge,
  tags: ParsedTags,
  cells: string[],
): Charge {
  const d = f.delivery;
  let who = attributionFromTags(tags.object, d.tagMapping);
  if (f.bound.length > 0) {
    const matched = matchRules(f.bound, cells, tags.object);
    const resolved = resolveAttribution(who, matched, d.attribution);
    who = resolved.who;
    draft.attribution = resolved.provenance;
  } else if (who.piEmail !== null && d.attribution.aliases[who.piEmail] !== undefined) {
    const resolved = resolveAttribution(who, null, d.attribution);
    who = resolved.who;
    draft.attribution = resolved.provenance;
  }
  const reasons = flagReasons({
    piEmail: who.piEmail,
    projectId: who.projectId,
    fundOrg: who.fundOrg,
    serviceName: draft.serviceName,
    resourceId: draft.resourceId,
    resourceName: draft.resourceName,
    period: draft.period,
    expectedPeriod: d.expectedPeriod,
    tagsValid: tags.valid,
  }, d.rules);
  draft.fingerprint = rowFingerprint(f.fingerprint, cells);
  draft.piEmail = who.piEmail;
  draft.piName = who.piName;
  draft.projectId = who.projectId;
  draft.fundOrg = who.fundOrg;
  draft.costCenter = who.costCenter;
  draft.reference1 = who.reference1;
  draft.reference2 = who.reference2;
  draft.accountCode = who.accountCode;
  draft.flags = reasons.length ? JSON.stringify(reasons) : null;
  return draft;
}

/** The bound rules whose every condition holds for the row, in order; null when none. */
export function matchRules(
  bound: readonly BoundRule[],
  cells: string[],
  tags: Record<string, unknown> | null,
): CompiledRule[] | null {
  let out: CompiledRule[] | null = null;
  for (let i = 0; i < bound.length; i++) {
    const b = bound[i];
    const conds = b.rule.conditions;
    let ok = true;
    for (let k = 0; k < conds.length && ok; k++) {
      const col = b.columns[k];
      const text = col === TAG ? tagText(tags, conds[k].tag!) : cellText(cells, col);
      ok = conditionHolds(conds[k], text);
    }
    if (ok) (out ??= []).push(b.rule);
  }
  return out;
}

function cellText(cells: string[], idx: number): string | null {
  if (idx < 0) return null;
  const c = cells[idx];
  if (c === undefined || isNullCell(c)) return null;
  const t = c.trim();
  return t === "" ? null : t;
}
