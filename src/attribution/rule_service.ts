/**
 * Attribution rules as a user sees them: the config's (read-only) and the
 * database's (added, changed and deleted on the web or by `review assign
 * --save-rule`), each change audited in its transaction; and a tester that
 * runs a rule (saved or not) over the real charges of a period.
 */

import { audit } from "../audit/mod.ts";
import type { AppContext } from "../app_context.ts";
import {
  type AttributionRuleSpec,
  type CompiledRule,
  compileRule,
} from "../domain/attribution_rules.ts";
import { NotFoundError, UserError } from "../domain/errors.ts";
import {
  deleteAttributionRule,
  findAttributionRuleRow,
  insertAttributionRule,
  listAttributionRuleRows,
  listChargesForAttribution,
  setAttributionRuleOrder,
  sourceKey,
  updateAttributionRule,
} from "../storage/mod.ts";
import { storedRuleSpec } from "./attribution_plan.ts";
import { matchStoredRules, viewStoredCharge } from "./reattribute.ts";

/** A rule as listed. */
export interface RuleListing {
  name: string;
  origin: "config" | "database";
  /** Database id (null for config rules). */
  id: number | null;
  source: string | null;
  match: Record<string, string>;
  set: Record<string, string>;
  updatedBy: string | null;
  updatedAt: string | null;
}

/** Every rule in evaluation order: config first, then the database's. */
export function listAttributionRules(ctx: AppContext): RuleListing[] {
  const fromConfig: RuleListing[] = ctx.config.attribution.rules.map((r) => ({
    name: r.name,
    origin: "config",
    id: null,
    source: r.source || null,
    match: r.match,
    set: Object.fromEntries(Object.entries(r.set).filter(([, v]) => v)) as Record<string, string>,
    updatedBy: null,
    updatedAt: null,
  }));
  const stored: RuleListing[] = listAttributionRuleRows(ctx.db).map((r) => {
    const spec = storedRuleSpec(r);
    return {
      name: r.name,
      origin: "database",
      id: r.id,
      source: r.source,
      match: spec.match,
      set: spec.set as Record<string, string>,
      updatedBy: r.updated_by,
      updatedAt: r.updated_at,
    };
  });
  return [...fromConfig, ...stored];
}

function checkSpec(ctx: AppContext, spec: AttributionRuleSpec, exceptId?: number): CompiledRule {
  const compiled = compileRule(spec, "database", `rule '${spec.name}'`);
  if (
    ctx.config.attribution.rules.some((r) => r.name.toLowerCase() === compiled.name.toLowerCase())
  ) {
    throw new UserError(`a config rule is already named '${compiled.name}'.`, {
      hint: "Pick another name: rule names are recorded on charges.",
    });
  }
  const same = findAttributionRuleRow(ctx.db, compiled.name);
  if (same && same.id !== exceptId) {
    throw new UserError(`a rule named '${compiled.name}' already exists.`, {
      hint: "Pick another name, or edit that rule.",
    });
  }
  return compiled;
}

function stored(compiled: CompiledRule, spec: AttributionRuleSpec) {
  const set: Record<string, string> = {};
  for (const [k, v] of Object.entries(spec.set)) if (v && v.trim()) set[k] = v.trim();
  const match: Record<string, string> = {};
  for (const [k, v] of Object.entries(spec.match)) match[k.trim()] = String(v).trim();
  return {
    name: compiled.name,
    source: spec.source?.trim() ? sourceKey(spec.source) : null,
    match: JSON.stringify(match),
    assign: JSON.stringify(set),
  };
}

/** Add a database rule (at the end of the order); must run inside or as its own transaction. */
export function addAttributionRule(ctx: AppContext, spec: AttributionRuleSpec): RuleListing {
  return ctx.db.transaction(() => {
    const compiled = checkSpec(ctx, spec);
    const at = ctx.now().toISOString();
    const row = stored(compiled, spec);
    const id = insertAttributionRule(ctx.db, { ...row, by: ctx.actor, at });
    audit(ctx, "attribution.rule.add", {
      name: row.name,
      source: row.source,
      match: spec.match,
      set: JSON.parse(row.assign),
    }, { entity: "attribution_rule", entityId: id, at });
    return listAttributionRules(ctx).find((r) => r.id === id)!;
  });
}

