/** /charges/:id: one charge with every stored field, tags, extra columns and its history. */

import {
  ATTRIBUTION_FIELDS,
  type ChargeDetail,
  type SplitAllocation,
  splitAllocationOf,
  viewCharge,
} from "../../charges/mod.ts";
import { StatusBadge } from "../components/data_kit.tsx";
import { formatMoney, formatWhen } from "../components/format.ts";
import { Layout } from "../components/layout.tsx";
import { dataScope, type WebContext } from "../web_env.ts";
import { fieldLabel } from "../components/field_labels.ts";

const MONEY = new Set(["billed_cost", "list_cost", "contracted_cost", "effective_cost"]);

/** Field groups shown in order; columns not listed land in "Other stored fields". */
const GROUPS: { title: string; keys: string[] }[] = [
  {
    title: "Attribution",
    keys: [...ATTRIBUTION_FIELDS],
  },
  {
    title: "Cost",
    keys: [
      "billed_cost",
      "list_cost",
      "contracted_cost",
      "effective_cost",
      "billing_currency",
      "list_unit_price",
      "contracted_unit_price",
      "pricing_quantity",
      "pricing_unit",
      "consumed_quantity",
      "consumed_unit",
    ],
  },
  {
    title: "FOCUS",
    keys: [
      "billing_period_start",
      "billing_period_end",
      "charge_period_start",
      "charge_period_end",
      "charge_category",
      "charge_class",
      "charge_description",
      "charge_frequency",
      "service_name",
      "service_category",
      "resource_id",
      "resource_name",
      "resource_type",
      "region_id",
      "sub_account_id",
      "sub_account_name",
      "billing_account_id",
      "provider_name",
      "publisher_name",
      "invoice_issuer_name",
      "invoice_id",
      "sku_id",
      "sku_price_id",
    ],
  },
];

const HIDDEN = new Set([
  "attribution",
  "tags",
  "extra",
  "flags",
  "source_id",
  "source_name",
  "source_display_name",
  "id",
  "period",
  "import_id",
  "file_name",
  "line_no",
  "review_status",
  "review_note",
  "reviewed_by",
  "reviewed_at",
]);

function show(d: ChargeDetail, key: string): string {
  const v = d.row[key];
  if (v === null || v === undefined) return "";
  if (MONEY.has(key)) return formatMoney(v as number, d.row.billing_currency);
  return String(v);
}

