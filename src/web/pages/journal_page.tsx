/**
 * /journal: choose a format (or the configured template, or a built-in
 * template by name), preview the first rows with the debit/credit totals,
 * export (written to output.journal_dir, recorded, audited, downloaded at
 * once) and the export history.
 */

import { basename } from "node:path";
import { NotFoundError, UserError } from "../../domain/errors.ts";
import { isPeriod } from "../../domain/period.ts";
import { countOf } from "../../domain/plural.ts";
import { getPeriod } from "../../periods/mod.ts";
import {
  exportJournal,
  type JournalChoice,
  journalChoiceOf,
  journalChoices,
  journalChoiceValue,
  type JournalPreview,
  listJournalExports,
  previewJournal,
} from "../../journal/mod.ts";
import { Csrf, Field, param } from "../components/data_kit.tsx";
import { formatCount, formatWhen } from "../components/format.ts";
import { Layout, Message } from "../components/layout.tsx";
import { periodSelection } from "../components/period_selection.ts";
import type { WebContext } from "../web_env.ts";

/** Data rows shown by the preview. */
export const JOURNAL_PREVIEW_ROWS = 20;

interface PageChoice extends JournalChoice {
  includePending: boolean;
}

/** The format (or built-in template) chosen: the registry reads the select value. */
function choiceOf(get: (k: string) => string): PageChoice {
  return { ...journalChoiceOf(get("format")), includePending: get("include_pending") === "1" };
}

function ChoiceFields(props: { c: WebContext; choice: PageChoice }) {
  const selected = journalChoiceValue(props.choice);
  return (
    <>
      <Field id="j-format" label="Format">
        <select id="j-format" name="format">
          {journalChoices(props.c.get("app").config).map((o) => (
            <option value={o.value} selected={o.value === selected}>{o.label}</option>
          ))}
        </select>
      </Field>
      <div class="field">
        <label>
          <input
            type="checkbox"
            id="j-pending"
            name="include_pending"
            value="1"
            checked={props.choice.includePending}
          />{" "}
          Include charges awaiting review
        </label>
      </div>
    </>
  );
}

/** The export asks before leaving charges awaiting review out (the service refuses otherwise). */
function PendingQuestion(props: { c: WebContext; period: string }) {
  const pending = getPeriod(props.c.get("app"), props.period).flagged;
  if (pending === 0) return null;
  return (
    <div class="field">
      <label>
        <input type="checkbox" name="allow_pending" value="1" form="journal-export" />{" "}
        Export without the {countOf(pending, "charge")} awaiting review
      </label>
    </div>
  );
}

/**
 * One format selector for both buttons: Preview submits this GET form; Export
 * submits the POST form #journal-export (its hidden fields carry the choice
 * shown, and pages.js copies the selector into them as it is sent).
 */
function ChoiceForm(props: { c: WebContext; period: string; choice: PageChoice }) {
  const { c, period, choice } = props;
  const canExport = c.get("canPost")("/journal/export");
  return (
    <>
      <form method="get" action="/journal" class="panel" id="journal-choice">
        <h2>Format</h2>
        <input type="hidden" name="period" value={period} />
        <input type="hidden" name="preview" value="1" />
        <ChoiceFields c={c} choice={choice} />
        {canExport ? <PendingQuestion c={c} period={period} /> : null}
        <div class="inline">
          <button type="submit" class="secondary" id="journal-preview-button">Preview</button>
          {canExport
            ? (
              <button type="submit" form="journal-export" id="journal-export-button">
                Export and download
              </button>
            )
            : null}
        </div>
      </form>
      {canExport
        ? (
          <form method="post" action="/journal/export" id="journal-export" class="inline-form">
            <Csrf c={c} />
            <input type="hidden" name="period" value={period} />
            <input type="hidden" name="format" value={journalChoiceValue(choice)} />
            {choice.includePending
              ? <input type="hidden" name="include_pending" value="1" />
              : <input type="hidden" name="include_pending" value="" />}
          </form>
        )
        : null}
    </>
  );
}

/** Index of the first header cell matching `re` (-1 when none). */
function columnOf(head: string[], re: RegExp): number {
  return head.findIndex((h) => re.test(h));
}