/** Replace a database rule's definition (config rules are read-only). */
export function updateAttributionRuleByName(
  ctx: AppContext,
  name: string,
  spec: AttributionRuleSpec,
): RuleListing {
  return ctx.db.transaction(() => {
    const old = requireStoredRule(ctx, name);
    const compiled = checkSpec(ctx, spec, old.id);
    const at = ctx.now().toISOString();
    const row = stored(compiled, spec);
    updateAttributionRule(ctx.db, old.id, { ...row, by: ctx.actor, at });
    audit(ctx, "attribution.rule.change", {
      before: storedRuleSpec(old),
      after: {
        name: row.name,
        source: row.source,
        match: spec.match,
        set: JSON.parse(row.assign),
      },
    }, { entity: "attribution_rule", entityId: old.id, at });
    return listAttributionRules(ctx).find((r) => r.id === old.id)!;
  });
}

/** Delete a database rule. */
export function deleteAttributionRuleByName(ctx: AppContext, name: string): void {
  ctx.db.transaction(() => {
    const old = requireStoredRule(ctx, name);
    deleteAttributionRule(ctx.db, old.id);
    audit(ctx, "attribution.rule.delete", { ...storedRuleSpec(old) }, {
      entity: "attribution_rule",
      entityId: old.id,
      at: ctx.now().toISOString(),
    });
  });
}

/**
 * Move a database rule one place up (evaluated earlier) or down among the
 * database's rules (the config's always come first). Refused at either end.
 */
export function moveAttributionRule(
  ctx: AppContext,
  name: string,
  direction: "up" | "down",
): RuleListing[] {
  return ctx.db.transaction(() => {
    const rule = requireStoredRule(ctx, name);
    const rows = listAttributionRuleRows(ctx.db);
    const at = rows.findIndex((r) => r.id === rule.id);
    const other = rows[direction === "up" ? at - 1 : at + 1];
    if (!other) {
      throw new UserError(
        `rule '${rule.name}' is already the ${
          direction === "up" ? "first" : "last"
        } database rule.`,
        { hint: "The config file's rules always come before the database's." },
      );
    }
    const before = rows.map((r) => r.name);
    const ids = rows.map((r) => r.id);
    const j = rows.indexOf(other);
    [ids[at], ids[j]] = [ids[j], ids[at]];
    setAttributionRuleOrder(ctx.db, ids);
    const after = listAttributionRuleRows(ctx.db).map((r) => r.name);
    audit(ctx, "attribution.rule.move", { name: rule.name, direction, before, after }, {
      entity: "attribution_rule",
      entityId: rule.id,
      at: ctx.now().toISOString(),
    });
    return listAttributionRules(ctx);
  });
}

function requireStoredRule(ctx: AppContext, name: string) {
  const row = findAttributionRuleRow(ctx.db, name.trim());
  if (row) return row;
  if (
    ctx.config.attribution.rules.some((r) => r.name.toLowerCase() === name.trim().toLowerCase())
  ) {
    throw new UserError(`rule '${name}' is in the config file: it is read-only here.`, {
      hint: "Change it under attribution.rules in the config file.",
    });
  }
  throw new NotFoundError(`no attribution rule named '${name}'.`, {
    hint: "List the rules with: openchargeback attribution list.",
  });
}

/** A tester's finding: how many charges of a period a rule matches, and the first few. */
export interface RuleTestResult {
  period: string;
  charges: number;
  matched: number;
  billed: { currency: string; micros: number }[];
  sample: {
    id: number;
    source: string;
    piEmail: string | null;
    projectId: string | null;
    fundOrg: string | null;
    billedCost: number;
    currency: string;
  }[];
}

/** Run a rule (not saved) over the charges of `period`. */
export function testAttributionRule(
  ctx: AppContext,
  spec: AttributionRuleSpec,
  period: string,
  sampleSize = 20,
): RuleTestResult {
  const rule = compileRule(spec, "database", "tested rule");
  const rows = listChargesForAttribution(ctx.db, period);
  const hits = rows.filter((r) => matchStoredRules([rule], viewStoredCharge(r)).length > 0);
  const money = new Map<string, number>();
  for (const r of hits) {
    money.set(r.billing_currency, (money.get(r.billing_currency) ?? 0) + r.billed_cost);
  }
  return {
    period,
    charges: rows.length,
    matched: hits.length,
    billed: [...money.entries()].sort().map(([currency, micros]) => ({ currency, micros })),
    sample: hits.slice(0, sampleSize).map((r) => ({
      id: r.id,
      source: r.source_name,
      piEmail: r.pi_email,
      projectId: r.project_id,
      fundOrg: r.fund_org,
      billedCost: r.billed_cost,
      currency: r.billing_currency,
    })),
  };
}