function FieldTable(props: { d: ChargeDetail; keys: string[]; setBy?: boolean }) {
  return (
    <table class="fields">
      <tbody>
        {props.keys.filter((k) => k in props.d.row).map((k) => (
          <tr>
            <th scope="row">{fieldLabel(k)}</th>
            <td>{show(props.d, k)}</td>
            {props.setBy
              ? <td class="muted set-by">{props.d.setBy[k] ? `set by ${props.d.setBy[k]}` : ""}</td>
              : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ObjectTable(props: { value: Record<string, unknown> | string | null }) {
  const v = props.value;
  if (v === null) return <p class="muted">None.</p>;
  if (typeof v === "string") return <pre class="wrap">{v}</pre>;
  return (
    <table class="fields">
      <tbody>
        {Object.entries(v).map(([k, x]) => (
          <tr>
            <th scope="row">
              <code>{k}</code>
            </th>
            <td>{typeof x === "string" ? x : JSON.stringify(x)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A FOCUS 1.3 split-cost-allocated charge: where it was split from, to what, and how. */
function SplitPanel(props: { d: ChargeDetail; split: SplitAllocation }) {
  const { d, split } = props;
  const origin = [d.row.resource_id, d.row.resource_name].filter((x) => x).join(" · ");
  const target = [split.allocatedResourceId, split.allocatedResourceName].filter((x) => x)
    .join(" · ");
  return (
    <section class="panel" id="split-allocation">
      <h2>Split cost allocation</h2>
      <p class="muted">
        The provider split the cost of a shared resource (the origin) among the resources that used
        it; this charge is one share.
      </p>
      <table class="fields">
        <tbody>
          <tr>
            <th scope="row">Origin resource</th>
            <td>{origin || "(not given)"}</td>
          </tr>
          <tr>
            <th scope="row">Allocated to</th>
            <td>{target || "(the unallocated rest of the origin)"}</td>
          </tr>
          <tr>
            <th scope="row">Method</th>
            <td>{split.methodId ?? ""}</td>
          </tr>
          <tr>
            <th scope="row">Share</th>
            <td>{split.factors.join("; ")}</td>
          </tr>
          {split.allocatedTags
            ? (
              <tr>
                <th scope="row">Allocated tags</th>
                <td>
                  <code>{JSON.stringify(split.allocatedTags)}</code>
                </td>
              </tr>
            )
            : null}
        </tbody>
      </table>
    </section>
  );
}

/** GET /charges/:id (a PI only sees their own charges; others are "not found"). */
export function chargeDetailPage(c: WebContext) {
  const id = Number(c.req.param("id"));
  const d = viewCharge(c.get("app"), id, dataScope(c));
  const listed = new Set([...HIDDEN, ...GROUPS.flatMap((g) => g.keys)]);
  const other = Object.keys(d.row).filter((k) => !listed.has(k));
  const canImports = c.get("canGet")("/imports");
  const split = splitAllocationOf(d.extra);
  return c.html(
    <Layout c={c} title={`Charge ${id}`}>
      <h1>
        Charge {id} <StatusBadge status={d.row.review_status} />
      </h1>
      <p class="muted">
        {d.source.displayName} · period{" "}
        <a href={`/charges?period=${d.row.period}`}>{d.row.period}</a>
        {d.provenance
          ? (
            <>
              {" · "}
              <span title={d.provenance.fileName}>{d.provenance.baseName}</span> line{" "}
              {d.provenance.lineNo}
            </>
          )
          : null}
      </p>
      <div class="grid-2">
        {GROUPS.slice(0, 2).map((g) => (
          <section class="panel">
            <h2>{g.title}</h2>
            <FieldTable d={d} keys={g.keys} setBy={g.title === "Attribution"} />
            {g.title === "Attribution" && d.hints.length
              ? (
                <ul class="hints">
                  {d.hints.map((h) => <li key={h}>{h}</li>)}
                </ul>
              )
              : null}
          </section>
        ))}
      </div>
      {split ? <SplitPanel d={d} split={split} /> : null}
      <section class="panel">
        <h2>FOCUS fields</h2>
        <FieldTable d={d} keys={GROUPS[2].keys} />
        {other.length ? <FieldTable d={d} keys={other} /> : null}
      </section>
      <div class="grid-2">
        <section class="panel">
          <h2>Tags</h2>
          <ObjectTable value={d.tags} />
        </section>
        <section class="panel">
          <h2>Extra columns</h2>
          <ObjectTable value={d.extra} />
        </section>
      </div>
      <section class="panel">
        <h2>History</h2>
        <table>
          <thead>
            <tr>
              <th>When</th>
              <th>What</th>
              <th>Who</th>
              <th>Note</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td>{formatWhen(d.imported?.at)}</td>
              <td>
                {d.provenance
                  ? (
                    <>
                      Imported in {canImports
                        ? (
                          <a href={`/imports/${d.provenance.importId}`}>
                            import #{d.provenance.importId}
                          </a>
                        )
                        : `import #${d.provenance.importId}`}
                    </>
                  )
                  : "Imported"}
                {d.reasons.length ? ` · flagged: ${d.reasons.join(", ")}` : ""}
              </td>
              <td>{d.imported?.by ?? ""}</td>
              <td></td>
            </tr>
            {d.decisions.map((x) => (
              <tr>
                <td>{formatWhen(x.at)}</td>
                <td>
                  <StatusBadge status={x.decision} />
                </td>
                <td>{x.actor}</td>
                <td>{x.note ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </Layout>,
  );
}
