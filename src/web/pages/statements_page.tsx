/**
 * /statements: a period's statements with every revision, generate (the
 * pending-review rule is the service's), preview (inline PDF), download,
 * send / resend one PI or all, delivery status from the email log. A PI sees
 * and downloads only their own statements.
 */

import { NotFoundError, UserError } from "../../domain/errors.ts";
import { isPeriod } from "../../domain/period.ts";
import {
  type AttributionGap,
  attributionGaps,
  findStatementRevision,
  generateStatements,
  getStatementPdfPath,
  listStatementEmails,
  planStatementSend,
  type SendPlan,
  sendStatements,
} from "../../statements/mod.ts";
import { countOf, plural } from "../../domain/plural.ts";
import { findJob, JobFragment, type JobStart, startJob } from "./statement_jobs.tsx";
import { pendingReviewCount } from "../../review/mod.ts";
import { Csrf, link, param, StatusBadge } from "../components/data_kit.tsx";
import { formatCount, formatMoney, formatWhen } from "../components/format.ts";
import { Layout, Message } from "../components/layout.tsx";
import { periodSelection } from "../components/period_selection.ts";
import { dataScope, piScope, type WebContext } from "../web_env.ts";
import {
  readStatementGroups,
  StatementListControls,
  statementListParams,
  StatementsTable,
} from "./statements_list.tsx";

function noticeOf(c: WebContext): string | null {
  const n = (k: string) => Number.parseInt(param(c, k), 10);
  if (param(c, "done") === "generate") {
    return `Generated: ${n("new") || 0} new, ${n("revised") || 0} revised, ${
      n("unchanged") || 0
    } unchanged.`;
  }
  if (param(c, "done") === "send") {
    return `Emails: ${n("sent") || 0} sent, ${n("written") || 0} written to files (dev mode), ${
      n("failed") || 0
    } failed; ${n("skipped") || 0} already sent and skipped.`;
  }
  return null;
}

