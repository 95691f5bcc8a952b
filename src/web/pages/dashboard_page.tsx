/** GET /: the dashboard of the selected period. */

import {
  type DashboardFigures,
  dashboardFigures,
  type LabelledCostRow,
  type TopRow,
} from "../../dashboard/mod.ts";
import { BarChart, TrendChart } from "../components/charts.tsx";
import { formatCount, formatMoney, formatWhen } from "../components/format.ts";
import { Layout } from "../components/layout.tsx";
import { requirePeriodStatus } from "../../periods/mod.ts";
import { periodSelection, withPeriod } from "../components/period_selection.ts";
import { dataScope, piScope, type WebContext } from "../web_env.ts";

function chartData(rows: LabelledCostRow[], currency: string) {
  return rows.filter((r) => r.currency === currency)
    .map((r) => ({ label: r.label, value: r.billed, text: formatMoney(r.billed, currency) }));
}

function Cards(props: { m: DashboardFigures; c: WebContext }) {
  const { m, c } = props;
  return (
    <div class="cards">
      {m.totals.map((t) => (
        <>
          <div class="card">
            <div class="label">Billed ({t.currency})</div>
            <div class="value">{formatMoney(t.billed, t.currency)}</div>
          </div>
          <div class="card">
            <div class="label">List price ({t.currency})</div>
            <div class="value">{formatMoney(t.list, t.currency)}</div>
          </div>
          <div class="card">
            <div class="label">Subsidy ({t.currency})</div>
            <div class="value">{formatMoney(t.list - t.billed, t.currency)}</div>
          </div>
        </>
      ))}
      <div class="card">
        <div class="label">Charges</div>
        <div class="value">{formatCount(m.counts.charges)}</div>
      </div>
      <div class="card">
        <div class="label">PIs</div>
        <div class="value">{formatCount(m.counts.pis)}</div>
      </div>
      <div class="card">
        <div class="label">Projects</div>
        <div class="value">{formatCount(m.counts.projects)}</div>
      </div>
      <div class="card">
        <div class="label">Pending review</div>
        <div class="value">
          {c.get("canGet")("/review")
            ? <a href={withPeriod("/review", m.period)}>{formatCount(m.counts.pending)}</a>
            : formatCount(m.counts.pending)}
        </div>
      </div>
    </div>
  );
}

