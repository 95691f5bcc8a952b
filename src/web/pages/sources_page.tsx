/** /sources: billing sources with their last import and totals; editors can add one. */

import { UserError } from "../../domain/errors.ts";
import { addSource, listSources } from "../../sources/mod.ts";
import { Csrf, link, MoneyList } from "../components/data_kit.tsx";
import { formatCount, formatWhen } from "../components/format.ts";
import { Layout, Message } from "../components/layout.tsx";
import type { WebContext } from "../web_env.ts";

function SourcesBody(props: { c: WebContext; error?: string }) {
  const { c } = props;
  const app = c.get("app");
  const sources = listSources(app);
  const known = app.config.imports.known_sources;
  return (
    <>
      <h1>Sources</h1>
      <Message kind="notice" text={c.req.query("m") === "added" ? "Source added." : null} />
      <Message kind="error" text={props.error} />
      <section class="panel">
        {sources.length === 0
          ? <p class="muted">No sources yet; the first import adds one.</p>
          : (
            <table class="data">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Shown as</th>
                  <th>Last import</th>
                  <th class="num">Charges</th>
                  <th class="num">Billed (all periods)</th>
                </tr>
              </thead>
              <tbody>
                {sources.map((s) => (
                  <tr>
                    <td>
                      <a href={link("/charges", { source: s.name })}>{s.name}</a>
                    </td>
                    <td>{s.displayName}</td>
                    <td>{formatWhen(s.lastImport)}</td>
                    <td class="num">{formatCount(s.charges)}</td>
                    <td class="num">
                      <MoneyList
                        items={s.money.totals.map((t) => ({
                          currency: t.currency,
                          amount: t.billedCost,
                        }))}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
      </section>
      <div class="grid-2">
        <section class="panel">
          <h2>Known sources (config)</h2>
          <p class="small muted">
            An upload whose file name contains the pattern is given this source.
          </p>
          <table>
            <thead>
              <tr>
                <th>Name</th>
                <th>File name pattern</th>
                <th>Credit fund/org</th>
              </tr>
            </thead>
            <tbody>
              {known.map((k) => (
                <tr>
                  <td>{k.name}</td>
                  <td>
                    <code>{k.pattern}</code>
                  </td>
                  <td>{k.fund_org}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        {c.get("canPost")("/sources")
          ? (
            <form method="post" action="/sources" class="panel">
              <h2>Add a source</h2>
              <Csrf c={c} />
              <div class="field">
                <label for="source-name">Name</label>
                <input type="text" id="source-name" name="name" required maxlength={100} />
              </div>
              <div class="field">
                <label for="source-display">Shown as (optional)</label>
                <input type="text" id="source-display" name="display_name" maxlength={100} />
              </div>
              <button type="submit">Add</button>
            </form>
          )
          : null}
      </div>
    </>
  );
}

/** GET /sources. */
export function sourcesPage(c: WebContext) {
  return c.html(
    <Layout c={c} title="Sources">
      <SourcesBody c={c} />
    </Layout>,
  );
}

/** POST /sources: register a source (audited by the service). */
export async function submitAddSource(c: WebContext) {
  const body = await c.req.parseBody();
  const text = (k: string) => (typeof body[k] === "string" ? body[k] as string : "");
  try {
    addSource(c.get("app"), text("name"), text("display_name") || undefined);
    return c.redirect("/sources?m=added", 303);
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    return c.html(
      <Layout c={c} title="Sources">
        <SourcesBody c={c} error={e.webLine()} />
      </Layout>,
      400,
    );
  }
}
