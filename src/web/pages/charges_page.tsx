/**
 * /charges: the charges browser (filters as query parameters, server-side
 * sort and pages) and /charges/export.csv: exactly the filtered set as CSV.
 */

import { csvRow } from "../../domain/csv_write.ts";
import { UserError } from "../../domain/errors.ts";
import {
  browseChargePage,
  type ChargeBrowseTotalsRow,
  type ChargePage,
  chargesCsvExport,
  listSourceNames,
} from "../../charges/mod.ts";
import { parseFlagReasons } from "../../domain/flag_reasons.ts";
import {
  link,
  MoneyList,
  pageParam,
  Pager,
  SelectFilter,
  StatusBadge,
  TextFilter,
  Trunc,
} from "../components/data_kit.tsx";
import { formatCount, formatMoney } from "../components/format.ts";
import { Layout, Message } from "../components/layout.tsx";
import { dataScope, piScope, type WebContext } from "../web_env.ts";
import { type ChargeParams, chargeParams, chargeQuery, paramRecord } from "./charges_model.ts";

/** Rows per page. */
export const CHARGES_PAGE_SIZE = 50;

const COLUMNS: { key: string; label: string; num?: boolean }[] = [
  { key: "id", label: "Id" },
  { key: "period", label: "Period" },
  { key: "date", label: "Date" },
  { key: "pi", label: "PI" },
  { key: "project", label: "Project" },
  { key: "service", label: "Service" },
  { key: "cost", label: "Billed", num: true },
  { key: "list", label: "List", num: true },
];

function SortHeader(props: { col: typeof COLUMNS[number]; p: ChargeParams }) {
  const { col, p } = props;
  const active = p.sort.replace(/^-/, "") === col.key;
  const desc = p.sort.startsWith("-");
  const next = active && desc ? col.key : `-${col.key}`;
  return (
    <th
      class={col.num
        ? (col.key === "list" ? "num col-opt" : "num")
        : col.key === "date"
        ? "col-wide"
        : undefined}
      aria-sort={active ? (desc ? "descending" : "ascending") : undefined}
    >
      <a href={link("/charges", { ...paramRecord(p), sort: next })}>
        {col.label}
        {active ? (desc ? " ↓" : " ↑") : ""}
      </a>
    </th>
  );
}

function Filters(props: { c: WebContext; p: ChargeParams; sources: string[] }) {
  const { p } = props;
  const pi = piScope(props.c);
  return (
    <form method="get" action="/charges" class="panel inline" role="search" id="charge-filters">
      <input type="hidden" name="period" value={p.period} />
      <TextFilter id="f-q" name="q" label="Search" value={p.q} placeholder="service, resource…" />
      <SelectFilter
        id="f-source"
        name="source"
        label="Source"
        value={p.source}
        options={props.sources}
      />
      {pi ? null : <TextFilter id="f-pi" name="pi" label="PI email" value={p.pi} />}
      <TextFilter id="f-project" name="project" label="Project" value={p.project} />
      <TextFilter id="f-fund" name="fund" label="Fund/org" value={p.fund} />
      <TextFilter id="f-service" name="service" label="Service" value={p.service} />
      <TextFilter id="f-reason" name="reason" label="Flag reason" value={p.reason} />
      <SelectFilter
        id="f-status"
        name="status"
        label="Review"
        value={p.status}
        options={["none", "pending", "approved", "rejected"]}
      />
      <input type="hidden" name="sort" value={p.sort} />
      <button type="submit">Filter</button>
      <a href={link("/charges", { period: p.period })} class="button secondary">Clear</a>
    </form>
  );
}

function totalsText(totals: ChargeBrowseTotalsRow[]) {
  return totals.map((t) => ({ currency: t.currency, amount: t.billed }));
}

function pendingText(totals: ChargeBrowseTotalsRow[]) {
  return totals.filter((t) => t.pendingCharges > 0)
    .map((t) => ({ currency: t.currency, amount: t.pendingBilled }));
}

