/**
 * /review: the charges awaiting review, filtered by period, reason, source and
 * PI; bulk approve or reject with a note (the review service decides and
 * audits). With htmx the decision swaps only #review-body (counts, table).
 */

import { UserError } from "../../domain/errors.ts";
import { parseFlagReasons } from "../../domain/flag_reasons.ts";
import { periodLockNotice, periodStatus } from "../../periods/mod.ts";
import {
  approveCharges,
  assignCharges,
  pendingReasons,
  planRejection,
  readReviewQueue,
  rejectCharges,
  type ReviewOutcome,
  type ReviewQueuePage,
} from "../../review/mod.ts";
import { Csrf, link, MoneyList, pageParam, Pager, param } from "../components/data_kit.tsx";
import { formatCount, formatMoney } from "../components/format.ts";
import { Layout, Message } from "../components/layout.tsx";
import { periodSelection } from "../components/period_selection.ts";
import type { WebContext } from "../web_env.ts";
import {
  AssignFields,
  ConfirmReject,
  Filters,
  readParams,
  type ReviewParams,
} from "./review_forms.tsx";
import { countOf } from "../../domain/plural.ts";

/** Rows per page of the queue. */
export const REVIEW_PAGE_SIZE = 100;

function outcomeText(o: ReviewOutcome): string {
  const verb = o.decision === "approved" ? "Approved" : "Rejected";
  const money = o.money.totals.map((t) => formatMoney(t.billedCost, t.currency));
  return `${verb} ${countOf(o.count, "charge")}${money.length ? ` (${money.join(" + ")})` : ""}.`;
}

