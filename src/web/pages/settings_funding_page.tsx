/**
 * /settings/funding: fund splits and fund expiry dates. The config file's are
 * listed read-only ("from the config"); the database's are added, edited and
 * deleted here (admin). A stored split wins over a config split of the same
 * project for the months both cover; a stored expiry replaces the config's.
 */

import { NotFoundError, UserError } from "../../domain/errors.ts";
import {
  deleteFundSplitById,
  type FundSplitInput,
  type FundSplitListing,
  listFundExpiries,
  listFundSplits,
  saveFundSplit,
  setFundExpiry,
} from "../../funding/mod.ts";
import { Csrf } from "../components/data_kit.tsx";
import { Layout, Message } from "../components/layout.tsx";
import type { WebContext } from "../web_env.ts";

const NOTICES: Record<string, string> = {
  added: "Split added. Imports, statements and journals use it from now on.",
  saved: "Split saved.",
  deleted: "Split deleted.",
  expiry: "Fund expiry saved.",
};

/** How many fund rows the split form offers (at least). */
const FUND_ROWS = 4;

function Origin(props: { origin: "config" | "database" }) {
  return props.origin === "config"
    ? <span class="badge">from the config</span>
    : <span class="badge ok">database</span>;
}

function SplitForm(props: { c: WebContext; split?: FundSplitInput; id?: number }) {
  const s = props.split ?? { projectId: "", from: "", until: "", funds: [] };
  const rows = Math.max(FUND_ROWS, s.funds.length + 1);
  const action = props.id === undefined ? "/settings/funding" : `/settings/funding/${props.id}`;
  return (
    <form method="post" action={action} id="split-form">
      <Csrf c={props.c} />
      <div class="inline">
        <div class="field">
          <label for="split-project">Project</label>
          <input id="split-project" name="project_id" value={s.projectId} required />
        </div>
        <div class="field">
          <label for="split-from">From (month)</label>
          <input id="split-from" name="from" value={s.from} placeholder="2026-01" required />
        </div>
        <div class="field">
          <label for="split-until">Until (month, inclusive; empty: no end)</label>
          <input id="split-until" name="until" value={s.until ?? ""} placeholder="2026-12" />
        </div>
      </div>
      {Array.from({ length: rows }, (_, i) => (
        <div class="inline">
          <div class="field">
            <label for={`fund-${i}`}>Fund/org {i + 1}</label>
            <input id={`fund-${i}`} name={`fund_${i}`} value={s.funds[i]?.fundOrg ?? ""} />
          </div>
          <div class="field">
            <label for={`percent-${i}`}>Percent {i + 1}</label>
            <input
              id={`percent-${i}`}
              name={`percent_${i}`}
              value={s.funds[i]?.percent ?? ""}
              inputmode="decimal"
              placeholder="60.00"
            />
          </div>
        </div>
      ))}
      <p class="small muted">The percents must total exactly 100.00.</p>
      <div class="inline">
        <button type="submit">{props.id === undefined ? "Add split" : "Save split"}</button>
        {props.id !== undefined
          ? <a class="button secondary" href="/settings/funding">Cancel</a>
          : null}
      </div>
    </form>
  );
}

function SplitRow(props: { c: WebContext; s: FundSplitListing; canEdit: boolean }) {
  const { s } = props;
  return (
    <tr>
      <td>{s.projectId}</td>
      <td>{s.from}</td>
      <td>{s.until ?? "no end"}</td>
      <td>
        {s.funds.map((f) => <div key={f.fundOrg}>{f.percent} % → {f.fundOrg}</div>)}
      </td>
      <td class="num">
        {s.total} %
        {s.total !== "100.00" ? <div class="badge danger">flagged split_not_100</div> : null}
      </td>
      <td>
        <Origin origin={s.origin} />
      </td>
      <td>
        {props.canEdit && s.id !== null
          ? (
            <div class="inline">
              <a class="button secondary" href={`/settings/funding?edit=${s.id}`}>Edit</a>
              <form method="post" action={`/settings/funding/${s.id}/delete`}>
                <Csrf c={props.c} />
                <button type="submit" class="danger">Delete</button>
              </form>
            </div>
          )
          : s.origin === "config"
          ? <span class="small muted">edit funding.splits in the config file</span>
          : null}
      </td>
    </tr>
  );
}

