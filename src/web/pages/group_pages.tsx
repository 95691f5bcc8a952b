/**
 * /projects and /pis: lists with totals for the selected period; /projects/:name
 * and /pis/:name: per-month trend, services, the other side (a project's PIs,
 * a PI's projects) and statements. A PI session sees only its own charges.
 */

import { csvRow } from "../../domain/csv_write.ts";
import { microsToDecimal } from "../../domain/money.ts";
import {
  getGroupDetail,
  GROUP_SORT_KEYS,
  type GroupBy,
  type GroupListOptions,
  groupTotals,
  listGroups,
} from "../../charges/mod.ts";
import { BarChart, TrendChart } from "../components/charts.tsx";
import { link, param, StatusBadge, TextFilter, Trunc } from "../components/data_kit.tsx";
import { formatCount, formatMoney, formatWhen } from "../components/format.ts";
import { Layout } from "../components/layout.tsx";
import { periodSelection } from "../components/period_selection.ts";
import { dataScope, piScope, type WebContext } from "../web_env.ts";
import { directoryOnlyPage, PiDirectory, PiEntry } from "./pi_directory_page.tsx";
import { NotFoundError } from "../../domain/errors.ts";

const TEXT = {
  project: {
    title: "Projects",
    one: "Project",
    other: "PI",
    spread: "Fund/orgs",
    path: "/projects",
    counted: ["project", "projects"],
  },
  pi: {
    title: "PIs",
    one: "PI",
    other: "Name",
    spread: "Projects",
    path: "/pis",
    counted: ["PI", "PIs"],
  },
};

/** The URL segment of a key ('' = charges without one). */
function keySegment(key: string): string {
  return encodeURIComponent(key === "" ? "(none)" : key);
}

/** The list's query parameters: search, PI filter (Projects only), sort. */
function listOptions(c: WebContext, by: GroupBy): GroupListOptions {
  const sort = param(c, "sort");
  return {
    search: param(c, "q"),
    pi: by === "project" ? param(c, "pi") : "",
    sort: GROUP_SORT_KEYS.includes(sort) ? sort : "billed",
  };
}

function readList(c: WebContext, by: GroupBy) {
  const period = periodSelection(c).selected;
  const o = listOptions(c, by);
  const rows = period ? listGroups(c.get("app"), by, period, dataScope(c), o) : [];
  return { period, o, rows };
}

function SortLink(
  props: { t: typeof TEXT["pi"]; period: string; o: GroupListOptions; k: string; label: string },
) {
  const { t, period, o, k } = props;
  const active = (o.sort ?? "billed") === k;
  return (
    <a
      href={link(t.path, { period, q: o.search, pi: o.pi, sort: k === "billed" ? "" : k })}
      aria-current={active ? "true" : undefined}
    >
      {props.label}
      {active ? " ↓" : ""}
    </a>
  );
}

