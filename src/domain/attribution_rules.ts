/**
 * Attribution rules: an ordered list, each matching on columns (any FOCUS
 * column, e.g. SubAccountId or x_ResourceGroupName) and tags (`tag:Owner`),
 * exactly or as `/regex/flags`, optionally for one source only, and setting
 * attribution fields (PI email and name, project, fund/org...). Per field,
 * the first matching rule that sets it wins. Precedence says who wins against
 * the tags: `tags` (rules fill only what the tags leave empty) or `rules`
 * (rules override tags). Compiled once per delivery (regexes built once);
 * evaluated per row. Pure: no I/O.
 */

import { ATTRIBUTION_FIELDS, ATTRIBUTION_KEYS, type ChargeAttribution } from "./charge.ts";
import { UserError } from "./errors.ts";

/** A rule as written (config `attribution.rules` or a database rule). */
export interface AttributionRuleSpec {
  name: string;
  /** Source name; empty or null = every source. */
  source?: string | null;
  match: Record<string, string>;
  set: Partial<Record<string, string | undefined>>;
}

/** One condition: a column or a tag, and an exact value or a regex. */
export interface RuleCondition {
  /** The key as written (`SubAccountId`, `tag:Owner`). */
  key: string;
  /** The tag key for `tag:Key`, else null. */
  tag: string | null;
  /** Lower-cased column name for a column, else null. */
  column: string | null;
  exact: string | null;
  regex: RegExp | null;
}

/** A compiled rule (plain data and RegExps: it crosses to the parse worker). */
export interface CompiledRule {
  name: string;
  /** Where the rule lives. */
  origin: "config" | "database";
  /** Lower-cased source name, or null = every source. */
  source: string | null;
  conditions: RuleCondition[];
  set: Partial<ChargeAttribution>;
}

/** The rules of one delivery. */
export interface AttributionPlan {
  precedence: "tags" | "rules";
  rules: CompiledRule[];
  /** Alias email -> canonical PI email (the PI directory), lower case. */
  aliases: Record<string, string>;
}

const SET_KEYS = new Map<string, keyof ChargeAttribution>(
  ATTRIBUTION_FIELDS.map((f) => [ATTRIBUTION_KEYS[f], f]),
);