function Preview(props: { p: JournalPreview }) {
  const { p } = props;
  const [head = [], ...body] = p.table;
  const debit = columnOf(head, /debit/i);
  const credit = columnOf(head, /credit/i);
  const width = Math.max(head.length, ...body.map((r) => r.length));
  const balanced = p.debitTotal === p.creditTotal;
  return (
    <section class="panel" id="journal-preview">
      <h2>Preview</h2>
      <p>
        {formatCount(p.rows)} rows from {formatCount(p.charges)} charges · debit{" "}
        <strong>{p.debitTotal}</strong> · credit <strong>{p.creditTotal}</strong>
        {balanced ? " · balanced" : ""}
        {p.pendingExcluded ? ` · ${formatCount(p.pendingExcluded)} awaiting review left out` : ""}
        {p.truncated ? ` · the first ${formatCount(body.length)} rows shown` : ""}
      </p>
      <table class="data preview" id="journal-preview-table">
        <thead>
          <tr>
            {head.map((h, i) => (
              <th key={i} class={i === debit || i === credit ? "num" : undefined}>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {body.map((r) => (
            <tr>
              {Array.from(
                { length: width },
                (_, i) => (
                  <td class={i === debit || i === credit ? "num" : "wrap-any"}>{r[i] ?? ""}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr class="total">
            {Array.from(
              { length: width },
              (_, i) => (
                <td class={i === debit || i === credit ? "num" : undefined}>
                  {i === 0 ? "Total (every row)" : ""}
                  {i === debit ? p.debitTotal : ""}
                  {i === credit ? p.creditTotal : ""}
                </td>
              ),
            )}
          </tr>
        </tfoot>
      </table>
    </section>
  );
}

async function JournalBody(props: { c: WebContext; period: string | null; error?: string }) {
  const { c, period } = props;
  const app = c.get("app");
  const choice = choiceOf((k) => param(c, k));
  let preview: JournalPreview | null = null;
  let error = props.error;
  if (period && param(c, "preview") === "1") {
    try {
      preview = await previewJournal(app, { period, ...choice }, JOURNAL_PREVIEW_ROWS);
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      error = e.webLine();
    }
  }
  const history = period ? listJournalExports(app, period) : [];
  return (
    <>
      <h1>Journal{period ? ` · ${period}` : ""}</h1>
      <Message kind="error" text={error} />
      {period
        ? <ChoiceForm c={c} period={period} choice={choice} />
        : <p class="muted">No periods yet.</p>}
      {preview ? <Preview p={preview} /> : null}
      <section class="panel">
        <h2>Exports of {period ?? "this period"}</h2>
        {history.length === 0 ? <p class="muted">None yet.</p> : (
          <table class="data">
            <thead>
              <tr>
                <th>When</th>
                <th>Format</th>
                <th class="num">Rows</th>
                <th class="num">Debit</th>
                <th class="num">Credit</th>
                <th>By</th>
                <th>File</th>
              </tr>
            </thead>
            <tbody>
              {history.map((h) => (
                <tr>
                  <td>{formatWhen(h.exportedAt)}</td>
                  <td>{h.template ? `template ${h.template}` : h.format}</td>
                  <td class="num">{formatCount(h.rows)}</td>
                  <td class="num">{h.debitTotal}</td>
                  <td class="num">{h.creditTotal}</td>
                  <td>{h.exportedBy}</td>
                  <td>
                    {h.path
                      ? <a href={`/journal/exports/${h.id}`} download>{basename(h.path)}</a>
                      : "(stdout)"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}

/** GET /journal[?preview=1&format=(detail|summary|gl|template|builtin:NAME)&include_pending=1]. */
export async function journalPage(c: WebContext) {
  const body = await JournalBody({ c, period: periodSelection(c).selected });
  return c.html(<Layout c={c} title="Journal">{body}</Layout>);
}

function download(c: WebContext, path: string, content: string | Uint8Array) {
  return c.body(content as string, 200, {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="${basename(path).replace(/"/g, "")}"`,
    "Cache-Control": "no-store",
  });
}

/** POST /journal/export: export (service: write, record, audit) and send the file. */
export async function submitJournalExport(c: WebContext) {
  const body = await c.req.parseBody();
  const get = (k: string) => (typeof body[k] === "string" ? (body[k] as string).trim() : "");
  const period = get("period");
  try {
    if (!isPeriod(period)) throw new UserError("choose a period (YYYY-MM).");
    const r = await exportJournal(c.get("app"), {
      period,
      ...choiceOf(get),
      allowPending: get("allow_pending") === "1",
    });
    return download(c, r.path!, await Deno.readFile(r.path!));
  } catch (e) {
    if (!(e instanceof UserError) || e instanceof NotFoundError) throw e;
    const page = await JournalBody({ c, period, error: e.webLine() });
    return c.html(<Layout c={c} title="Journal">{page}</Layout>, 400);
  }
}

/** GET /journal/exports/:id: download a recorded export file. */
export async function journalExportFile(c: WebContext) {
  const id = Number(c.req.param("id"));
  const found = listJournalExports(c.get("app")).find((e) => e.id === id);
  if (!found?.path) throw new NotFoundError(`journal export ${id} has no file.`);
  let bytes: Uint8Array;
  try {
    bytes = await Deno.readFile(found.path);
  } catch {
    throw new NotFoundError(`the file of journal export ${id} is missing.`, {
      hint: `It was written to ${basename(found.path)}; export the period again.`,
    });
  }
  return download(c, found.path, bytes);
}
