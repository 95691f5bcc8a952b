/** /users (admin): list, add, disable/enable, change role, reset password. */

import { UserError } from "../../domain/errors.ts";
import {
  addUser,
  changePassword,
  listUsers,
  ROLES,
  setUserDisabled,
  setUserRole,
} from "../../users/mod.ts";
import { Layout, Message } from "../components/layout.tsx";
import type { WebContext } from "../web_env.ts";

const NOTICES: Record<string, string> = {
  added: "User added.",
  disabled: "User disabled; their sessions were ended.",
  enabled: "User enabled.",
  role: "Role changed.",
  password: "Password reset; the user's sessions were ended.",
};

function Csrf(props: { c: WebContext }) {
  return <input type="hidden" name="_csrf" value={props.c.get("session")?.csrf_token ?? ""} />;
}

function UsersBody(props: { c: WebContext; error?: string }) {
  const { c } = props;
  const users = listUsers(c.get("app"));
  const req = c.get("deps").config.web.password_requirements;
  return (
    <>
      <h1>Users</h1>
      <Message kind="notice" text={NOTICES[c.req.query("m") ?? ""]} />
      <Message kind="error" text={props.error} />
      <section class="panel">
        <table>
          <thead>
            <tr>
              <th>Name</th>
              <th>Email</th>
              <th>Role</th>
              <th>Status</th>
              <th>Actions</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => {
              const base = `/users/${encodeURIComponent(u.name)}`;
              return (
                <tr>
                  <td>
                    {u.name}
                    {u.displayName && u.displayName !== u.name
                      ? <div class="small muted">{u.displayName}</div>
                      : null}
                  </td>
                  <td>{u.email}</td>
                  <td>{u.role}</td>
                  <td>
                    {u.disabled
                      ? <span class="badge danger">disabled</span>
                      : <span class="badge ok">active</span>} {u.origin === "config"
                      ? <span class="badge">{u.recovery ? "config (recovery)" : "config"}</span>
                      : null}
                  </td>
                  <td>
                    {u.origin === "database"
                      ? (
                        <div class="inline">
                          <form method="post" action={`${base}/role`} class="inline">
                            <Csrf c={c} />
                            <label class="skip" for={`role-${u.name}`}>Role of {u.name}</label>
                            <select id={`role-${u.name}`} name="role">
                              {ROLES.map((r) => (
                                <option value={r} selected={r === u.role}>{r}</option>
                              ))}
                            </select>
                            <button type="submit" class="secondary">Set role</button>
                          </form>
                          <form
                            method="post"
                            action={`${base}/${u.disabled ? "enable" : "disable"}`}
                          >
                            <Csrf c={c} />
                            <button type="submit" class={u.disabled ? "secondary" : "danger"}>
                              {u.disabled ? "Enable" : "Disable"}
                            </button>
                          </form>
                          <form method="post" action={`${base}/password`} class="inline">
                            <Csrf c={c} />
                            <label class="skip" for={`pw-${u.name}`}>
                              New password for {u.name}
                            </label>
                            <input
                              type="password"
                              id={`pw-${u.name}`}
                              name="password"
                              autocomplete="new-password"
                              placeholder="new password"
                              required
                            />
                            <button type="submit" class="secondary">Reset password</button>
                          </form>
                        </div>
                      )
                      : <span class="small muted">edit web.users in the config file</span>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      <section class="panel" aria-labelledby="h-add">
        <h2 id="h-add">Add a user</h2>
        <form method="post" action="/users">
          <Csrf c={c} />
          <div class="inline">
            <div class="field">
              <label for="new-name">User name</label>
              <input type="text" id="new-name" name="name" required autocomplete="off" />
            </div>
            <div class="field">
              <label for="new-email">Email</label>
              <input type="email" id="new-email" name="email" required autocomplete="off" />
            </div>
            <div class="field">
              <label for="new-display">Display name</label>
              <input type="text" id="new-display" name="display_name" />
            </div>
            <div class="field">
              <label for="new-role">Role</label>
              <select id="new-role" name="role">
                {ROLES.map((r) => <option key={r} value={r} selected={r === "viewer"}>{r}</option>)}
              </select>
            </div>
            <div class="field">
              <label for="new-password">Password</label>
              <input
                type="password"
                id="new-password"
                name="password"
                required
                autocomplete="new-password"
                minlength={req.min_length}
              />
            </div>
            <button type="submit">Add user</button>
          </div>
          <p class="small muted">
            A PI signs in with the email their charges carry as pi_email and sees only their own
            charges, projects and statements. Passwords need at least {req.min_length} characters.
          </p>
        </form>
      </section>
    </>
  );
}

/** GET /users. */
export function usersPage(c: WebContext) {
  return c.html(
    <Layout c={c} title="Users">
      <UsersBody c={c} />
    </Layout>,
  );
}

async function form(c: WebContext): Promise<(k: string) => string> {
  const body = await c.req.parseBody();
  return (k) => (typeof body[k] === "string" ? body[k] as string : "");
}

async function act(c: WebContext, fn: (f: (k: string) => string) => void, done: string) {
  const f = await form(c);
  try {
    fn(f);
    return c.redirect(`/users?m=${done}`, 303);
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    return c.html(
      <Layout c={c} title="Users">
        <UsersBody c={c} error={e.webLine()} />
      </Layout>,
      400,
    );
  }
}

function cost(c: WebContext): number | undefined {
  return c.get("deps").bcryptCost;
}

/** POST /users: add a user. */
export function submitAddUser(c: WebContext) {
  return act(c, (f) => {
    addUser(c.get("app"), {
      name: f("name"),
      email: f("email"),
      role: f("role"),
      password: f("password"),
      displayName: f("display_name"),
    }, cost(c));
  }, "added");
}

/** Refuse an admin locking themselves out (disable, or a role change). */
function notSelf(c: WebContext, what: string): string {
  const name = c.req.param("name") ?? "";
  if (name.toLowerCase() === c.get("user")?.name.toLowerCase()) {
    throw new UserError(`you cannot ${what} your own account.`, {
      hint: "Ask another admin, or use the CLI (`openchargeback users`).",
    });
  }
  return name;
}

/** POST /users/:name/disable. */
export function submitDisableUser(c: WebContext) {
  return act(c, () => setUserDisabled(c.get("app"), notSelf(c, "disable"), true), "disabled");
}

/** POST /users/:name/enable. */
export function submitEnableUser(c: WebContext) {
  return act(c, () => setUserDisabled(c.get("app"), c.req.param("name") ?? "", false), "enabled");
}

/** POST /users/:name/role. */
export function submitUserRole(c: WebContext) {
  return act(
    c,
    (f) => setUserRole(c.get("app"), notSelf(c, "change the role of"), f("role")),
    "role",
  );
}

/** POST /users/:name/password: an admin sets a new password. */
export function submitUserPassword(c: WebContext) {
  return act(
    c,
    (f) => changePassword(c.get("app"), c.req.param("name") ?? "", f("password"), cost(c)),
    "password",
  );
}