/** Compile one value: `/re/flags` = regex, anything else = exact text (trimmed). */
function compileValue(
  value: string,
  where: string,
): { exact: string | null; regex: RegExp | null } {
  const v = value.trim();
  const m = /^\/(.*)\/([dgimsuvy]*)$/s.exec(v);
  if (m === null || v.length < 2) return { exact: v, regex: null };
  try {
    // python-style named groups, as in the other config regexes
    const src = m[1].replace(/\(\?P<([A-Za-z_][A-Za-z0-9_]*)>/g, "(?<$1>");
    return { exact: null, regex: new RegExp(src, m[2].replace(/[gy]/g, "")) };
  } catch (e) {
    throw new UserError(`invalid regular expression '${v}' (${(e as Error).message}).`, {
      location: { key: where },
      hint: "Write /regex/ with a valid JavaScript regular expression, or an exact value.",
    });
  }
}

/** Compile a rule, or throw a UserError naming `where` (e.g. attribution.rules[2]). */
export function compileRule(
  spec: AttributionRuleSpec,
  origin: "config" | "database",
  where: string,
): CompiledRule {
  const name = spec.name.trim();
  if (!name) {
    throw new UserError("an attribution rule has no name.", {
      location: { key: `${where}.name` },
      hint: "Give every rule a name: it is recorded on the charges it attributes.",
    });
  }
  const entries = Object.entries(spec.match ?? {});
  if (entries.length === 0) {
    throw new UserError(`attribution rule '${name}' matches nothing.`, {
      location: { key: `${where}.match` },
      hint: 'Name at least one column or tag, e.g. match: {"tag:Owner": team-data}.',
    });
  }
  const conditions: RuleCondition[] = entries.map(([key, value]) => {
    const k = key.trim();
    const isTag = /^tag:/i.test(k);
    const name = isTag ? k.slice(4).trim() : k;
    if (!name) {
      throw new UserError(`attribution rule '${spec.name}' has an empty match key.`, {
        location: { key: `${where}.match` },
        hint: "Write a column name (SubAccountId) or tag:Key.",
      });
    }
    return {
      key: k,
      tag: isTag ? name : null,
      column: isTag ? null : name.toLowerCase(),
      ...compileValue(String(value), `${where}.match.${k}`),
    };
  });
  const set: Partial<ChargeAttribution> = {};
  for (const [k, v] of Object.entries(spec.set ?? {})) {
    const field = SET_KEYS.get(k);
    if (field === undefined) {
      throw new UserError(`attribution rule '${name}' sets unknown field '${k}'.`, {
        location: { key: `${where}.set.${k}` },
        hint: `Use ${[...SET_KEYS.keys()].join(", ")}.`,
      });
    }
    const text = (v ?? "").trim();
    if (text) set[field] = field === "piEmail" ? text.toLowerCase() : text;
  }
  if (Object.keys(set).length === 0) {
    throw new UserError(`attribution rule '${name}' sets nothing.`, {
      location: { key: `${where}.set` },
      hint: "Set at least one of pi_email, pi_name, project_id, fund_org.",
    });
  }
  const source = (spec.source ?? "").trim().toLowerCase();
  return { name, origin, source: source || null, conditions, set };
}

/** True when `text` (null = absent) satisfies the condition. */
export function conditionHolds(c: RuleCondition, text: string | null): boolean {
  if (text === null) return false;
  if (c.regex !== null) return c.regex.test(text);
  return text === c.exact;
}

/** A tag as trimmed text (objects as JSON), null when absent or empty. */
export function tagText(tags: Record<string, unknown> | null, key: string): string | null {
  if (!tags || !key) return null;
  const v = tags[key];
  if (v === null || v === undefined) return null;
  const s = (typeof v === "object" ? JSON.stringify(v) : String(v)).trim();
  return s === "" ? null : s;
}

/** The tag keys of each attribution field (config `tag_mapping`). */
export type TagMapping = Record<
  | "pi_email"
  | "pi_name"
  | "project_id"
  | "fund_org"
  | "cost_center"
  | "reference_1"
  | "reference_2"
  | "account_code",
  string
>;

/** Attribution from tags via the tag mapping; the PI email is lower-cased. */
export function attributionFromTags(
  tags: Record<string, unknown> | null,
  mapping: TagMapping,
): ChargeAttribution {
  return {
    piEmail: tagText(tags, mapping.pi_email)?.toLowerCase() ?? null,
    piName: tagText(tags, mapping.pi_name),
    projectId: tagText(tags, mapping.project_id),
    fundOrg: tagText(tags, mapping.fund_org),
    costCenter: tagText(tags, mapping.cost_center),
    reference1: tagText(tags, mapping.reference_1),
    reference2: tagText(tags, mapping.reference_2),
    accountCode: tagText(tags, mapping.account_code),
  };
}

/** The rules of `plan` that apply to `source` (lower-cased), in order. */
export function rulesForSource(plan: AttributionPlan, source: string): CompiledRule[] {
  const s = source.toLowerCase();
  return plan.rules.filter((r) => r.source === null || r.source === s);
}

/** What attribution resolved: the fields and the provenance of those a tag did not set. */
export interface ResolvedAttribution {
  who: ChargeAttribution;
  /** Compact provenance JSON (null = every field from tags or empty). */
  provenance: string | null;
}

/**
 * Combine the tags' attribution with the matched rules (in rule order) under
 * the precedence, then map an alias PI email to its canonical PI.
 * `tagsWho` is not changed.
 */
export function resolveAttribution(
  tagsWho: ChargeAttribution,
  matched: readonly CompiledRule[] | null,
  plan: AttributionPlan,
): ResolvedAttribution {
  let prov: Record<string, string> | null = null;
  let who = tagsWho;
  if (matched !== null && matched.length > 0) {
    who = { ...tagsWho };
    for (const f of ATTRIBUTION_FIELDS) {
      if (plan.precedence === "tags" && tagsWho[f] !== null) continue;
      for (const r of matched) {
        const v = r.set[f];
        if (v === undefined) continue;
        who[f] = v;
        (prov ??= {})[ATTRIBUTION_KEYS[f]] = `rule:${r.name}`;
        break;
      }
    }
  }
  const canonical = who.piEmail === null ? undefined : plan.aliases[who.piEmail];
  if (canonical !== undefined && canonical !== who.piEmail) {
    if (who === tagsWho) who = { ...tagsWho };
    (prov ??= {}).pi_alias = who.piEmail!;
    who.piEmail = canonical;
  }
  return { who, provenance: prov === null ? null : JSON.stringify(prov) };
}

/** An empty plan: no rules, tags first, no aliases. */
export const NO_ATTRIBUTION_RULES: AttributionPlan = {
  precedence: "tags",
  rules: [],
  aliases: {},
};
