/**
 * The parts of /review around its table: the filter parameters, the filter
 * form, the bulk "assign who pays" fields and the confirmation step of
 * "Reject selected" (review_page.tsx puts them together).
 */

import { listSourceNames } from "../../charges/mod.ts";
import type { ReviewOutcome } from "../../review/mod.ts";
import { Csrf, link, SelectFilter, TextFilter } from "../components/data_kit.tsx";
import { formatMoney } from "../components/format.ts";
import type { WebContext } from "../web_env.ts";
import { countOf } from "../../domain/plural.ts";

/** The queue's filters (from the query or the form). */
export interface ReviewParams {
  period: string;
  reason: string;
  source: string;
  pi: string;
}

/** The filters of a request; a missing or malformed period falls back. */
export function readParams(get: (k: string) => string, fallbackPeriod: string): ReviewParams {
  return {
    period: /^\d{4}-\d{2}$/.test(get("period")) ? get("period") : fallbackPeriod,
    reason: get("reason"),
    source: get("source"),
    pi: get("pi").toLowerCase(),
  };
}

/** The money of an outcome, per currency ("nothing" when none). */
export function moneyText(o: ReviewOutcome): string {
  return o.money.totals.map((t) => formatMoney(t.billedCost, t.currency)).join(" + ") || "nothing";
}

/**
 * The confirmation step of "Reject selected": names how many charges and how
 * much money; only its button (confirm=1) rejects. Swapped into #review-body.
 */
export function ConfirmReject(props: { c: WebContext; p: ReviewParams; plan: ReviewOutcome }) {
  const { c, p, plan } = props;
  const what = `${countOf(plan.count, "charge")} billing ${moneyText(plan)}`;
  return (
    <div id="review-body">
      <section class="panel warn" id="confirm-reject">
        <h2>Reject {countOf(plan.count, "charge")}?</h2>
        <p>
          Rejecting {what} in {plan.periods.join(", ")}{" "}
          keeps them out of every statement and journal. Note: {plan.note}
        </p>
        <p class="small muted">
          A rejection can be reopened from the charge's page while its period is open.
        </p>
        <form
          method="post"
          action="/review/decide"
          hx-post="/review/decide"
          hx-target="#review-body"
          hx-swap="outerHTML"
          class="inline"
        >
          <Csrf c={c} />
          {Object.entries(p).map(([k, v]) => <input key={k} type="hidden" name={k} value={v} />)}
          {plan.ids.map((id) => <input key={id} type="hidden" name="id" value={String(id)} />)}
          <input type="hidden" name="note" value={plan.note ?? ""} />
          <input type="hidden" name="decision" value="reject" />
          <input type="hidden" name="confirm" value="1" />
          <button type="submit" class="danger" id="confirm-reject-button">
            Reject {what}
          </button>{" "}
          <a href={link("/review", { ...p })} id="cancel-reject">Cancel</a>
        </form>
      </section>
    </div>
  );
}

/** The bulk "assign who pays" action: PI, project, fund/org, optionally saved as a rule. */
export function AssignFields() {
  return (
    <details class="assign" id="assign-fields">
      <summary>Assign selected…</summary>
      <div class="inline">
        <div class="field">
          <label for="assign-pi">PI email</label>
          <input type="email" id="assign-pi" name="assign_pi" maxlength={254} />
        </div>
        <div class="field">
          <label for="assign-pi-name">PI name (optional)</label>
          <input type="text" id="assign-pi-name" name="assign_pi_name" maxlength={200} />
        </div>
        <div class="field">
          <label for="assign-project">Project</label>
          <input type="text" id="assign-project" name="assign_project" maxlength={200} />
        </div>
        <div class="field">
          <label for="assign-fund">Fund/org</label>
          <input type="text" id="assign-fund" name="assign_fund" maxlength={200} />
        </div>
        <label>
          <input type="checkbox" name="save_rule" value="1" /> Save as rule
        </label>
        <div class="field">
          <label for="assign-rule">Rule name</label>
          <input type="text" id="assign-rule" name="rule_name" maxlength={100} />
        </div>
        <button type="submit" name="decision" value="assign" id="assign-selected">
          Assign selected (note required)
        </button>
      </div>
    </details>
  );
}

/** The filter form (period kept, reason, source, PI). */
export function Filters(props: { c: WebContext; p: ReviewParams; reasons: string[] }) {
  const { p } = props;
  const sources = listSourceNames(props.c.get("app"));
  return (
    <form method="get" action="/review" class="panel inline" role="search">
      <input type="hidden" name="period" value={p.period} />
      <SelectFilter
        id="r-reason"
        name="reason"
        label="Reason"
        value={p.reason}
        options={props.reasons}
      />
      <SelectFilter id="r-source" name="source" label="Source" value={p.source} options={sources} />
      <TextFilter id="r-pi" name="pi" label="PI email" value={p.pi} />
      <button type="submit">Filter</button>
    </form>
  );
}
