/**
 * Reverting an import from its page (/imports/:id): the Revert panel, a
 * confirmation step naming how many charges and how much money the revert
 * removes and brings back, then the revert itself (the imports service
 * decides, audits and marks statements stale). The panel says why when the
 * revert is not possible now (a later delivery, a closed period) instead of
 * offering a button that would be refused.
 */

import { UserError } from "../../domain/errors.ts";
import type { MoneyTotals } from "../../domain/currency_totals.ts";
import { countOf } from "../../domain/plural.ts";
import { getImport, type ImportRecord } from "../../imports/mod.ts";
import { planImportRevert, revertImport, type RevertPlan } from "../../ingest/mod.ts";
import { Csrf } from "../components/data_kit.tsx";
import { formatMoney } from "../components/format.ts";
import { Layout, Message } from "../components/layout.tsx";
import type { WebContext } from "../web_env.ts";

function money(m: MoneyTotals): string {
  return m.totals.length === 0
    ? "nothing"
    : m.totals.map((t) => formatMoney(t.billedCost, t.currency)).join(" + ");
}

/** "removes 1 charge (billed $7.00) and brings back 2 charges (billed $20.75) of 2025-01". */
export function revertSummary(p: RevertPlan): string {
  const back = p.restored.count > 0
    ? ` and brings back the ${countOf(p.restored.count, "charge")} it replaced (billed ${
      money(p.restored.money)
    })`
    : "";
  return `Reverting import #${p.importId} removes ${countOf(p.removed.count, "charge")} (billed ${
    money(p.removed.money)
  })${back} in ${p.periods.join(", ")}.`;
}

/** The Revert panel of an import page: the first step, or why it cannot be reverted now. */
export function RevertPanel(props: { c: WebContext; i: ImportRecord }) {
  const { c, i } = props;
  const action = `/imports/${i.id}/revert`;
  if (!c.get("canPost")(action)) return null;
  if (i.reverted) {
    return (
      <section class="panel">
        <h2>Reverted</h2>
        <p>
          Reverted {i.reverted.at.slice(0, 16).replace("T", " ")} by {i.reverted.by}:{" "}
          {i.reverted.note}
        </p>
      </section>
    );
  }
  let plan: RevertPlan;
  try {
    plan = planImportRevert(c.get("app"), i.id);
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    return (
      <section class="panel">
        <h2>Revert</h2>
        <p class="muted">Cannot be reverted now: {e.webLine()}</p>
      </section>
    );
  }
  return (
    <form method="post" action={action} class="panel" id="revert-import">
      <h2>Revert</h2>
      <p class="small muted">{revertSummary(plan)}</p>
      <Csrf c={c} />
      <div class="field">
        <label for="revert-note">Note (why, audited)</label>
        <input type="text" id="revert-note" name="note" required maxlength={500} />
      </div>
      <button type="submit" class="danger">Revert import #{i.id}…</button>
    </form>
  );
}

function ConfirmRevert(props: { c: WebContext; plan: RevertPlan; note: string }) {
  const { c, plan, note } = props;
  return (
    <>
      <h1>Revert import #{plan.importId}?</h1>
      <section class="panel" id="confirm-revert">
        <p>{revertSummary(plan)}</p>
        <p>
          Statements already generated for {plan.periods.join(", ")}{" "}
          are marked stale (generate them again afterwards). Note: {note}
        </p>
        <form method="post" action={`/imports/${plan.importId}/revert`} class="inline">
          <Csrf c={c} />
          <input type="hidden" name="note" value={note} />
          <input type="hidden" name="confirm" value="1" />
          <button type="submit" class="danger">
            Revert import #{plan.importId}: remove {countOf(plan.removed.count, "charge")}
          </button>{" "}
          <a href={`/imports/${plan.importId}`}>Cancel</a>
        </form>
      </section>
    </>
  );
}

/** POST /imports/:id/revert: without confirm=1 the confirmation step, with it the revert. */
export async function submitImportRevert(c: WebContext) {
  const id = Number(c.req.param("id"));
  const body = await c.req.parseBody();
  const get = (k: string) => (typeof body[k] === "string" ? (body[k] as string).trim() : "");
  const app = c.get("app");
  const note = get("note").slice(0, 500);
  try {
    if (get("confirm") !== "1") {
      if (!note) revertImport(app, id, ""); // the service's "needs a note" refusal
      const plan = planImportRevert(app, id);
      return c.html(
        <Layout c={c} title={`Revert import ${id}`}>
          <ConfirmRevert c={c} plan={plan} note={note} />
        </Layout>,
      );
    }
    revertImport(app, id, note);
    return c.redirect(`/imports/${id}?m=reverted`, 303);
  } catch (e) {
    if (!(e instanceof UserError) || e.name === "NotFoundError") throw e;
    const i = getImport(app, id);
    return c.html(
      <Layout c={c} title={`Import ${id}`}>
        <h1>Import {i.id}</h1>
        <Message kind="error" text={e.webLine()} />
        <p>
          <a href={`/imports/${id}`}>Back to import #{id}</a>
        </p>
      </Layout>,
      400,
    );
  }
}