function TopTable(props: { title: string; rows: TopRow[]; keyLabel: string; href: string }) {
  return (
    <section class="panel" aria-label={props.title}>
      <h2>{props.title}</h2>
      {props.rows.length === 0 ? <p class="muted">No charges.</p> : (
        <table>
          <thead>
            <tr>
              <th>{props.keyLabel}</th>
              <th class="num">Charges</th>
              <th class="num">Billed</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr>
                <td>
                  <a href={`${props.href}${encodeURIComponent(r.key)}`}>{r.key}</a>
                  {r.name ? <div class="small muted">{r.name}</div> : null}
                </td>
                <td class="num">{formatCount(r.charges)}</td>
                <td class="num">{formatMoney(r.billed, r.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/**
 * The month's next steps as buttons (0.4 had them): import files, review what
 * waits, close the period, statements. Each only for roles that may, and only
 * while the period's state allows it (closing: an open period).
 */
function QuickActions(props: { c: WebContext; period: string; pending: number }) {
  const { c, period, pending } = props;
  if (piScope(c)) return null;
  // the period's row only (a NotFoundError naming the known periods when it does not exist)
  const status = requirePeriodStatus(c.get("app"), period);
  const canPost = c.get("canPost");
  const items = [
    canPost("/imports/preview") && status !== "finalized"
      ? <a class="button" href="/imports" key="qa-import" id="qa-import">Import files</a>
      : null,
    pending > 0 && c.get("canGet")("/review")
      ? (
        <a
          class="button secondary"
          href={withPeriod("/review", period)}
          key="qa-review"
          id="qa-review"
        >
          Review {formatCount(pending)} awaiting
        </a>
      )
      : null,
    status === "open" && canPost(`/periods/${period}/close`)
      ? (
        <a
          class="button secondary"
          href={`/periods/${period}?period=${period}`}
          key="qa-close"
          id="qa-close"
        >
          Close {period}…
        </a>
      )
      : null,
    canPost("/statements/generate")
      ? (
        <a
          class="button secondary"
          href={withPeriod("/statements", period)}
          key="qa-statements"
          id="qa-statements"
        >
          Statements
        </a>
      )
      : null,
  ].filter((x) => x !== null);
  if (items.length === 0) return null;
  return <nav class="actions" aria-label="Quick actions">{items}</nav>;
}

/** The dashboard page. */
export function dashboardPage(c: WebContext) {
  const sel = periodSelection(c);
  if (!sel.selected) {
    return c.html(
      <Layout c={c} title="Dashboard">
        <h1>Dashboard</h1>
        <div class="panel">
          <p>No billing data yet.</p>
          {c.get("canGet")("/imports")
            ? (
              <p>
                <a href="/imports">Import a FOCUS file</a>
              </p>
            )
            : null}
        </div>
      </Layout>,
    );
  }
  const m = dashboardFigures(c.get("app"), sel.selected, dataScope(c));
  const currencies = m.totals.length ? m.totals.map((t) => t.currency) : [...m.trend.keys()];
  const q = `?period=${encodeURIComponent(m.period)}&`;
  return c.html(
    <Layout c={c} title={`Dashboard ${m.period}`}>
      <h1>Dashboard · {m.period}</h1>
      <QuickActions c={c} period={m.period} pending={m.counts.pending} />
      <Cards m={m} c={c} />
      {currencies.map((cur) => (
        <div class="grid-2">
          <section class="panel">
            <h2>Cost by source ({cur})</h2>
            <BarChart title={`Cost by source, ${cur}`} data={chartData(m.bySource, cur)} />
          </section>
          <section class="panel">
            <h2>Cost by service ({cur}, top 10)</h2>
            <BarChart title={`Cost by service, ${cur}`} data={chartData(m.byService, cur)} />
          </section>
        </div>
      ))}
      {[...m.trend.entries()].map(([cur, values]) => (
        <section class="panel">
          <h2>Billed per month ({cur}, 12 months to {m.period})</h2>
          <TrendChart
            title={`Billed per month, ${cur}`}
            data={m.months.map((p, i) => ({
              label: p,
              value: values[i],
              text: formatMoney(values[i], cur),
            }))}
          />
        </section>
      ))}
      <div class="grid-2">
        {m.topPis.length || !piScope(c)
          ? <TopTable title="Top PIs" rows={m.topPis} keyLabel="PI" href={`/charges${q}pi=`} />
          : null}
        <TopTable
          title="Top projects"
          rows={m.topProjects}
          keyLabel="Project"
          href={`/charges${q}project=`}
        />
      </div>
      {m.imports.length
        ? (
          <section class="panel">
            <h2>Recent imports</h2>
            <table>
              <thead>
                <tr>
                  <th>When</th>
                  <th>Source</th>
                  <th>Periods</th>
                  <th class="num">Rows</th>
                  <th class="num">Added</th>
                  <th class="num">Flagged</th>
                  <th>By</th>
                </tr>
              </thead>
              <tbody>
                {m.imports.map((i) => (
                  <tr>
                    <td>{formatWhen(i.importedAt)}</td>
                    <td>{i.source.displayName || i.source.name}</td>
                    <td>{i.periods.join(", ")}</td>
                    <td class="num">{formatCount(i.rows)}</td>
                    <td class="num">{formatCount(i.added)}</td>
                    <td class="num">{formatCount(i.flagged)}</td>
                    <td>{i.importedBy}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )
        : null}
    </Layout>,
  );
}