function listPage(by: GroupBy) {
  const t = TEXT[by];
  return (c: WebContext) => {
    const { period, o, rows } = readList(c, by);
    const totals = groupTotals(rows);
    const scoped = piScope(c) !== undefined;
    const filtered = Boolean(o.search || o.pi);
    const s = (k: string, label: string) => (
      <SortLink t={t} period={period ?? ""} o={o} k={k} label={label} />
    );
    return c.html(
      <Layout c={c} title={t.title}>
        <h1>
          {t.title}
          {period ? ` · ${period}` : ""}
        </h1>
        <form method="get" action={t.path} class="panel inline" role="search" id="group-filters">
          <input type="hidden" name="period" value={period ?? ""} />
          <input type="hidden" name="sort" value={o.sort === "billed" ? "" : o.sort} />
          <TextFilter
            id="g-q"
            name="q"
            label="Search"
            value={o.search ?? ""}
            placeholder={by === "pi" ? "email, name, project, fund" : "project, PI, fund"}
          />
          {by === "project" && !scoped
            ? (
              <TextFilter
                id="g-pi"
                name="pi"
                label="PI"
                value={o.pi ?? ""}
                placeholder="email or name"
              />
            )
            : null}
          <button type="submit">Filter</button>
          <a href={link(t.path, { period: period ?? "" })} class="button secondary">Clear</a>
          <a
            class="button secondary"
            id="group-csv"
            href={link(`${t.path}/export.csv`, {
              period: period ?? "",
              q: o.search,
              pi: o.pi,
              sort: o.sort === "billed" ? "" : o.sort,
            })}
            download
          >
            Export CSV
          </a>
        </form>
        <section class="panel">
          {rows.length === 0
            ? <p class="muted">{filtered ? "Nothing matches." : "No charges in this period."}</p>
            : (
              <table class="data" id="group-table">
                <thead>
                  <tr>
                    <th>{s("key", t.one)}</th>
                    <th>{t.other}</th>
                    <th class="num col-opt">{t.spread}</th>
                    <th class="num col-opt">{s("charges", "Charges")}</th>
                    <th class="num col-opt">{s("pending", "Awaiting review")}</th>
                    <th class="num">{s("billed", "Billed")}</th>
                    <th class="num col-opt">List</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr>
                      <td>
                        <a
                          href={link(`${t.path}/${keySegment(r.key)}`, { period: period ?? "" })}
                          title={r.key || "(none)"}
                          class="trunc"
                        >
                          {r.key || "(none)"}
                        </a>
                      </td>
                      <td>
                        <Trunc text={r.other} />
                      </td>
                      <td class="num col-opt">{formatCount(r.spread)}</td>
                      <td class="num col-opt">{formatCount(r.charges)}</td>
                      <td class="num col-opt">{formatCount(r.pending)}</td>
                      <td class="num">{formatMoney(r.billed, r.currency)}</td>
                      <td class="num col-opt">{formatMoney(r.list, r.currency)}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  {totals.map((x) => (
                    <tr class="total">
                      <td>
                        Total · {formatCount(x.spread)} {t.counted[x.spread === 1 ? 0 : 1]}
                      </td>
                      <td>{x.currency}</td>
                      <td class="col-opt"></td>
                      <td class="num col-opt">{formatCount(x.charges)}</td>
                      <td class="num col-opt">{formatCount(x.pending)}</td>
                      <td class="num group-total">{formatMoney(x.billed, x.currency)}</td>
                      <td class="num col-opt">{formatMoney(x.list, x.currency)}</td>
                    </tr>
                  ))}
                </tfoot>
              </table>
            )}
        </section>
        {by === "pi" ? <PiDirectory c={c} /> : null}
      </Layout>,
    );
  };
}

function listCsv(by: GroupBy) {
  return (c: WebContext) => {
    const { period, rows } = readList(c, by);
    const head = by === "pi"
      ? ["pi_email", "pi_name", "projects"]
      : ["project_id", "pi_email", "fund_orgs"];
    const lines = [
      csvRow([...head, "currency", "charges", "awaiting_review", "billed_cost", "list_cost"]),
    ];
    for (const r of rows) {
      lines.push(csvRow([
        r.key,
        r.other ?? "",
        r.spread,
        r.currency,
        r.charges,
        r.pending,
        microsToDecimal(r.billed),
        microsToDecimal(r.list),
      ]));
    }
    for (const x of groupTotals(rows)) {
      lines.push(csvRow([
        "total",
        "",
        x.spread,
        x.currency,
        x.charges,
        x.pending,
        microsToDecimal(x.billed),
        microsToDecimal(x.list),
      ]));
    }
    const name = `${by === "pi" ? "pis" : "projects"}${period ? `_${period}` : ""}.csv`;
    return c.body(lines.join("\n") + "\n", 200, {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "no-store",
    });
  };
}

/** GET /projects/export.csv. */
export const projectsCsv = listCsv("project");
/** GET /pis/export.csv. */
export const pisCsv = listCsv("pi");

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
    let detail;
    try {
      detail = getGroupDetail(c.get("app"), by, raw, period, dataScope(c));
    } catch (e) {
      // a PI of the directory with no charges yet still has a page: its directory entry
      const page = by === "pi" && e instanceof NotFoundError ? directoryOnlyPage(c, raw) : null;
      if (page) return page;
      throw e;
    }
    const { key, months, trend, statements, services, members } = detail;
    const currencies = [...new Set(trend.map((x) => x.currency))];
    const otherPath = by === "pi" ? "/projects" : "/pis";
    return c.html(
      <Layout c={c} title={`${t.one} ${raw}`}>
        <h1>
          {t.one} {raw} <span class="muted small">· {period}</span>
        </h1>
        <p>
          <a href={link("/charges", { period, [by]: `=${key}` })}>Charges of this {t.one}</a>
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
        {by === "pi" ? <PiEntry c={c} email={key} /> : null}
      </Layout>,
    );
  };
}

/** GET /projects/:name. */
export const projectDetailPage = detailPage("project");
/** GET /pis/:name. */
export const piDetailPage = detailPage("pi");
