/** Small pieces shared by the data pages: query parameters, links, pager, badges, money lists. */

import type { Child } from "hono/jsx";
import type { WebContext } from "../web_env.ts";
import { formatCount, formatMoney } from "./format.ts";

/** The hidden CSRF field every state-changing form carries. */
export function Csrf(props: { c: WebContext }) {
  return <input type="hidden" name="_csrf" value={props.c.get("session")?.csrf_token ?? ""} />;
}

/** A trimmed query parameter ("" when absent), at most 200 characters. */
export function param(c: WebContext, key: string): string {
  return (c.req.query(key) ?? "").trim().slice(0, 200);
}

/** The 1-based `page` query parameter (1..100000). */
export function pageParam(c: WebContext): number {
  return Math.max(1, Math.min(100_000, Number.parseInt(param(c, "page") || "1", 10) || 1));
}

/** `path?k=v&...` with empty values left out. */
export function link(path: string, params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== "") q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/** Previous/next page links and "rows a-b of n". */
export function Pager(
  props: { page: number; pageSize: number; total: number; href: (page: number) => string },
) {
  const { page, pageSize, total } = props;
  const last = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const end = Math.min(total, page * pageSize);
  return (
    <nav class="pager" aria-label="Pages">
      {page > 1 ? <a href={props.href(page - 1)} rel="prev">Previous</a> : null}
      <span class="muted small">
        {formatCount(first)}–{formatCount(end)} of {formatCount(total)} · page {page} of{" "}
        {formatCount(last)}
      </span>
      {page < last ? <a href={props.href(page + 1)} rel="next">Next</a> : null}
    </nav>
  );
}

/** Amounts in several currencies, one per line ("—" when none). */
export function MoneyList(props: { items: { currency: string; amount: number }[] }) {
  if (props.items.length === 0) return <span class="muted">—</span>;
  return (
    <>
      {props.items.map((i, n) => (
        <>
          {n > 0 ? <br /> : null}
          {formatMoney(i.amount, i.currency)}
        </>
      ))}
    </>
  );
}

const STATUS_CLASS: Record<string, string> = {
  open: "badge ok",
  closed: "badge warn",
  finalized: "badge",
  pending: "badge warn",
  approved: "badge ok",
  rejected: "badge danger",
  none: "badge",
  sent: "badge ok",
  written: "badge ok",
  failed: "badge danger",
  imported: "badge ok",
  unchanged: "badge",
};

/** A status word in a coloured pill. */
export function StatusBadge(props: { status: string }) {
  return <span class={STATUS_CLASS[props.status] ?? "badge"}>{props.status}</span>;
}

/** A labelled filter field. */
export function Field(props: { id: string; label: string; children?: Child }) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      {props.children}
    </div>
  );
}

/** A text input field of a GET filter form. */
export function TextFilter(
  props: { id: string; name: string; label: string; value: string; placeholder?: string },
) {
  return (
    <Field id={props.id} label={props.label}>
      <input
        type="text"
        id={props.id}
        name={props.name}
        value={props.value}
        placeholder={props.placeholder}
      />
    </Field>
  );
}

/** A select of a GET filter form with an "any" first choice. */
export function SelectFilter(
  props: { id: string; name: string; label: string; value: string; options: string[] },
) {
  return (
    <Field id={props.id} label={props.label}>
      <select id={props.id} name={props.name}>
        <option value="">any</option>
        {props.options.map((o) => (
          <option key={o} value={o} selected={o === props.value}>{o}</option>
        ))}
      </select>
    </Field>
  );
}

/**
 * A long id or name, cut with an ellipsis past its width; the full text is its
 * title (hover) and stays in the page, so selecting and copying takes all of
 * it (a double click copies it too: app.js).
 */
export function Trunc(
  props: { text: string | null | undefined; wide?: boolean; narrow?: boolean },
) {
  const text = props.text ?? "";
  if (text === "") return null;
  const cls = props.wide ? "trunc wide" : props.narrow ? "trunc narrow" : "trunc";
  return <span class={cls} title={text}>{text}</span>;
}
