/**
 * /periods: every period with status and totals; /periods/YYYY-MM: one period
 * (imports, top PIs, statements) with close, reopen (reason) and finalize
 * (typed confirmation). The period service applies the rules and audits.
 */

import { UserError } from "../../domain/errors.ts";
import { countOf, plural } from "../../domain/plural.ts";
import {
  closePeriod,
  createPeriod,
  finalizePeriod,
  getPeriodDetail,
  listPeriods,
  type PeriodSummary,
  reopenPeriod,
  statementRoundingText,
} from "../../periods/mod.ts";
import { listStatements } from "../../statements/mod.ts";
import { Csrf, link, MoneyList, StatusBadge } from "../components/data_kit.tsx";
import { formatCount, formatMoney, formatWhen } from "../components/format.ts";
import { Layout, Message } from "../components/layout.tsx";
import type { WebContext } from "../web_env.ts";

function billed(s: PeriodSummary) {
  return s.money.totals.map((t) => ({ currency: t.currency, amount: t.billedCost }));
}

/** GET /periods. */
export function periodsPage(c: WebContext) {
  return c.html(
    <Layout c={c} title="Periods">
      <PeriodsList c={c} />
    </Layout>,
  );
}

/** The create form (admin, reviewer): a period made by hand, before any import. */
function CreateForm(props: { c: WebContext; value?: string }) {
  if (!props.c.get("canPost")("/periods")) return null;
  return (
    <form method="post" action="/periods" class="panel inline" id="period-create">
      <Csrf c={props.c} />
      <div class="field">
        <label for="new-period">New period</label>
        <input
          type="text"
          id="new-period"
          name="period"
          placeholder="YYYY-MM"
          pattern="\d{4}-\d{2}"
          size={8}
          value={props.value ?? ""}
          required
        />
      </div>
      <button type="submit" id="period-create-button">Create period</button>
      <span class="small muted">Importing charges creates their period too.</span>
    </form>
  );
}

