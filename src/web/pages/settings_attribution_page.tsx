/**
 * /settings/attribution: the attribution rules in evaluation order. The
 * config file's are listed read-only ("from the config"), the database's are
 * added, edited, deleted and moved up or down here (admin, audited by the
 * service); the precedence is stated; a live tester runs every rule, and the
 * rule being typed, over the stored charges of the selected period.
 */

import {
  addAttributionRule,
  deleteAttributionRuleByName,
  listAttributionRules,
  moveAttributionRule,
  type RuleListing,
  testRulesOnPeriod,
  updateAttributionRuleByName,
} from "../../attribution/mod.ts";
import { NotFoundError, UserError } from "../../domain/errors.ts";
import { isPeriod } from "../../domain/period.ts";
import { Csrf, MoneyList } from "../components/data_kit.tsx";
import { formatCount } from "../components/format.ts";
import { Layout, Message } from "../components/layout.tsx";
import { periodSelection } from "../components/period_selection.ts";
import type { WebContext } from "../web_env.ts";
import {
  DraftResult,
  draftSpec,
  EMPTY_DRAFT,
  readDraft,
  type RuleDraft,
  RuleForm,
} from "./settings_attribution_form.tsx";

const NOTICES: Record<string, string> = {
  added: "Rule added. Later imports use it; re-apply it to an open period with attribution apply.",
  saved: "Rule saved.",
  deleted: "Rule deleted.",
  moved: "Order changed.",
};

const PRECEDENCE = {
  tags: "tags come first: a rule fills only the fields a charge's tags leave empty",
  rules: "rules override tags: a matching rule's fields replace the tags' values",
};

function pairs(o: Record<string, string>): string[] {
  return Object.entries(o).map(([k, v]) => `${k} = ${v}`);
}

function toDraft(r: RuleListing): RuleDraft {
  return { name: r.name, source: r.source ?? "", match: Object.entries(r.match), set: r.set };
}

function RuleRow(
  props: {
    c: WebContext;
    r: RuleListing;
    n: number;
    canEdit: boolean;
    first: boolean;
    last: boolean;
    test?: { matched: number; first: number; billed: { currency: string; micros: number }[] };
  },
) {
  const { c, r, test } = props;
  const base = `/settings/attribution/${r.id}`;
  return (
    <tr>
      <td class="num">{props.n}</td>
      <td>{r.name}</td>
      <td>{r.source ?? "every source"}</td>
      <td>
        {pairs(r.match).map((p) => (
          <div key={p}>
            <code>{p}</code>
          </div>
        ))}
      </td>
      <td>{pairs(r.set).map((p) => <div key={p}>{p}</div>)}</td>
      <td>
        {r.origin === "config"
          ? <span class="badge">from the config</span>
          : <span class="badge ok">database</span>}
      </td>
      {test
        ? (
          <>
            <td class="num">{formatCount(test.matched)}</td>
            <td class="num">{formatCount(test.first)}</td>
            <td class="num">
              <MoneyList
                items={test.billed.map((b) => ({ currency: b.currency, amount: b.micros }))}
              />
            </td>
          </>
        )
        : null}
      <td>
        {props.canEdit && r.id !== null
          ? (
            <div class="inline">
              <a class="button secondary" href={`/settings/attribution?edit=${r.id}`}>Edit</a>
              <form method="post" action={`${base}/move`}>
                <Csrf c={c} />
                <input type="hidden" name="direction" value="up" />
                <button type="submit" class="secondary" disabled={props.first}>Up</button>
              </form>
              <form method="post" action={`${base}/move`}>
                <Csrf c={c} />
                <input type="hidden" name="direction" value="down" />
                <button type="submit" class="secondary" disabled={props.last}>Down</button>
              </form>
              <form method="post" action={`${base}/delete`}>
                <Csrf c={c} />
                <button type="submit" class="danger">Delete</button>
              </form>
            </div>
          )
          : r.origin === "config"
          ? <span class="small muted">edit attribution.rules in the config file</span>
          : null}
      </td>
    </tr>
  );
}

