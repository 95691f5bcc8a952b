/** /account: the signed-in user's details and own password change (ends every session). */

import { UserError } from "../../domain/errors.ts";
import { changePassword, verifyPassword } from "../../users/mod.ts";
import { Layout, Message } from "../components/layout.tsx";
import { clearSessionCookie } from "../middleware/session_cookie.ts";
import type { WebContext } from "../web_env.ts";

function AccountBody(props: { c: WebContext; error?: string }) {
  const { c } = props;
  const user = c.get("user")!;
  const min = c.get("deps").config.web.password_requirements.min_length;
  return (
    <>
      <h1>Account</h1>
      <Message kind="error" text={props.error} />
      <section class="panel">
        <table>
          <tbody>
            <tr>
              <th>User name</th>
              <td>{user.name}</td>
            </tr>
            <tr>
              <th>Email</th>
              <td>{user.email}</td>
            </tr>
            <tr>
              <th>Role</th>
              <td>{user.role}</td>
            </tr>
          </tbody>
        </table>
      </section>
      <section class="panel" aria-labelledby="h-pw">
        <h2 id="h-pw">Change password</h2>
        {user.origin === "config"
          ? (
            <p class="muted">
              This user is defined in the config file (web.users); its password is changed there.
            </p>
          )
          : (
            <form method="post" action="/account/password">
              <input type="hidden" name="_csrf" value={c.get("session")?.csrf_token ?? ""} />
              <div class="field">
                <label for="current">Current password</label>
                <input
                  type="password"
                  id="current"
                  name="current"
                  required
                  autocomplete="current-password"
                />
              </div>
              <div class="field">
                <label for="new">New password (at least {min} characters)</label>
                <input
                  type="password"
                  id="new"
                  name="password"
                  required
                  autocomplete="new-password"
                />
              </div>
              <button type="submit">Change password</button>
              <p class="small muted">
                Every session of this account ends; sign in again afterwards.
              </p>
            </form>
          )}
      </section>
    </>
  );
}

/** GET /account. */
export function accountPage(c: WebContext) {
  return c.html(
    <Layout c={c} title="Account">
      <AccountBody c={c} />
    </Layout>,
  );
}

/** POST /account/password: check the current password, set the new one, end all sessions. */
export async function submitOwnPassword(c: WebContext) {
  const body = await c.req.parseBody();
  const f = (k: string) => (typeof body[k] === "string" ? body[k] as string : "");
  const user = c.get("user")!;
  try {
    if (user.origin === "config") {
      throw new UserError("this user is defined in the config file.", {
        hint: "Change web.users in the config file.",
      });
    }
    if (!(await verifyPassword(f("current"), user.passwordHash))) {
      throw new UserError("the current password is wrong.");
    }
    changePassword(c.get("app"), user.name, f("password"), c.get("deps").bcryptCost);
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    return c.html(
      <Layout c={c} title="Account">
        <AccountBody c={c} error={e.webLine()} />
      </Layout>,
      400,
    );
  }
  clearSessionCookie(c);
  return c.redirect("/login?m=changed", 303);
}