/** GET /charges. */
export function chargesPage(c: WebContext) {
  const p = chargeParams(c);
  const page = pageParam(c);
  const app = c.get("app");
  let error: string | null = null;
  let found: ChargePage = { rows: [], totals: [], total: 0 };
  try {
    found = browseChargePage(app, chargeQuery(p), dataScope(c), {
      sort: p.sort,
      limit: CHARGES_PAGE_SIZE,
      offset: (page - 1) * CHARGES_PAGE_SIZE,
    });
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    error = e.webLine();
  }
  const { rows, totals, total } = found;
  const sources = listSourceNames(app);
  const record = paramRecord(p);
  return c.html(
    <Layout c={c} title="Charges">
      <h1>Charges{p.period ? ` · ${p.period}` : ""}</h1>
      <Message kind="error" text={error} />
      <Filters c={c} p={p} sources={sources} />
      <section class="panel" aria-labelledby="charges-summary">
        <div class="inline spread">
          <p id="charges-summary">
            <strong>{formatCount(total)}</strong> charges · billed{" "}
            <MoneyList items={totalsText(totals)} />
            {pendingText(totals).length > 0 && (
              <>
                {" "}· pending review{" "}
                {formatCount(totals.reduce((n, t) => n + t.pendingCharges, 0))} charges,{" "}
                <MoneyList items={pendingText(totals)} /> (not billed)
              </>
            )}
          </p>
          <a class="button secondary" href={link("/charges/export.csv", record)} download>
            Export CSV
          </a>
        </div>
        {rows.length === 0 ? <p class="muted">No charges match.</p> : (
          <table class="data">
            <thead>
              <tr>
                {/* the period is in the page title; money comes before the long resource ids */}
                {[0, 2, 3, 4].map((i) => (
                  <SortHeader
                    key={COLUMNS[i].key}
                    col={COLUMNS[i]}
                    p={p}
                  />
                ))}
                <th class="col-opt">Fund/org</th>
                <SortHeader col={COLUMNS[5]} p={p} />
                <SortHeader col={COLUMNS[6]} p={p} />
                <SortHeader col={COLUMNS[7]} p={p} />
                <th class="col-opt">Resource</th>
                <th>Review</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <td>
                    <a href={`/charges/${r.id}`}>{r.id}</a>
                  </td>
                  <td class="nowrap col-wide">{(r.charge_period_start ?? "").slice(0, 10)}</td>
                  <td>
                    <Trunc text={r.pi_email} />
                  </td>
                  <td>
                    <Trunc text={r.project_id} />
                  </td>
                  <td class="col-opt">
                    <Trunc text={r.fund_org} />
                  </td>
                  <td>
                    <Trunc text={r.service_name} />
                  </td>
                  <td class="num">{formatMoney(r.billed_cost, r.billing_currency)}</td>
                  <td class="num col-opt">{formatMoney(r.list_cost, r.billing_currency)}</td>
                  <td class="small col-opt">
                    <Trunc text={r.resource_name ?? r.resource_id} narrow />
                  </td>
                  <td class="nowrap">
                    {r.review_status === "none" ? "" : <StatusBadge status={r.review_status} />}
                    {r.flags ? " " : ""}
                    <span class="small muted">
                      <Trunc text={parseFlagReasons(r.flags).join(", ")} narrow />
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <Pager
          page={page}
          pageSize={CHARGES_PAGE_SIZE}
          total={total}
          href={(n) => link("/charges", { ...record, page: n })}
        />
      </section>
    </Layout>,
  );
}

/** GET /charges/export.csv: every charge of the current filter, streamed. */
export function chargesCsv(c: WebContext) {
  const p = chargeParams(c);
  // a PI's export carries no file names (the charges service decides the columns)
  const { header, rows } = chargesCsvExport(c.get("app"), chargeQuery(p), dataScope(c), p.sort);
  const enc = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(enc.encode(csvRow(header) + "\n"));
    },
    pull(controller) {
      const lines: string[] = [];
      for (let i = 0; i < 2000; i++) {
        const next = rows.next();
        if (next.done) {
          if (lines.length) controller.enqueue(enc.encode(lines.join("")));
          controller.close();
          return;
        }
        lines.push(csvRow(next.value) + "\n");
      }
      controller.enqueue(enc.encode(lines.join("")));
    },
    cancel() {
      rows.return(undefined);
    },
  });
  const name = `charges${p.period ? `_${p.period}` : ""}.csv`;
  return c.body(body, 200, {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="${name}"`,
    "Cache-Control": "no-store",
  });
}
