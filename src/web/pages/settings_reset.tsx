/**
 * The dev-mode data reset on /settings (0.4 had it): shown to admins only when
 * the config is in dev mode; the word RESET must be typed; the backup service
 * refuses it otherwise (a forged POST outside dev mode or unconfirmed removes
 * nothing) and audits it.
 */

import { UserError } from "../../domain/errors.ts";
import { RESET_WORD, resetDevData } from "../../backup/mod.ts";
import { Csrf } from "../components/data_kit.tsx";
import { Layout, Message } from "../components/layout.tsx";
import type { WebContext } from "../web_env.ts";

/** The Reset panel: only in dev mode, only for the roles that may POST it. */
export function ResetPanel(props: { c: WebContext }) {
  const { c } = props;
  if (!c.get("app").config.dev_mode || !c.get("canPost")("/settings/reset")) return null;
  return (
    <form method="post" action="/settings/reset" class="panel warn" id="reset-data">
      <h2>Reset demo data</h2>
      <p class="small">
        Dev mode: empties the database of every charge, import, period, statement, email log,
        journal export, setting and rule, to start a demo over. Web users and the audit log are
        kept; files already written stay.
      </p>
      <Csrf c={c} />
      <div class="field">
        <label for="reset-confirm">Type {RESET_WORD} to confirm</label>
        <input
          type="text"
          id="reset-confirm"
          name="confirm"
          required
          pattern={RESET_WORD}
          autocomplete="off"
        />
      </div>
      <button type="submit" class="danger" id="reset-button">Reset demo data</button>
    </form>
  );
}

/** POST /settings/reset: reset when confirm is the typed word (and the config is in dev mode). */
export async function submitReset(c: WebContext) {
  const body = await c.req.parseBody();
  const typed = typeof body.confirm === "string" ? body.confirm.trim() : "";
  try {
    const r = resetDevData(c.get("app"), { confirmed: typed === RESET_WORD });
    const charges = r.removed.charges ?? 0;
    return c.redirect(`/settings?m=reset_data&charges=${charges}`, 303);
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    return c.html(
      <Layout c={c} title="Settings">
        <h1>Settings</h1>
        <Message kind="error" text={e.webLine()} />
        <p>
          <a href="/settings">Back to Settings</a>
        </p>
      </Layout>,
      400,
    );
  }
}
