/**
 * The attribution rules page's parts: the rule form (name, optional source,
 * up to three match conditions on a FOCUS column or tag:Key, exact or
 * /regex/, and the fields it sets) with its live draft tester, and the
 * reading of a posted form into a rule spec.
 */

import type { RuleMatchCount } from "../../attribution/mod.ts";
import type { AttributionRuleSpec } from "../../domain/attribution_rules.ts";
import { Csrf, MoneyList } from "../components/data_kit.tsx";
import { formatCount } from "../components/format.ts";
import type { WebContext } from "../web_env.ts";

/** Match condition rows of the form (blank rows are ignored). */
export const MATCH_ROWS = 3;

/** The fields a rule may set on the form, with their labels. */
export const SET_FIELDS: [string, string][] = [
  ["pi_email", "PI email"],
  ["pi_name", "PI name"],
  ["project_id", "Project"],
  ["fund_org", "Fund/org"],
];

/** A rule as the form holds it. */
export interface RuleDraft {
  name: string;
  source: string;
  match: [string, string][];
  set: Record<string, string>;
}

/** The empty form. */
export const EMPTY_DRAFT: RuleDraft = { name: "", source: "", match: [], set: {} };

/** A posted (or queried) form as a draft. */
export function readDraft(get: (key: string) => string): RuleDraft {
  const match: [string, string][] = [];
  for (let i = 0; i < MATCH_ROWS; i++) match.push([get(`key_${i}`), get(`value_${i}`)]);
  const set: Record<string, string> = {};
  for (const [k] of SET_FIELDS) set[k] = get(k);
  return { name: get("name"), source: get("source"), match, set };
}

/** A draft as a rule spec (blank conditions and fields left out). */
export function draftSpec(d: RuleDraft): AttributionRuleSpec {
  const match: Record<string, string> = {};
  for (const [k, v] of d.match) if (k.trim() || v.trim()) match[k.trim()] = v;
  const set: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.set)) if (v.trim()) set[k] = v.trim();
  return { name: d.name.trim() || "draft", source: d.source.trim() || null, match, set };
}

/** The rule form: add (no id) or edit stored rule `id`; tested live when `period` is given. */
export function RuleForm(
  props: { c: WebContext; draft: RuleDraft; id?: number; period: string | null; canTest: boolean },
) {
  const { draft: d, id } = props;
  const live = props.canTest && props.period
    ? {
      "hx-get": "/settings/attribution/test",
      "hx-trigger": "input changed delay:500ms from:find input, load",
      "hx-target": "#rule-test",
    }
    : {};
  return (
    <form
      method="post"
      action={id === undefined ? "/settings/attribution" : `/settings/attribution/${id}`}
      id="rule-form"
      {...live}
    >
      <Csrf c={props.c} />
      {props.period ? <input type="hidden" name="period" value={props.period} /> : null}
      {id !== undefined ? <input type="hidden" name="replacing" value={String(id)} /> : null}
      <div class="inline">
        <div class="field">
          <label for="rule-name">Name</label>
          <input id="rule-name" name="name" value={d.name} required />
        </div>
        <div class="field">
          <label for="rule-source">Source (optional: every source when empty)</label>
          <input id="rule-source" name="source" value={d.source} placeholder="aws" />
        </div>
      </div>
      <p class="small muted">
        Match: a FOCUS column (<code>SubAccountId</code>,{" "}
        <code>x_ResourceGroupName</code>) or a tag (<code>tag:Owner</code>); the value exactly, or
        {" "}
        <code>/regex/</code>. Every condition must hold.
      </p>
      {Array.from({ length: MATCH_ROWS }, (_, i) => (
        <div class="inline" key={`m${i}`}>
          <div class="field">
            <label for={`rule-key-${i}`}>Column or tag:Key {i + 1}</label>
            <input
              id={`rule-key-${i}`}
              name={`key_${i}`}
              value={d.match[i]?.[0] ?? ""}
              placeholder="tag:Owner"
            />
          </div>
          <div class="field">
            <label for={`rule-value-${i}`}>Value {i + 1}</label>
            <input
              id={`rule-value-${i}`}
              name={`value_${i}`}
              value={d.match[i]?.[1] ?? ""}
              placeholder="team-data or /^team-/"
            />
          </div>
        </div>
      ))}
      <div class="inline">
        {SET_FIELDS.map(([k, label]) => (
          <div class="field" key={k}>
            <label for={`rule-${k}`}>Set {label}</label>
            <input id={`rule-${k}`} name={k} value={d.set[k] ?? ""} />
          </div>
        ))}
      </div>
      <div class="inline">
        <button type="submit">{id === undefined ? "Add rule" : "Save rule"}</button>
        {id !== undefined
          ? <a class="button secondary" href="/settings/attribution">Cancel</a>
          : null}
      </div>
      {props.canTest ? <div id="rule-test" aria-live="polite" class="small"></div> : null}
    </form>
  );
}

/** What the draft rule matches, as the tester fragment shows it. */
export function DraftResult(
  props: { period: string; charges: number; draft: RuleMatchCount },
) {
  const d = props.draft;
  if (d.matched === 0) {
    return (
      <div role="status">
        <p>
          This rule matches <strong>no charge</strong> of the {formatCount(props.charges)} in{" "}
          {props.period}.
        </p>
      </div>
    );
  }
  return (
    <div role="status">
      <p>
        This rule matches <strong>{formatCount(d.matched)}</strong> of {formatCount(props.charges)}
        {" "}
        charges in {props.period}, billed{" "}
        <MoneyList items={d.billed.map((b) => ({ currency: b.currency, amount: b.micros }))} />;
        {" "}
        it would be the first rule to match {formatCount(d.first)}
        {d.matched > d.first ? ` (${formatCount(d.matched - d.first)} match an earlier rule)` : ""}.
      </p>
      {d.sample.length
        ? (
          <p class="small">
            Charges: {d.sample.map((id, i) => (
              <span key={id}>
                {i > 0 ? ", " : ""}
                <a href={`/charges/${id}`}>#{id}</a>
              </span>
            ))}
          </p>
        )
        : null}
    </div>
  );
}
