/** The import page's result area: the per-file plan form and each delivery's outcome. */

import { parseMicros } from "../../domain/money.ts";
import { Csrf, StatusBadge } from "../components/data_kit.tsx";
import { formatBytes, formatCount, formatMoney } from "../components/format.ts";
import { Message } from "../components/layout.tsx";
import type { WebContext } from "../web_env.ts";
import type { DeliveryOutcome, FileChoice } from "../../ingest/mod.ts";
import type { StagedUpload } from "./upload_staging.ts";
import { countOf } from "../../domain/plural.ts";

function Outcome(props: { o: DeliveryOutcome; dryRun: boolean }) {
  const { o } = props;
  const s = o.summary;
  return (
    <div class={o.error ? "delivery refused" : "delivery"}>
      <h3>
        {o.source || "(no source)"} · {o.period || "period from the rows"} ·{" "}
        <span class="small">{o.files.join(", ")}</span>
      </h3>
      {o.error
        ? (
          <div class="error" role="alert">
            <p>Refused: {o.error.message}</p>
            {o.error.details.length
              ? <ul class="small">{o.error.details.map((d) => <li key={d}>{d}</li>)}</ul>
              : null}
          </div>
        )
        : null}
      {s?.warnings.length
        ? (
          <div class="warning" role="status">
            <ul class="small">{s.warnings.map((w) => <li key={w}>Warning: {w}</li>)}</ul>
          </div>
        )
        : null}
      {s
        ? (
          <table class="fields">
            <tbody>
              <tr>
                <th>Status</th>
                <td>
                  <StatusBadge status={props.dryRun ? "checked" : s.status} />
                  {s.importId ? <a href={`/imports/${s.importId}`}>import #{s.importId}</a> : null}
                </td>
              </tr>
              <tr>
                <th>Rows</th>
                <td>{formatCount(s.rows)} (FOCUS {s.focusVersion ?? "version unknown"})</td>
              </tr>
              <tr>
                <th>Periods</th>
                <td>{s.periods.join(", ")}</td>
              </tr>
              <tr>
                <th>Billed</th>
                <td>
                  {s.currencies.map((c) => formatMoney(parseMicros(c.billedCost) ?? 0, c.currency))
                    .join(" + ")}
                </td>
              </tr>
              <tr>
                <th>List</th>
                <td>
                  {s.currencies.map((c) => formatMoney(parseMicros(c.listCost) ?? 0, c.currency))
                    .join(" + ")}
                </td>
              </tr>
              <tr>
                <th>Flagged for review</th>
                <td>{formatCount(s.flagged)}</td>
              </tr>
              <tr>
                <th>Added / removed / unchanged</th>
                <td>
                  {formatCount(s.added)} / {formatCount(s.removed)} / {formatCount(s.unchanged)}
                </td>
              </tr>
            </tbody>
          </table>
        )
        : null}
    </div>
  );
}

function FileRows(props: { choices: FileChoice[]; known: string[] }) {
  return (
    <table class="data">
      <thead>
        <tr>
          <th>File</th>
          <th>Size</th>
          <th>Source</th>
          <th>Expected period</th>
        </tr>
      </thead>
      <tbody>
        {props.choices.map((f) => (
          <tr>
            <td>{f.name}</td>
            <td>{formatBytes(f.bytes)}</td>
            <td>
              <label for={`source_${f.index}`} class="skip">Source of {f.name}</label>
              <input
                type="text"
                id={`source_${f.index}`}
                name={`source_${f.index}`}
                value={f.source}
                list="known-sources"
                required
              />
            </td>
            <td>
              <label for={`period_${f.index}`} class="skip">Period of {f.name}</label>
              <input
                type="text"
                id={`period_${f.index}`}
                name={`period_${f.index}`}
                value={f.period}
                placeholder="YYYY-MM"
                pattern="\d{4}-\d{2}"
                size={8}
              />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The import asks before it creates a source: one box per new source name
 * (neither registered nor in imports.known_sources), required to import.
 */
function NewSourceQuestions(props: { outcomes: DeliveryOutcome[] }) {
  const fresh = new Map<string, DeliveryOutcome["newSource"]>();
  for (const o of props.outcomes) if (o.newSource) fresh.set(o.newSource.name, o.newSource);
  if (fresh.size === 0) return null;
  return (
    <div class="field" id="new-sources">
      {[...fresh.values()].map((n) => (
        <label key={n!.name}>
          <input type="checkbox" name="new_source" value={n!.name} required /> Create the new source
          {" "}
          {n!.name} (not registered, not in imports.known_sources{n!.suggestion
            ? `; did you mean ${n!.suggestion}?`
            : ""})
        </label>
      ))}
    </div>
  );
}

/** The result area: the plan form (preview or after commit). */
export function ImportResult(
  props: {
    c: WebContext;
    upload: StagedUpload | null;
    choices: FileChoice[];
    outcomes: DeliveryOutcome[];
    dryRun: boolean;
    error?: string;
  },
) {
  const { c, upload } = props;
  const known = c.get("app").config.imports.known_sources.map((k) => k.name);
  const ok = props.outcomes.length > 0 && props.outcomes.every((o) => !o.error);
  return (
    <div id="import-result" aria-live="polite">
      <Message kind="error" text={props.error} />
      {!props.dryRun && ok
        ? (
          <div class="notice" role="status">
            Imported {countOf(props.outcomes.length, "delivery")}.
          </div>
        )
        : null}
      {upload && (props.dryRun || !ok)
        ? (
          <form
            method="post"
            action="/imports/commit"
            class="panel"
            id="import-plan"
            hx-post="/imports/commit"
            hx-target="#import-result"
            hx-swap="outerHTML"
          >
            <h2>{props.dryRun ? "Check, then import" : "Fix and retry"}</h2>
            <Csrf c={c} />
            <input type="hidden" name="token" value={upload.token} />
            <datalist id="known-sources">{known.map((k) => <option key={k} value={k} />)}</datalist>
            <FileRows choices={props.choices} known={known} />
            <NewSourceQuestions outcomes={props.outcomes} />
            <div class="inline">
              <button
                type="submit"
                class="secondary"
                formaction="/imports/preview"
                hx-post="/imports/preview"
              >
                Check again
              </button>
              <button type="submit" id="import-commit" disabled={!ok}>Import</button>
            </div>
          </form>
        )
        : null}
      {props.outcomes.map((o, i) => <Outcome key={i} o={o} dryRun={props.dryRun} />)}
    </div>
  );
}