function FundingBody(
  props: { c: WebContext; error?: string; draft?: FundSplitInput; draftId?: number },
) {
  const { c } = props;
  const app = c.get("app");
  const canEdit = c.get("canPost")("/settings/funding");
  const splits = listFundSplits(app);
  const expiries = listFundExpiries(app);
  const found = splits.find((s) => s.id !== null && String(s.id) === c.req.query("edit"));
  const editing: FundSplitInput | undefined = props.draft ?? found;
  const editId = props.draft ? props.draftId : found?.id ?? undefined;
  return (
    <>
      <h1>Fund splits</h1>
      <p>
        <a href="/settings">Settings</a> · <a href="/settings/attribution">Attribution rules</a>
      </p>
      <Message kind="notice" text={NOTICES[c.req.query("m") ?? ""]} />
      <Message kind="error" text={props.error} />
      <section class="panel" aria-labelledby="h-splits">
        <h2 id="h-splits">Splits</h2>
        <p class="small muted">
          A project's charges are split across funds by percent; each fund is debited its share,
          allocated in cents by largest remainder so the shares add up to the statement. Rule: a
          split stored here wins over a config split of the same project for the months both cover.
        </p>
        {splits.length === 0 ? <p class="muted">No splits.</p> : (
          <table id="splits-table">
            <thead>
              <tr>
                <th>Project</th>
                <th>From</th>
                <th>Until</th>
                <th>Funds</th>
                <th class="num">Total</th>
                <th>Where</th>
                <th>Actions</th>
              </tr>
            </thead>
            <tbody>
              {splits.map((s, i) => (
                <SplitRow key={`${s.origin}-${s.id ?? i}`} c={c} s={s} canEdit={canEdit} />
              ))}
            </tbody>
          </table>
        )}
      </section>
      {canEdit
        ? (
          <section class="panel" aria-labelledby="h-split-form">
            <h2 id="h-split-form">
              {editId !== undefined && editing
                ? `Edit the split of ${editing.projectId}`
                : "Add a split"}
            </h2>
            <SplitForm
              c={c}
              split={editing}
              id={editId}
            />
          </section>
        )
        : null}
      <section class="panel" aria-labelledby="h-expiry">
        <h2 id="h-expiry">Fund expiry dates</h2>
        <p class="small muted">
          A charge on a fund after its last day is flagged expired_fund, never moved. A date stored
          here replaces the config's for that fund.
        </p>
        {expiries.length === 0 ? <p class="muted">No fund expires.</p> : (
          <table id="expiry-table">
            <thead>
              <tr>
                <th>Fund/org</th>
                <th>Last day</th>
                <th>Where</th>
              </tr>
            </thead>
            <tbody>
              {expiries.map((e) => (
                <tr>
                  <td>{e.fundOrg}</td>
                  <td>{e.expires}</td>
                  <td>
                    <Origin origin={e.origin} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {canEdit
          ? (
            <form method="post" action="/settings/funding/expiry" class="inline">
              <Csrf c={c} />
              <div class="field">
                <label for="expiry-fund">Fund/org</label>
                <input id="expiry-fund" name="fund_org" required />
              </div>
              <div class="field">
                <label for="expiry-date">Last day (empty: remove the stored date)</label>
                <input id="expiry-date" name="expires" type="date" />
              </div>
              <button type="submit">Save expiry</button>
            </form>
          )
          : null}
      </section>
    </>
  );
}

/** GET /settings/funding. */
export function fundingPage(c: WebContext) {
  return c.html(
    <Layout c={c} title="Fund splits">
      <FundingBody c={c} />
    </Layout>,
  );
}

function splitInput(body: Record<string, unknown>): FundSplitInput {
  const text = (k: string) => typeof body[k] === "string" ? (body[k] as string) : "";
  const funds: FundSplitInput["funds"] = [];
  for (let i = 0; i < 20; i++) {
    if (!(`fund_${i}` in body) && !(`percent_${i}` in body)) continue;
    funds.push({ fundOrg: text(`fund_${i}`), percent: text(`percent_${i}`) });
  }
  return { projectId: text("project_id"), from: text("from"), until: text("until"), funds };
}

function refused(c: WebContext, e: UserError, draft?: FundSplitInput, draftId?: number) {
  return c.html(
    <Layout c={c} title="Fund splits">
      <FundingBody c={c} error={e.webLine()} draft={draft} draftId={draftId} />
    </Layout>,
    400,
  );
}

/** POST /settings/funding (add) and /settings/funding/:id (save). */
export async function submitFundSplit(c: WebContext) {
  const raw = c.req.param("id");
  const id = raw === undefined ? undefined : Number(raw);
  const draft = splitInput(await c.req.parseBody());
  try {
    saveFundSplit(c.get("app"), draft, id);
    return c.redirect(`/settings/funding?m=${id === undefined ? "added" : "saved"}`, 303);
  } catch (e) {
    if (!(e instanceof UserError) || e instanceof NotFoundError) throw e;
    return refused(c, e, draft, id);
  }
}

/** POST /settings/funding/:id/delete. */
export function submitDeleteFundSplit(c: WebContext) {
  deleteFundSplitById(c.get("app"), Number(c.req.param("id")));
  return c.redirect("/settings/funding?m=deleted", 303);
}

/** POST /settings/funding/expiry. */
export async function submitFundExpiry(c: WebContext) {
  const body = await c.req.parseBody();
  const text = (k: string) => typeof body[k] === "string" ? (body[k] as string) : "";
  try {
    setFundExpiry(c.get("app"), text("fund_org"), text("expires"));
    return c.redirect("/settings/funding?m=expiry", 303);
  } catch (e) {
    if (!(e instanceof UserError) || e instanceof NotFoundError) throw e;
    return refused(c, e);
  }
}
