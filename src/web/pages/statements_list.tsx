/**
 * The statements page's list: grouped per PI ("2 of 3 sent", the PI's total,
 * one Send button per PI), searched and sorted by query parameters, with a
 * totals row; and GET /statements/export.csv: the same list as CSV.
 */

import { csvRow } from "../../domain/csv_write.ts";
import { countOf } from "../../domain/plural.ts";
import { microsToDecimal, parseMicros } from "../../domain/money.ts";
import { isPeriod } from "../../domain/period.ts";
import {
  type CurrencyAmount,
  listStatementGroups,
  STATEMENT_SORTS,
  type StatementGroups,
  type StatementSort,
} from "../../statements/mod.ts";
import { Csrf, link, param, TextFilter, Trunc } from "../components/data_kit.tsx";
import { formatMoney, formatWhen } from "../components/format.ts";
import { periodSelection } from "../components/period_selection.ts";
import { piScope, type WebContext } from "../web_env.ts";

/** The list's query parameters. */
export interface StatementListParams {
  search: string;
  sort: StatementSort;
}

/** Read ?q= and ?sort= (unknown sorts fall back to by PI). */
export function statementListParams(c: WebContext): StatementListParams {
  const sort = param(c, "sort") as StatementSort;
  return { search: param(c, "q"), sort: STATEMENT_SORTS.includes(sort) ? sort : "pi" };
}

/** The grouped list of `period` for this reader (a PI: their own only). */
export function readStatementGroups(
  c: WebContext,
  period: string,
  p: StatementListParams,
): StatementGroups {
  return listStatementGroups(c.get("app"), { period, pi: piScope(c), ...p });
}

function money(items: CurrencyAmount[]): string {
  return items.map((t) => formatMoney(t.billed, t.currency)).join(" + ") || "—";
}

const SORT_LABELS: Record<StatementSort, string> = {
  pi: "PI",
  "-amount": "largest amount",
  amount: "smallest amount",
  unsent: "not sent first",
};

/** The search and sort form, and the CSV link of exactly what is shown. */
export function StatementListControls(
  props: { period: string; p: StatementListParams },
) {
  const { period, p } = props;
  return (
    <form method="get" action="/statements" class="inline" role="search" id="statement-filters">
      <input type="hidden" name="period" value={period} />
      <TextFilter
        id="s-q"
        name="q"
        label="Search"
        value={p.search}
        placeholder="PI, project, fund, number"
      />
      <div class="field">
        <label for="s-sort">Sort by</label>
        <select id="s-sort" name="sort">
          {STATEMENT_SORTS.map((s) => (
            <option value={s} selected={s === p.sort}>{SORT_LABELS[s]}</option>
          ))}
        </select>
      </div>
      <button type="submit" class="secondary">Show</button>
      <a
        class="button secondary"
        id="statements-csv"
        href={link("/statements/export.csv", {
          period,
          q: p.search,
          sort: p.sort === "pi" ? "" : p.sort,
        })}
        download
      >
        Export CSV
      </a>
    </form>
  );
}

/** The table: one heading row per PI, then their statements; a totals row at the end. */
export function StatementsTable(
  props: { c: WebContext; period: string; list: StatementGroups; editor: boolean },
) {
  const { c, period, list, editor } = props;
  const cols = 7;
  return (
    <table class="data" id="statements-table">
      <thead>
        <tr>
          <th>Number</th>
          <th>Project</th>
          <th class="col-opt">Fund/org</th>
          <th class="num">Amount</th>
          <th class="col-opt">Due</th>
          <th>Sent</th>
          <th>PDF</th>
        </tr>
      </thead>
      {list.groups.map((g) => (
        <tbody class="pi-group">
          <tr class="group-head">
            <td colspan={cols}>
              <div class="inline spread">
                <span>
                  <Trunc text={g.pi} wide /> ·{" "}
                  <span class="pi-sent">{g.sent} of {g.count} sent</span> · {money(g.totals)}
                </span>
                {editor
                  ? (
                    <form method="post" action="/statements/send" class="inline-form">
                      <Csrf c={c} />
                      <input type="hidden" name="period" value={period} />
                      <input type="hidden" name="pi" value={g.pi} />
                      {g.sent === g.count ? <input type="hidden" name="resend" value="1" /> : null}
                      <button type="submit" class="secondary small">
                        {g.sent === g.count ? "Resend" : "Send"} to this PI
                      </button>
                    </form>
                  )
                  : null}
              </div>
            </td>
          </tr>
          {g.statements.map((s) => {
            const pdf = `/statements/${s.number}/pdf?revision=${s.revision}`;
            return (
              <tr class={s.latest ? undefined : "superseded"}>
                <td class="nowrap">
                  {s.number} r{s.revision}
                  {s.latest ? "" : <div class="small muted">superseded</div>}
                </td>
                <td>
                  <Trunc text={s.project} />
                </td>
                <td class="col-opt">
                  <Trunc text={s.fundOrg} />
                </td>
                <td class="num">
                  {s.totals.map((t) => formatMoney(parseMicros(t.billedCost) ?? 0, t.currency))
                    .join(" + ")}
                </td>
                <td class="col-opt nowrap">
                  {s.dueOn ?? <span class="muted">—</span>}
                </td>
                <td title={`generated ${formatWhen(s.generatedAt)}`}>
                  {s.sentAt ? formatWhen(s.sentAt) : <span class="muted">not sent</span>}
                </td>
                <td class="nowrap">
                  <a href={`${pdf}&inline=1`} target="_blank" rel="noopener">Preview</a> ·{" "}
                  <a href={pdf} download>Download</a>
                </td>
              </tr>
            );
          })}
        </tbody>
      ))}
      <tfoot>
        <tr class="total">
          <td colspan={3}>
            Total · {countOf(list.groups.length, "PI")} ·{" "}
            <span id="statements-sent">{list.sent} of {list.count} sent</span>
          </td>
          <td class="num" id="statements-total">{money(list.totals)}</td>
          <td colspan={3}></td>
        </tr>
      </tfoot>
    </table>
  );
}

/** GET /statements/export.csv?period=&q=&sort=: the list as shown, one row per revision. */
export function statementsCsv(c: WebContext) {
  const period = periodSelection(c).selected ?? "";
  const list = isPeriod(period)
    ? readStatementGroups(c, period, statementListParams(c))
    : { groups: [], count: 0, sent: 0, totals: [] };
  const lines = [
    csvRow([
      "number",
      "revision",
      "latest",
      "pi_email",
      "project_id",
      "fund_org",
      "currency",
      "billed_cost",
      "generated_at",
      "sent_at",
      "due_on",
    ]),
  ];
  for (const g of list.groups) {
    for (const s of g.statements) {
      for (const t of s.totals) {
        lines.push(csvRow([
          s.number,
          s.revision,
          s.latest ? "yes" : "no",
          s.pi,
          s.project ?? "",
          s.fundOrg,
          t.currency,
          t.billedCost,
          s.generatedAt,
          s.sentAt ?? "",
          s.dueOn ?? "",
        ]));
      }
    }
  }
  for (const t of list.totals) {
    lines.push(
      csvRow(["total", "", "", "", "", "", t.currency, microsToDecimal(t.billed), "", "", ""]),
    );
  }
  return c.body(lines.join("\n") + "\n", 200, {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="statements${period ? `_${period}` : ""}.csv"`,
    "Cache-Control": "no-store",
  });
}