/** The swappable part of the page: counts, decision form and table. */
function ReviewBody(
  props: { c: WebContext; p: ReviewParams; page: number; notice?: string; error?: string },
) {
  const { c, p, page } = props;
  const app = c.get("app");
  const slice = { limit: REVIEW_PAGE_SIZE, offset: (page - 1) * REVIEW_PAGE_SIZE };
  let error = props.error;
  let queue: ReviewQueuePage;
  try {
    queue = readReviewQueue(app, p, slice);
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    error = e.webLine();
    queue = readReviewQueue(app, { period: p.period }, slice);
  }
  const { rows, totals, total, reasons } = queue;
  // a closed or finalized period offers no decision (the service would refuse it)
  const lock = p.period ? periodLockNotice(periodStatus(app, p.period), p.period) : undefined;
  const canDecide = !lock && c.get("canPost")("/review/decide");
  const filterRecord = { ...p };
  return (
    <div id="review-body">
      <Message kind="notice" text={props.notice} />
      <Message kind="error" text={error} />
      <Message kind="notice" text={lock} />
      <div class="cards" aria-live="polite">
        <div class="card">
          <div class="label">Awaiting review</div>
          <div class="value" id="pending-count">{formatCount(total)}</div>
        </div>
        <div class="card">
          <div class="label">Billed held back</div>
          <div class="value">
            <MoneyList items={totals.map((t) => ({ currency: t.currency, amount: t.billed }))} />
          </div>
        </div>
        {reasons.slice(0, 6).map((r) => (
          <div class="card">
            <div class="label">{r.reason}</div>
            <div class="value">
              <a href={link("/review", { ...filterRecord, reason: r.reason })}>
                {formatCount(r.charges)}
              </a>
            </div>
          </div>
        ))}
      </div>
      <form
        class="panel"
        id="review-form"
        {...(canDecide
          ? {
            method: "post",
            action: "/review/decide",
            "hx-post": "/review/decide",
            "hx-target": "#review-body",
            "hx-swap": "outerHTML",
          }
          : {})}
      >
        <Csrf c={c} />
        {Object.entries(filterRecord).map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        {canDecide && rows.length
          ? (
            <div class="inline decision-bar">
              <div class="field grow">
                <label for="review-note">Note (required to reject)</label>
                <input type="text" id="review-note" name="note" maxlength={500} />
              </div>
              <button type="submit" name="decision" value="approve" id="approve-selected">
                Approve selected
              </button>
              <button type="submit" name="decision" value="reject" class="danger">
                Reject selected
              </button>
              <AssignFields />
              {p.period && !p.source && !p.pi
                ? (
                  <button type="submit" name="decision" value="approve_all" class="secondary">
                    Approve all {formatCount(total)}
                    {p.reason ? ` (${p.reason})` : ""} in {p.period}
                  </button>
                )
                : null}
            </div>
          )
          : null}
        {rows.length === 0 ? <p class="muted">Nothing awaits review here.</p> : (
          <table class="data">
            <thead>
              <tr>
                {canDecide
                  ? (
                    <th>
                      <input
                        type="checkbox"
                        id="select-all"
                        aria-label="Select all shown"
                        data-select-all="id"
                      />
                    </th>
                  )
                  : null}
                <th>Id</th>
                <th>Period</th>
                <th>Source</th>
                <th>PI</th>
                <th>Project</th>
                <th>Fund/org</th>
                <th>Service</th>
                <th class="num">Billed</th>
                <th>Reasons</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  {canDecide
                    ? (
                      <td>
                        <input
                          type="checkbox"
                          name="id"
                          value={String(r.id)}
                          id={`pick-${r.id}`}
                          aria-label={`Select charge ${r.id}`}
                        />
                      </td>
                    )
                    : null}
                  <td>
                    <a href={`/charges/${r.id}`}>{r.id}</a>
                  </td>
                  <td>{r.period}</td>
                  <td>{r.source_name}</td>
                  <td>{r.pi_email ?? ""}</td>
                  <td>{r.project_id ?? ""}</td>
                  <td>{r.fund_org ?? ""}</td>
                  <td>{r.service_name ?? ""}</td>
                  <td class="num">{formatMoney(r.billed_cost, r.billing_currency)}</td>
                  <td class="small">{parseFlagReasons(r.flags).join(", ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <Pager
          page={page}
          pageSize={REVIEW_PAGE_SIZE}
          total={total}
          href={(n) => link("/review", { ...filterRecord, page: n })}
        />
      </form>
    </div>
  );
}

function page(
  c: WebContext,
  p: ReviewParams,
  body: { notice?: string; error?: string },
  status = 200,
) {
  const reasons = pendingReasons(c.get("app"), p.period);
  return c.html(
    <Layout c={c} title="Review">
      <h1>Review{p.period ? ` · ${p.period}` : ""}</h1>
      <Filters c={c} p={p} reasons={reasons} />
      <ReviewBody c={c} p={p} page={pageParam(c)} {...body} />
    </Layout>,
    status as 200,
  );
}

/** GET /review. */
export function reviewPage(c: WebContext) {
  const p = readParams((k) => param(c, k), periodSelection(c).selected ?? "");
  const decided = param(c, "decided");
  const count = Number.parseInt(param(c, "count"), 10);
  const notice = (decided === "approved" || decided === "rejected") && count >= 0
    ? `${decided === "approved" ? "Approved" : "Rejected"} ${countOf(count, "charge")}.`
    : param(c, "assigned")
    ? `Assigned ${countOf(Number(param(c, "assigned")), "charge")}.`
    : undefined;
  return page(c, p, { notice });
}

/** POST /review/decide: approve or reject the selected charges (or approve all of a period). */
export async function submitReviewDecision(c: WebContext) {
  const body = await c.req.parseBody({ all: true });
  const one = (k: string) => {
    const v = body[k];
    return (typeof v === "string" ? v : Array.isArray(v) && typeof v[0] === "string" ? v[0] : "")
      .trim().slice(0, 500);
  };
  const p = readParams(one, "");
  const raw = body.id;
  const ids = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw])
    .map((v) => Number(typeof v === "string" ? v : NaN));
  const htmx = !!c.req.header("HX-Request");
  let notice: string | undefined;
  let error: string | undefined;
  let done: ReviewOutcome | undefined;
  try {
    const app = c.get("app");
    const decision = one("decision");
    let outcome: ReviewOutcome;
    if (decision === "assign") {
      const saveRule = one("save_rule") === "1";
      if (saveRule && !one("rule_name")) {
        throw new UserError("saving the assignment as a rule needs a rule name.", {
          hint: "Fill in Rule name, or untick Save as rule.",
        });
      }
      const a = assignCharges(app, {
        ids,
        piEmail: one("assign_pi"),
        piName: one("assign_pi_name") || undefined,
        projectId: one("assign_project"),
        fundOrg: one("assign_fund"),
        note: one("note"),
        saveRule: saveRule ? one("rule_name") : undefined,
      });
      notice = `Assigned ${a.count} charge${a.count === 1 ? "" : "s"}: ${a.cleared} no longer ` +
        `flagged, ${a.stillFlagged.length} still flagged${
          a.rule ? `; saved rule '${a.rule.name}'` : ""
        }.`;
      if (htmx) return c.html(<ReviewBody c={c} p={p} page={1} notice={notice} />);
      return c.redirect(link("/review", { ...p, assigned: a.count }), 303);
    }
    if (decision === "reject" && one("confirm") !== "1") {
      // nothing is rejected without the confirmation step's own button
      const plan = planRejection(app, ids, one("note"));
      if (htmx) return c.html(<ConfirmReject c={c} p={p} plan={plan} />);
      return c.html(
        <Layout c={c} title="Review">
          <h1>Review{p.period ? ` · ${p.period}` : ""}</h1>
          <ConfirmReject c={c} p={p} plan={plan} />
        </Layout>,
      );
    }
    if (decision === "approve") outcome = approveCharges(app, { ids }, one("note"));
    else if (decision === "reject") outcome = rejectCharges(app, ids, one("note"));
    else if (decision === "approve_all") {
      if (!p.period) throw new UserError("choose a period first.");
      outcome = approveCharges(
        app,
        { period: p.period, reason: p.reason || undefined },
        one("note"),
      );
    } else throw new UserError("unknown decision.", { hint: "Use the Approve or Reject buttons." });
    notice = outcomeText(outcome);
    done = outcome;
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    error = e.webLine();
  }
  if (htmx) {
    return c.html(<ReviewBody c={c} p={p} page={1} notice={notice} error={error} />);
  }
  if (error) return page(c, p, { error }, 400);
  return c.redirect(
    link("/review", { ...p, decided: done?.decision, count: done?.count }),
    303,
  );
}