function PeriodsList(props: { c: WebContext; error?: string; draft?: string }) {
  const { c } = props;
  const periods = listPeriods(c.get("app"));
  return (
    <>
      <h1>Periods</h1>
      <Message kind="error" text={props.error} />
      <CreateForm c={c} value={props.draft} />
      <section class="panel">
        {periods.length === 0
          ? <p class="muted">No periods yet; importing charges creates them.</p>
          : (
            <table class="data">
              <thead>
                <tr>
                  <th>Period</th>
                  <th>Status</th>
                  <th class="num">Charges</th>
                  <th class="num">Awaiting review</th>
                  <th class="num">Billed</th>
                  <th>Closed</th>
                  <th>Finalized</th>
                </tr>
              </thead>
              <tbody>
                {periods.map((p) => (
                  <tr>
                    <td>
                      <a href={`/periods/${p.period}?period=${p.period}`}>{p.period}</a>
                    </td>
                    <td>
                      <StatusBadge status={p.status} />
                    </td>
                    <td class="num">{formatCount(p.charges)}</td>
                    <td class="num">
                      {p.flagged
                        ? (
                          <a href={link("/review", { period: p.period })}>
                            {formatCount(p.flagged)}
                          </a>
                        )
                        : "0"}
                    </td>
                    <td class="num">
                      <MoneyList items={billed(p)} />
                    </td>
                    <td>{formatWhen(p.closedAt)}</td>
                    <td>{formatWhen(p.finalizedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
      </section>
    </>
  );
}

/** POST /periods: create the period named in the form (open), then show it. */
export async function submitCreatePeriod(c: WebContext) {
  const body = await c.req.parseBody();
  const period = typeof body.period === "string" ? body.period.trim() : "";
  try {
    const s = createPeriod(c.get("app"), period);
    return c.redirect(`/periods/${s.period}?period=${s.period}&m=create`, 303);
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    return c.html(
      <Layout c={c} title="Periods">
        <PeriodsList c={c} error={e.oneLine()} draft={period} />
      </Layout>,
      400,
    );
  }
}

const NOTICES: Record<string, string> = {
  close: "Period closed: imports and review decisions are refused until it is reopened.",
  reopen: "Period reopened.",
  finalize: "Period finalized. It will never change again.",
  create: "Period created, open. Import its charges on the Imports page.",
};

function Actions(props: { c: WebContext; s: PeriodSummary }) {
  const { c, s } = props;
  const base = `/periods/${s.period}`;
  const canPost = (action: string) => c.get("canPost")(`${base}/${action}`);
  if (s.status === "finalized") return <p class="muted">Finalized periods never change.</p>;
  return (
    <div class="grid-2">
      {s.status === "open" && canPost("close")
        ? (
          <form method="post" action={`${base}/close`} class="panel">
            <h2>Close</h2>
            <p class="small muted">Refuses imports and review decisions until reopened.</p>
            <Csrf c={c} />
            {s.flagged > 0
              ? (
                <div class="field">
                  <p class="notice">
                    {countOf(s.flagged, "charge")} of {s.period} {plural(s.flagged, "awaits")}{" "}
                    review; closing locks {s.flagged === 1 ? "it" : "them"}{" "}
                    until the period is reopened (<a href={`/review?period=${s.period}`}>
                      Review page
                    </a>).
                  </p>
                  <label>
                    <input type="checkbox" name="allow_pending" value="1" required /> Close with
                    {" "}
                    {countOf(s.flagged, "charge")} awaiting review
                  </label>
                </div>
              )
              : null}
            <button type="submit">Close {s.period}</button>
          </form>
        )
        : null}
      {s.status === "closed" && canPost("reopen")
        ? (
          <form method="post" action={`${base}/reopen`} class="panel">
            <h2>Reopen</h2>
            <Csrf c={c} />
            <div class="field">
              <label for="reopen-reason">Reason (audited)</label>
              <input type="text" id="reopen-reason" name="reason" required maxlength={500} />
            </div>
            <button type="submit" class="secondary">Reopen {s.period}</button>
          </form>
        )
        : null}
      {canPost("finalize")
        ? (
          <form method="post" action={`${base}/finalize`} class="panel">
            <h2>Finalize</h2>
            <p class="small muted">
              Permanent: {countOf(s.charges, "charge")} billing <MoneyList items={billed(s)} />{" "}
              will never change again. Refused while charges await review ({formatCount(s.flagged)}
              {" "}
              now).
            </p>
            <Csrf c={c} />
            <div class="field">
              <label for="finalize-confirm">Type {s.period} to confirm</label>
              <input
                type="text"
                id="finalize-confirm"
                name="confirm"
                required
                pattern={s.period}
                autocomplete="off"
              />
            </div>
            <div class="field">
              <label for="finalize-notes">Notes</label>
              <input type="text" id="finalize-notes" name="notes" maxlength={500} />
            </div>
            <button type="submit" class="danger">Finalize {s.period}</button>
          </form>
        )
        : null}
    </div>
  );
}

function PeriodDetail(props: { c: WebContext; period: string; error?: string }) {
  const { c } = props;
  const app = c.get("app");
  const { summary: s, imports, topPis: top } = getPeriodDetail(app, props.period);
  const statements = listStatements(app, { period: s.period }).filter((x) => x.latest);
  const q = `period=${s.period}`;
  return (
    <>
      <h1>
        Period {s.period} <StatusBadge status={s.status} />
      </h1>
      <Message kind="notice" text={NOTICES[c.req.query("m") ?? ""]} />
      <Message kind="error" text={props.error} />
      <div class="cards">
        <div class="card">
          <div class="label">Charges</div>
          <div class="value">
            <a href={`/charges?${q}`}>{formatCount(s.charges)}</a>
          </div>
        </div>
        <div class="card">
          <div class="label">Awaiting review</div>
          <div class="value">
            <a href={`/review?${q}`}>{formatCount(s.flagged)}</a>
          </div>
        </div>
        <div class="card">
          <div class="label">Billed</div>
          <div class="value">
            <MoneyList items={billed(s)} />
          </div>
        </div>
        <div class="card">
          <div class="label">Statements</div>
          <div class="value">
            <a href={`/statements?${q}`}>{formatCount(statements.length)}</a>
          </div>
        </div>
      </div>
      {s.pending.length > 0 && (
        <p class="muted" id="period-pending">
          Pending review (not billed):{" "}
          <MoneyList
            items={s.pending.map((p) => ({ currency: p.currency, amount: p.billedCost }))}
          />
        </p>
      )}
      {s.statements && (
        <p class="muted" id="period-rounding">
          {s.statements.totals.map((t) => `${t.currency}: ${statementRoundingText(t)}`).join("; ")}
        </p>
      )}
      {s.notes ? <p>Notes: {s.notes}</p> : null}
      <Actions c={c} s={s} />
      <div class="grid-2">
        <section class="panel">
          <h2>Top PIs</h2>
          {top.length === 0 ? <p class="muted">No billable charges.</p> : (
            <table>
              <tbody>
                {top.map((t) => (
                  <tr>
                    <td>
                      <a href={`/pis/${encodeURIComponent(t.key)}?${q}`}>{t.key}</a>
                    </td>
                    <td class="num">{formatCount(t.charges)}</td>
                    <td class="num">{formatMoney(t.billed, t.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section class="panel">
          <h2>Imports</h2>
          {imports.length === 0 ? <p class="muted">None.</p> : (
            <table>
              <tbody>
                {imports.map((i) => (
                  <tr>
                    <td>
                      <a href={`/imports/${i.id}`}>#{i.id}</a>
                    </td>
                    <td>{i.source.displayName}</td>
                    <td>{formatWhen(i.importedAt)}</td>
                    <td class="num">{formatCount(i.rows)} rows</td>
                    <td>
                      <StatusBadge status={i.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
    </>
  );
}

/** GET /periods/:period. */
export function periodDetailPage(c: WebContext) {
  const period = c.req.param("period") ?? "";
  return c.html(
    <Layout c={c} title={`Period ${period}`}>
      <PeriodDetail c={c} period={period} />
    </Layout>,
  );
}

/** POST /periods/:period/(close|reopen|finalize). */
export function submitPeriodChange(action: "close" | "reopen" | "finalize") {
  return async (c: WebContext) => {
    const period = c.req.param("period") ?? "";
    const body = await c.req.parseBody();
    const text = (k: string) => (typeof body[k] === "string" ? (body[k] as string) : "").trim();
    const app = c.get("app");
    try {
      if (action === "close") {
        closePeriod(app, period, { allowPending: text("allow_pending") === "1" });
      } else if (action === "reopen") reopenPeriod(app, period, text("reason"));
      else {
        if (text("confirm") !== period) {
          throw new UserError(`type ${period} to confirm finalizing it.`, {
            hint: "Finalizing is permanent.",
          });
        }
        finalizePeriod(app, period, text("notes") || undefined);
      }
      return c.redirect(`/periods/${period}?period=${period}&m=${action}`, 303);
    } catch (e) {
      if (!(e instanceof UserError) || e.name === "NotFoundError") throw e;
      return c.html(
        <Layout c={c} title={`Period ${period}`}>
          <PeriodDetail c={c} period={period} error={e.webLine()} />
        </Layout>,
        400,
      );
    }
  };
}
