/** /audit: the audit log, filtered by user, action, period and date (query parameters). */

import { type AuditEntryJson, listAuditEntries } from "../../audit/mod.ts";
import { UserError } from "../../domain/errors.ts";
import { isPeriod } from "../../domain/period.ts";
import { Trunc } from "../components/data_kit.tsx";
import { formatWhen } from "../components/format.ts";
import { Layout } from "../components/layout.tsx";
import type { WebContext } from "../web_env.ts";

const PAGE_SIZE = 50;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** The entries of a filter; none when the service refuses it (e.g. "from" after "to"). */
function entries(c: WebContext, q: Parameters<typeof listAuditEntries>[1]): AuditEntryJson[] {
  try {
    return listAuditEntries(c.get("app"), q);
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    return [];
  }
}

/** The recorded details as JSON text. */
function detailsText(details: unknown): string {
  if (details === null) return "";
  return typeof details === "string" ? details : JSON.stringify(details);
}

/** GET /audit. */
export function auditPage(c: WebContext) {
  const q = (k: string) => (c.req.query(k) ?? "").trim();
  const user = q("user");
  const action = q("action");
  const period = isPeriod(q("period")) ? q("period") : "";
  const from = DATE_RE.test(q("from")) ? q("from") : "";
  const to = DATE_RE.test(q("to")) ? q("to") : "";
  const page = Math.max(1, Math.min(100_000, Number.parseInt(q("page") || "1", 10) || 1));
  const rows = entries(c, {
    actor: user ? (user.includes(":") ? user : `web:${user}`) : undefined,
    action: action || undefined,
    period: period || undefined,
    from: from || undefined,
    to: to || undefined,
    limit: PAGE_SIZE + 1,
    offset: (page - 1) * PAGE_SIZE,
  });
  const more = rows.length > PAGE_SIZE;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ user, action, period, from, to })) if (v) params.set(k, v);
  const link = (p: number) =>
    `/audit?${new URLSearchParams({ ...Object.fromEntries(params), page: String(p) })}`;
  return c.html(
    <Layout c={c} title="Audit log">
      <h1>Audit log</h1>
      <form method="get" action="/audit" class="panel inline" role="search">
        <div class="field">
          <label for="a-user">User</label>
          <input
            type="text"
            id="a-user"
            name="user"
            value={user}
            placeholder="admin or cli:alice"
          />
        </div>
        <div class="field">
          <label for="a-action">Action</label>
          <input type="text" id="a-action" name="action" value={action} placeholder="web.login" />
        </div>
        <div class="field">
          <label for="a-period">Period</label>
          <input type="text" id="a-period" name="period" value={period} placeholder="YYYY-MM" />
        </div>
        <div class="field">
          <label for="a-from">From</label>
          <input type="date" id="a-from" name="from" value={from} />
        </div>
        <div class="field">
          <label for="a-to">To</label>
          <input type="date" id="a-to" name="to" value={to} />
        </div>
        <button type="submit">Filter</button>
      </form>
      <section class="panel">
        {rows.length === 0 ? <p class="muted">No entries.</p> : (
          <table>
            <thead>
              <tr>
                <th>When</th>
                <th>Who</th>
                <th>Action</th>
                <th>What</th>
                <th>Period</th>
                <th>Details</th>
              </tr>
            </thead>
            <tbody>
              {rows.slice(0, PAGE_SIZE).map((r) => (
                <tr>
                  <td>{formatWhen(r.at)}</td>
                  <td>
                    <Trunc text={r.actor} />
                  </td>
                  <td>
                    <code>{r.action}</code>
                  </td>
                  <td>{r.entity ? `${r.entity} ${r.entityId ?? ""}` : ""}</td>
                  <td>{r.period ?? ""}</td>
                  <td class="small wrap-any details">
                    <code>{detailsText(r.details)}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <div class="pager">
          {page > 1 ? <a href={link(page - 1)}>Newer</a> : null}
          <span class="muted small">page {page}</span>
          {more ? <a href={link(page + 1)}>Older</a> : null}
        </div>
      </section>
    </Layout>,
  );
}
