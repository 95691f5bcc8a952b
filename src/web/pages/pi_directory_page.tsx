/**
 * The PI directory on the /pis pages: the list page shows the directory
 * (name, department, alias emails) with an Add form, a PI's page shows its
 * entry with an Edit form (admin). An alias that is already an email of
 * another PI is refused by the service; every change is audited there.
 */

import { findPi, listPis, savePi } from "../../attribution/mod.ts";
import { NotFoundError, UserError } from "../../domain/errors.ts";
import { Csrf } from "../components/data_kit.tsx";
import { Layout, Message } from "../components/layout.tsx";
import type { WebContext } from "../web_env.ts";

const NOTICES: Record<string, string> = {
  "pi-added": "PI added to the directory.",
  "pi-saved": "PI saved. Charges under its aliases roll up to it.",
};

interface PiDraft {
  email: string;
  name: string;
  department: string;
  aliases: string;
}

function piPath(email: string): string {
  return `/pis/${encodeURIComponent(email)}`;
}

/** The add (no entry yet) or edit form of one PI. */
function PiForm(props: { c: WebContext; draft: PiDraft; mode: "add" | "edit" }) {
  const { draft: d, mode } = props;
  return (
    <form method="post" action="/pis/directory" id={`pi-form-${mode}`}>
      <Csrf c={props.c} />
      <input type="hidden" name="mode" value={mode} />
      <div class="inline">
        <div class="field">
          <label for={`pi-email-${mode}`}>Email</label>
          <input
            id={`pi-email-${mode}`}
            name="email"
            type="email"
            value={d.email}
            readonly={mode === "edit"}
            required
          />
        </div>
        <div class="field">
          <label for={`pi-name-${mode}`}>Name</label>
          <input id={`pi-name-${mode}`} name="name" value={d.name} />
        </div>
        <div class="field">
          <label for={`pi-dept-${mode}`}>Department</label>
          <input id={`pi-dept-${mode}`} name="department" value={d.department} />
        </div>
        <div class="field">
          <label for={`pi-aliases-${mode}`}>Alias emails (separated by ;)</label>
          <input id={`pi-aliases-${mode}`} name="aliases" value={d.aliases} />
        </div>
        <button type="submit">{mode === "add" ? "Add PI" : "Save PI"}</button>
      </div>
    </form>
  );
}

/** The directory panel of the /pis list page. */
export function PiDirectory(props: { c: WebContext }) {
  const { c } = props;
  const pis = listPis(c.get("app"));
  const canEdit = c.get("canPost")("/pis/directory");
  return (
    <section class="panel" aria-labelledby="h-pi-directory" id="pi-directory">
      <h2 id="h-pi-directory">PI directory</h2>
      <Message kind="notice" text={NOTICES[c.req.query("m") ?? ""]} />
      <p class="small muted">
        Names greet PIs in statement emails; charges under an alias email are billed to the PI.
      </p>
      {pis.length === 0
        ? <p class="muted">The directory is empty.</p>
        : (
          <table id="pi-directory-table">
            <thead>
              <tr>
                <th>Email</th>
                <th>Name</th>
                <th>Department</th>
                <th>Aliases</th>
              </tr>
            </thead>
            <tbody>
              {pis.map((p) => (
                <tr key={p.email}>
                  <td>
                    <a href={piPath(p.email)}>{p.email}</a>
                  </td>
                  <td>{p.name}</td>
                  <td>{p.department}</td>
                  <td>{p.aliases.map((a) => <div key={a}>{a}</div>)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      {canEdit
        ? (
          <>
            <h3>Add a PI</h3>
            <PiForm
              c={c}
              mode="add"
              draft={{ email: "", name: "", department: "", aliases: "" }}
            />
          </>
        )
        : null}
    </section>
  );
}

/** The directory entry panel of one PI's page. */
export function PiEntry(props: { c: WebContext; email: string }) {
  const { c } = props;
  const pi = props.email ? findPi(c.get("app"), props.email) : null;
  const canEdit = c.get("canPost")("/pis/directory") && props.email !== "";
  return (
    <section class="panel" aria-labelledby="h-pi-entry" id="pi-entry">
      <h2 id="h-pi-entry">Directory</h2>
      <Message kind="notice" text={NOTICES[c.req.query("m") ?? ""]} />
      {pi
        ? (
          <p>
            {pi.name || "(no name)"}
            {pi.department ? `, ${pi.department}` : ""}
            {pi.aliases.length ? ` · aliases: ${pi.aliases.join(", ")}` : " · no aliases"}
          </p>
        )
        : <p class="muted">Not in the PI directory.</p>}
      {canEdit
        ? (
          <PiForm
            c={c}
            mode={pi ? "edit" : "add"}
            draft={{
              email: pi?.email ?? props.email,
              name: pi?.name ?? "",
              department: pi?.department ?? "",
              aliases: pi?.aliases.join("; ") ?? "",
            }}
          />
        )
        : null}
    </section>
  );
}

/** The page of a directory PI without charges (null when `email` is not in the directory). */
export function directoryOnlyPage(c: WebContext, email: string) {
  const pi = findPi(c.get("app"), email);
  if (!pi) return null;
  return c.html(
    <Layout c={c} title={`PI ${pi.email}`}>
      <h1>PI {pi.email}</h1>
      <p class="muted">No charges or statements yet.</p>
      <PiEntry c={c} email={pi.email} />
    </Layout>,
  );
}

/** POST /pis/directory: add (mode=add) or edit (mode=edit) one PI. */
export async function submitPi(c: WebContext) {
  const body = await c.req.parseBody();
  const text = (k: string) => typeof body[k] === "string" ? (body[k] as string) : "";
  const mode = text("mode") === "edit" ? "edit" : "add";
  const draft = {
    email: text("email"),
    name: text("name"),
    department: text("department"),
    aliases: text("aliases"),
  };
  try {
    const saved = savePi(c.get("app"), {
      ...draft,
      aliases: draft.aliases.split(/[;,\s]+/),
    }, mode);
    return c.redirect(`${piPath(saved.email)}?m=${mode === "add" ? "pi-added" : "pi-saved"}`, 303);
  } catch (e) {
    if (!(e instanceof UserError) || e instanceof NotFoundError) throw e;
    return c.html(
      <Layout c={c} title="PI directory">
        <h1>PI directory</h1>
        <Message kind="error" text={e.webLine()} />
        <section class="panel">
          <PiForm c={c} mode={mode} draft={draft} />
          <p>
            <a href="/pis">Back to the PIs</a>
          </p>
        </section>
      </Layout>,
      400,
    );
  }
}
