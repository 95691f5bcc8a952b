/**
 * /projects and /pis: lists with totals for the selected period; /projects/:name
 * and /pis/:name: per-month trend, services, the other side (a project's PIs,
 * a PI's projects) and statements. A PI session sees only its own charges.
 */

import { getGroupDetail, type GroupBy, listGroups } from "../../charges/mod.ts";
import { BarChart, TrendChart } from "../components/charts.tsx";
import { link, StatusBadge } from "../components/data_kit.tsx";
import { formatCount, formatMoney, formatWhen } from "../components/format.ts";
import { Layout } from "../components/layout.tsx";
import { periodSelection } from "../components/period_selection.ts";
import { dataScope, piScope, type WebContext } from "../web_env.ts";

const TEXT = {
  project: {
    title: "Projects",
    one: "Project",
    other: "PI",
    spread: "Fund/orgs",
    path: "/projects",
  },
  pi: { title: "PIs", one: "PI", other: "Name", spread: "Projects", path: "/pis" },
};

/** The URL segment of a key ('' = charges without one). */
function keySegment(key: string): string {
  return encodeURIComponent(key === "" ? "(none)" : key);
}

function listPage(by: GroupBy) {
  const t = TEXT[by];
  return (c: WebContext) => {
    const period = periodSelection(c).selected;
    const rows = period ? listGroups(c.get("app"), by, period, dataScope(c)) : [];
    return c.html(
      <Layout c={c} title={t.title}>
        <h1>
          {t.title}
          {period ? ` · ${period}` : ""}
        </h1>
        <section class="panel">
          {rows.length === 0
            ? <p class="muted">No charges in this period.</p>
            : (
              <table class="data">
                <thead>
                  <tr>
                    <th>{t.one}</th>
                    <th>{t.other}</th>
                    <th class="num">{t.spread}</th>
                    <th class="num">Charges</th>
                    <th class="num">Awaiting review</th>
                    <th class="num">Billed</th>
                    <th class="num">List</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr>
                      <td>
                        <a href={link(`${t.path}/${keySegment(r.key)}`, { period: period ?? "" })}>
                          {r.key || "(none)"}
                        </a>
                      </td>
                      <td>{r.other ?? ""}</td>
                      <td class="num">{formatCount(r.spread)}</td>
                      <td class="num">{formatCount(r.charges)}</td>
                      <td class="num">{formatCount(r.pending)}</td>
                      <td class="num">{formatMoney(r.billed, r.currency)}</td>
                      <td class="num">{formatMoney(r.list, r.currency)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
        </section>
      </Layout>,
    );
  };
}

/** GET /projects. */
export const projectsPage = listPage("project");
/** GET /pis. */
export const pisPage = listPage("pi");

function detailPage(by: GroupBy) {
  const t = TEXT[by];
  return (c: WebContext) => {
    const raw = c.req.param("name") ?? "";
    const scope = piScope(c);
    const period = periodSelection(c).selected ?? "";
    const { key, months, trend, statements, services, members } = getGroupDetail(
      c.get("app"),
      by,
      raw,
      period,
      dataScope(c),
    );
    const currencies = [...new Set(trend.map((x) => x.currency))];
    const otherPath = by === "pi" ? "/projects" : "/pis";
    return c.html(
      <Layout c={c} title={`${t.one} ${raw}`}>
        <h1>
          {t.one} {raw} <span class="muted small">· {period}</span>
        </h1>
        <p>
          <a href={link("/charges", { period, [by]: key })}>Charges of this {t.one}</a>
        </p>
        {currencies.map((cur) => (
          <section class="panel">
            <h2>Billed per month ({cur})</h2>
            <TrendChart
              title={`Billed per month, ${cur}`}
              data={months.map((m) => {
                const v = trend.find((x) => x.period === m && x.currency === cur)?.billed ?? 0;
                return { label: m, value: v, text: formatMoney(v, cur) };
              })}
            />
          </section>
        ))}
        <div class="grid-2">
          <section class="panel">
            <h2>Services in {period}</h2>
            <BarChart
              title={`Cost by service, ${period}`}
              data={services.map((s) => ({
                label: s.label,
                value: s.billed,
                text: formatMoney(s.billed, s.currency),
              }))}
            />
          </section>
          <section class="panel">
            <h2>{by === "pi" ? "Projects" : "PIs"} in {period}</h2>
            {members.length === 0 ? <p class="muted">None.</p> : (
              <table>
                <tbody>
                  {members.map((m) => (
                    <tr>
                      <td>
                        {by === "project" && scope
                          ? m.key
                          : (
                            <a href={link(`${otherPath}/${keySegment(m.key)}`, { period })}>
                              {m.key || "(none)"}
                            </a>
                          )}
                      </td>
                      <td>{m.fund_org ?? ""}</td>
                      <td class="num">{formatCount(m.charges)}</td>
                      <td class="num">{formatMoney(m.billed, m.currency)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </div>
        <section class="panel">
          <h2>Statements</h2>
          {statements.length === 0 ? <p class="muted">None yet.</p> : (
            <table>
              <thead>
                <tr>
                  <th>Number</th>
                  <th>Period</th>
                  <th>PI</th>
                  <th>Project</th>
                  <th class="num">Amount</th>
                  <th>Generated</th>
                  <th>Sent</th>
                </tr>
              </thead>
              <tbody>
                {statements.map((s) => (
                  <tr>
                    <td>
                      <a href={`/statements/${s.number}/pdf?revision=${s.revision}&inline=1`}>
                        {s.number} r{s.revision}
                      </a>
                    </td>
                    <td>{s.period}</td>
                    <td>{s.pi_email}</td>
                    <td>{s.project_id ?? ""}</td>
                    <td class="num">
                      {s.billed_cost === null ? s.currency : formatMoney(s.billed_cost, s.currency)}
                    </td>
                    <td>{formatWhen(s.generated_at)}</td>
                    <td>{s.sent_at ? <StatusBadge status="sent" /> : ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </Layout>,
    );
  };
}

/** GET /projects/:name. */
export const projectDetailPage = detailPage("project");
/** GET /pis/:name. */
export const piDetailPage = detailPage("pi");