/** The generate gate: billable charges with no valid PI email or fund/org, with their fix. */
function AttributionGapsPanel(props: { gaps: AttributionGap[] }) {
  const { gaps } = props;
  if (gaps.length === 0) return null;
  return (
    <section class="panel warn" id="attribution-gaps">
      <h2>Generate is refused</h2>
      <p>
        {formatCount(gaps.length)} billable charge{gaps.length === 1 ? " has" : "s have"}{" "}
        no valid PI email or fund/org: no statement can be numbered until they are assigned (on the
        charge's page, the review queue, or with <code>openchargeback review assign</code>).
      </p>
      <ul>
        {gaps.slice(0, 50).map((g) => (
          <li>
            <a href={g.page}>charge {g.id}</a> ({g.source}): {g.problems.join(", ")} ·{" "}
            <code>{g.fix}</code>
          </li>
        ))}
      </ul>
    </section>
  );
}

function EditorForms(props: { c: WebContext; period: string; pending: number }) {
  const { c, period, pending } = props;
  return (
    <div class="grid-2">
      <form method="post" action="/statements/generate" class="panel" id="generate-form">
        <h2>Generate</h2>
        <Csrf c={c} />
        <input type="hidden" name="period" value={period} />
        {pending > 0
          ? (
            <p class="warn-text">
              {formatCount(pending)} charge{pending === 1 ? "" : "s"} of {period} await review:{" "}
              <a href={link("/review", { period })}>review them</a> first, or generate without them.
            </p>
          )
          : <p class="small muted">Unchanged statements keep their revision.</p>}
        {pending > 0
          ? (
            <div class="field">
              <label>
                <input type="checkbox" name="allow_pending" value="1" />{" "}
                Leave the charges awaiting review out (each statement notes them)
              </label>
            </div>
          )
          : null}
        <button type="submit" id="generate-button">Generate statements for {period}</button>
      </form>
      <form method="post" action="/statements/send" class="panel" id="send-all-form">
        <h2>Send</h2>
        <Csrf c={c} />
        <input type="hidden" name="period" value={period} />
        <p class="small muted">One email per PI with their latest revisions.</p>
        <div class="field">
          <label>
            <input type="checkbox" name="resend" value="1" /> Resend revisions already sent
          </label>
        </div>
        <button type="submit" id="send-all-button">Send all for {period}…</button>
      </form>
    </div>
  );
}

function StatementsBody(props: { c: WebContext; period: string | null; error?: string }) {
  const { c, period } = props;
  const scope = piScope(c);
  // the route table decides: generate and send are the same roles' (editors)
  const editor = c.get("canPost")("/statements/generate") && c.get("canPost")("/statements/send");
  if (!period) {
    return (
      <>
        <h1>Statements</h1>
        <p class="muted">No periods yet.</p>
      </>
    );
  }
  const app = c.get("app");
  const listParams = statementListParams(c);
  const list = readStatementGroups(c, period, listParams);
  const emails = scope ? [] : listStatementEmails(app, period);
  const pending = scope ? 0 : pendingReviewCount(app, period);
  const job = editor ? findJob(c, param(c, "job")) : undefined;
  return (
    <>
      <h1>Statements · {period}</h1>
      <Message kind="notice" text={noticeOf(c)} />
      <Message kind="error" text={props.error} />
      {job ? <JobFragment job={job} /> : null}
      {editor ? <AttributionGapsPanel gaps={attributionGaps(app, period)} /> : null}
      {editor ? <EditorForms c={c} period={period} pending={pending} /> : null}
      <section class="panel">
        <h2>Statements and revisions</h2>
        <StatementListControls period={period} p={listParams} />
        {list.groups.length === 0
          ? (
            <p class="muted">
              {listParams.search ? "No statements match." : `No statements for ${period} yet.`}
            </p>
          )
          : <StatementsTable c={c} period={period} list={list} editor={editor} />}
      </section>
      {scope ? null : (
        <section class="panel">
          <h2>Delivery</h2>
          {emails.length === 0 ? <p class="muted">No emails yet.</p> : (
            <table>
              <thead>
                <tr>
                  <th>When</th>
                  <th>To</th>
                  <th>Statements</th>
                  <th>Status</th>
                  <th>Attempts</th>
                  <th>Error</th>
                </tr>
              </thead>
              <tbody>
                {emails.map((e) => (
                  <tr>
                    <td>{formatWhen(e.at)}</td>
                    <td>{e.recipient}</td>
                    <td class="small">
                      {e.statements.join(", ")}
                    </td>
                    <td>
                      <StatusBadge status={e.status} />
                    </td>
                    <td class="num">{e.attempts}</td>
                    <td class="small">{e.error ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
    </>
  );
}

/** GET /statements. */
export function statementsPage(c: WebContext) {
  return c.html(
    <Layout c={c} title="Statements">
      <StatementsBody c={c} period={periodSelection(c).selected} />
    </Layout>,
  );
}

async function formPeriod(
  c: WebContext,
): Promise<{ period: string; body: Record<string, unknown> }> {
  const body = await c.req.parseBody();
  const period = typeof body.period === "string" ? body.period.trim() : "";
  if (!isPeriod(period)) throw new UserError("choose a period (YYYY-MM).");
  return { period, body };
}

function refused(c: WebContext, period: string, e: unknown) {
  if (!(e instanceof UserError) || e instanceof NotFoundError) throw e;
  return c.html(
    <Layout c={c} title="Statements">
      <StatementsBody c={c} period={period} error={e.webLine()} />
    </Layout>,
    400,
  );
}

/** A started job's answer: the refusal in the page, the result, or the page with its progress. */
function jobAnswer(c: WebContext, period: string, start: JobStart) {
  if (start.kind === "refused") return refused(c, period, start.error);
  if (start.kind === "finished") return c.redirect(start.href, 303);
  return c.redirect(link("/statements", { period, job: start.job.id }), 303);
}

/** POST /statements/generate: generate (allow_pending=1 leaves pending charges out), as a job. */
export async function submitGenerate(c: WebContext) {
  const { period, body } = await formPeriod(c);
  const start = await startJob(c, "generate", period, async (onProgress) => {
    const r = await generateStatements(c.get("app"), {
      period,
      allowPending: body.allow_pending === "1",
      onProgress,
    });
    const count = (s: string) => r.statements.filter((x) => x.status === s).length;
    return link("/statements", {
      period,
      done: "generate",
      new: count("new"),
      revised: count("revised"),
      unchanged: count("unchanged"),
    });
  });
  return jobAnswer(c, period, start);
}

function sendMoney(plan: SendPlan): string {
  return plan.billed.map((b) => formatMoney(b.micros, b.currency)).join(" + ") || "nothing";
}

/**
 * The confirmation step of "Send all" or "Send to this PI" (`pi`): who gets
 * an email and how much their statements bill.
 */
function ConfirmSend(props: { c: WebContext; plan: SendPlan; resend: boolean; pi?: string }) {
  const { c, plan, resend, pi } = props;
  const pis = pi && plan.recipients.length === 1 ? pi : countOf(plan.recipients.length, "PI");
  const skipped = plan.skipped
    ? ` ${countOf(plan.skipped, "statement")} already sent ${plural(plan.skipped, "is")} skipped.`
    : "";
  return (
    <>
      <h1>
        {pi
          ? `Send ${pi}'s statements for ${plan.period}?`
          : `Send all statements for ${plan.period}?`}
      </h1>
      <section class="panel warn" id="confirm-send">
        {plan.recipients.length === 0
          ? (
            <p>
              Nothing to send: no statement of {pi ? `${pi} in ` : ""}
              {plan.period} waits to be emailed.{skipped}
            </p>
          )
          : (
            <p>
              This emails {pis} ({countOf(plan.statements, "statement")} billing{" "}
              {sendMoney(plan)}).{skipped} {c.get("app").config.dev_mode
                ? "Dev mode: the emails are written to files, nothing is sent."
                : "An email cannot be taken back."}
            </p>
          )}
        <form method="post" action="/statements/send" class="inline">
          <Csrf c={c} />
          <input type="hidden" name="period" value={plan.period} />
          {pi ? <input type="hidden" name="pi" value={pi} /> : null}
          {resend ? <input type="hidden" name="resend" value="1" /> : null}
          <input type="hidden" name="confirm" value="1" />
          {plan.recipients.length > 0
            ? (
              <button type="submit" class="danger" id="confirm-send-button">
                Email {pis}: {sendMoney(plan)}
              </button>
            )
            : null} <a href={link("/statements", { period: plan.period })}>Cancel</a>
        </form>
      </section>
    </>
  );
}

/**
 * POST /statements/send: email one PI's (pi=) latest statements, or every
 * PI's: either asks first (without confirm=1 the confirmation step, which
 * sends nothing), then runs as a job.
 */
export async function submitSend(c: WebContext) {
  const { period, body } = await formPeriod(c);
  const pi = typeof body.pi === "string" && body.pi.trim() ? body.pi.trim() : undefined;
  const resend = body.resend === "1";
  const app = c.get("app");
  if (body.confirm !== "1") {
    try {
      const plan = planStatementSend(app, { period, pi, resend });
      return c.html(
        <Layout c={c} title="Statements">
          <ConfirmSend c={c} plan={plan} resend={resend} pi={pi} />
        </Layout>,
      );
    } catch (e) {
      return refused(c, period, e);
    }
  }
  const start = await startJob(c, "send", period, async (onProgress) => {
    const r = await sendStatements(app, { period, pi, resend, onProgress });
    return link("/statements", { period, done: "send", ...r.emails, skipped: r.skipped });
  });
  return jobAnswer(c, period, start);
}

/** GET /statements/:number/pdf[?revision=N][&inline=1]: the PDF (a PI only their own). */
export async function statementPdf(c: WebContext) {
  const number = c.req.param("number") ?? "";
  const revText = param(c, "revision");
  const revision = /^\d{1,6}$/.test(revText) ? Number(revText) : undefined;
  const row = findStatementRevision(c.get("app"), number, revision, dataScope(c));
  const path = getStatementPdfPath(c.get("app"), number, row.revision);
  const bytes = await Deno.readFile(path);
  const disposition = param(c, "inline") === "1" ? "inline" : "attachment";
  return c.body(bytes, 200, {
    "Content-Type": "application/pdf",
    "Content-Disposition": `${disposition}; filename="statement_${number}_r${row.revision}.pdf"`,
    "Cache-Control": "private, no-store",
  });
}