function RulesBody(props: { c: WebContext; error?: string; draft?: RuleDraft; draftId?: number }) {
  const { c } = props;
  const app = c.get("app");
  const canEdit = c.get("canPost")("/settings/attribution");
  const canTest = c.get("canGet")("/settings/attribution/test");
  const period = periodSelection(c).selected;
  const rules = listAttributionRules(app);
  const found = rules.find((r) => r.id !== null && String(r.id) === c.req.query("edit"));
  const editId = props.draft ? props.draftId : found?.id ?? undefined;
  const draft = props.draft ?? (found ? toDraft(found) : EMPTY_DRAFT);
  const tested = canTest && period ? testRulesOnPeriod(app, period) : null;
  const stored = rules.filter((r) => r.origin === "database");
  return (
    <>
      <h1>Attribution rules</h1>
      <p>
        <a href="/settings">Settings</a> · <a href="/settings/funding">Fund splits</a>
      </p>
      <Message kind="notice" text={NOTICES[c.req.query("m") ?? ""]} />
      <Message kind="error" text={props.error} />
      <section class="panel" aria-labelledby="h-rules">
        <h2 id="h-rules">Rules in evaluation order</h2>
        <p class="small" id="precedence">
          Precedence (config{" "}
          <code>attribution.precedence: {app.config.attribution.precedence}</code>):{" "}
          {PRECEDENCE[app.config.attribution.precedence]}. Per field, the first matching rule below
          that sets it wins; the config file's rules come before the database's.
        </p>
        {tested
          ? (
            <p class="small" id="rules-tested">
              In {tested.period}: {formatCount(tested.charges)} charges,{" "}
              {formatCount(tested.unmatched)} matched by no rule.
            </p>
          )
          : null}
        {rules.length === 0
          ? <p class="muted">No rules yet.</p>
          : (
            <table class="data" id="rules-table">
              <thead>
                <tr>
                  <th class="num">#</th>
                  <th>Name</th>
                  <th>Source</th>
                  <th>Match</th>
                  <th>Sets</th>
                  <th>Where</th>
                  {tested
                    ? (
                      <>
                        <th class="num">Matches</th>
                        <th class="num">First match</th>
                        <th class="num">Billed</th>
                      </>
                    )
                    : null}
                  <th>Actions</th>
                </tr>
              </thead>
              <tbody>
                {rules.map((r, i) => (
                  <RuleRow
                    key={`${r.origin}-${r.name}`}
                    c={c}
                    r={r}
                    n={i + 1}
                    canEdit={canEdit}
                    first={r.id === stored[0]?.id}
                    last={r.id === stored[stored.length - 1]?.id}
                    test={tested?.rules[i]}
                  />
                ))}
              </tbody>
            </table>
          )}
      </section>
      {canEdit
        ? (
          <section class="panel" aria-labelledby="h-rule-form">
            <h2 id="h-rule-form">
              {editId !== undefined ? `Edit rule ${draft.name}` : "Add a rule"}
            </h2>
            <RuleForm c={c} draft={draft} id={editId} period={period} canTest={canTest} />
          </section>
        )
        : null}
    </>
  );
}

/** GET /settings/attribution. */
export function attributionRulesPage(c: WebContext) {
  return c.html(
    <Layout c={c} title="Attribution rules">
      <RulesBody c={c} />
    </Layout>,
  );
}

function storedRuleName(c: WebContext): { id: number; name: string } {
  const id = Number(c.req.param("id"));
  const rule = listAttributionRules(c.get("app")).find((r) => r.id === id);
  if (!rule) {
    throw new NotFoundError(`no database attribution rule #${id}.`, {
      hint: "Rules of the config file are changed in the config file.",
    });
  }
  return { id, name: rule.name };
}

function formReader(body: Record<string, unknown>) {
  return (k: string) => typeof body[k] === "string" ? (body[k] as string) : "";
}

/** POST /settings/attribution (add) and /settings/attribution/:id (save). */
export async function submitAttributionRule(c: WebContext) {
  const editing = c.req.param("id") === undefined ? undefined : storedRuleName(c);
  const draft = readDraft(formReader(await c.req.parseBody()));
  try {
    const spec = draftSpec(draft);
    if (!draft.name.trim()) spec.name = "";
    if (editing) updateAttributionRuleByName(c.get("app"), editing.name, spec);
    else addAttributionRule(c.get("app"), spec);
    return c.redirect(`/settings/attribution?m=${editing ? "saved" : "added"}`, 303);
  } catch (e) {
    if (!(e instanceof UserError) || e instanceof NotFoundError) throw e;
    return c.html(
      <Layout c={c} title="Attribution rules">
        <RulesBody c={c} error={e.webLine()} draft={draft} draftId={editing?.id} />
      </Layout>,
      400,
    );
  }
}

/** POST /settings/attribution/:id/delete. */
export function submitDeleteAttributionRule(c: WebContext) {
  deleteAttributionRuleByName(c.get("app"), storedRuleName(c).name);
  return c.redirect("/settings/attribution?m=deleted", 303);
}

/** POST /settings/attribution/:id/move (direction=up|down). */
export async function submitMoveAttributionRule(c: WebContext) {
  const rule = storedRuleName(c);
  const direction = (await c.req.parseBody()).direction === "up" ? "up" : "down";
  moveAttributionRule(c.get("app"), rule.name, direction);
  return c.redirect("/settings/attribution?m=moved", 303);
}

/** GET /settings/attribution/test?period=&name=&key_0=&value_0=...: the draft tester (htmx). */
export function testAttributionRuleFragment(c: WebContext) {
  const period = c.req.query("period") ?? "";
  if (!isPeriod(period)) {
    return c.html(<div class="error" role="alert">Choose a period to test against.</div>, 400);
  }
  const draft = readDraft((k) => c.req.query(k) ?? "");
  const spec = draftSpec(draft);
  if (Object.keys(spec.match).length === 0) {
    return c.html(<p class="muted">Enter a column or tag and a value to test the rule.</p>);
  }
  const replacing = Number(c.req.query("replacing") ?? NaN);
  try {
    const r = testRulesOnPeriod(
      c.get("app"),
      period,
      spec,
      Number.isInteger(replacing) ? replacing : undefined,
    );
    const d = r.rules.find((x) => x.origin === "draft")!;
    return c.html(<DraftResult period={period} charges={r.charges} draft={d} />);
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    return c.html(<div class="error" role="alert">{e.webLine()}</div>);
  }
}
