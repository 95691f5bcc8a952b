/**
 * /imports: drop several FOCUS files, check each file's guessed source and
 * period, preview the dry run (rows, periods, totals, flags, added / removed /
 * unchanged, errors with file:line: column), then import; import history and
 * /imports/:id detail. Upload size is capped by web.max_upload_mb (413).
 */

import { UserError } from "../../domain/errors.ts";
import { getImport, listImportHistory, listRefusedImports } from "../../imports/mod.ts";
import { Csrf, link, pageParam, StatusBadge } from "../components/data_kit.tsx";
import { formatCount, formatWhen } from "../components/format.ts";
import { ImportResult } from "../imports/import_result.tsx";
import { Layout, Message } from "../components/layout.tsx";
import { RevertPanel } from "./import_revert_page.tsx";
import { type FileChoice, formChoices, guessChoices, runImportPlan } from "../../ingest/mod.ts";
import {
  discardStagedUpload,
  findStagedUpload,
  type StagedUpload,
  stageUploads,
} from "../imports/upload_staging.ts";
import type { WebContext } from "../web_env.ts";

const HISTORY_PAGE = 25;

/** The history table; `oob` marks it for htmx to replace the page's copy after an import. */
function History(props: { c: WebContext; oob?: boolean }) {
  const page = pageParam(props.c);
  const rows = listImportHistory(props.c.get("app"), {
    limit: HISTORY_PAGE + 1,
    offset: (page - 1) * HISTORY_PAGE,
  });
  return (
    <section class="panel" id="import-history" hx-swap-oob={props.oob ? "true" : undefined}>
      <h2>Import history</h2>
      {rows.length === 0 ? <p class="muted">No imports yet.</p> : (
        <table class="data">
          <thead>
            <tr>
              <th>#</th>
              <th>When</th>
              <th>Source</th>
              <th>Files</th>
              <th>Periods</th>
              <th class="num">Rows</th>
              <th class="num">Added</th>
              <th class="num">Removed</th>
              <th class="num">Flagged</th>
              <th>Status</th>
              <th>By</th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, HISTORY_PAGE).map((i) => (
              <tr>
                <td>
                  <a href={`/imports/${i.id}`}>{i.id}</a>
                </td>
                <td>{formatWhen(i.importedAt)}</td>
                <td>{i.source.displayName}</td>
                <td class="small">{i.files.map((f) => f.name).join(", ")}</td>
                <td>{i.periods.join(", ")}</td>
                <td class="num">{formatCount(i.rows)}</td>
                <td class="num">{formatCount(i.added)}</td>
                <td class="num">{formatCount(i.removed)}</td>
                <td class="num">{formatCount(i.flagged)}</td>
                <td>
                  <StatusBadge status={i.status} />
                </td>
                <td>{i.importedBy}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div class="pager">
        {page > 1 ? <a href={link("/imports", { page: page - 1 })}>Newer</a> : null}
        {rows.length > HISTORY_PAGE
          ? <a href={link("/imports", { page: page + 1 })}>Older</a>
          : null}
      </div>
    </section>
  );
}

/** The latest refused deliveries, with their first errors (nothing of them was stored). */
function Refused(props: { c: WebContext }) {
  const rows = listRefusedImports(props.c.get("app"), 10);
  if (rows.length === 0) return null;
  return (
    <section class="panel">
      <h2>Refused deliveries</h2>
      <p class="small muted">Nothing of these was stored; fix the files and import them again.</p>
      <table class="data">
        <thead>
          <tr>
            <th>When</th>
            <th>Source</th>
            <th>Files</th>
            <th>Why</th>
            <th>By</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <td>{formatWhen(r.at)}</td>
              <td>{r.source}</td>
              <td class="small">{r.files.map((f) => f.split("/").pop()).join(", ")}</td>
              <td class="small">
                {r.error}
                {r.details.length > 1
                  ? (
                    <details>
                      <summary>{r.details.length} errors</summary>
                      {r.details.map((d, i) => <div key={i}>{d}</div>)}
                    </details>
                  )
                  : null}
              </td>
              <td>{r.actor}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function UploadForm(props: { c: WebContext }) {
  const mb = props.c.get("deps").config.web.max_upload_mb;
  return (
    <form
      method="post"
      action="/imports/preview"
      enctype="multipart/form-data"
      class="panel"
      id="upload-form"
      hx-post="/imports/preview"
      hx-encoding="multipart/form-data"
      hx-target="#import-result"
      hx-swap="outerHTML"
    >
      <Csrf c={props.c} />
      <div class="dropzone" id="dropzone">
        <label for="upload-files">FOCUS CSV files (.csv or .csv.gz), up to {mb} MB in all</label>
        <input type="file" id="upload-files" name="files" multiple accept=".csv,.gz,text/csv" />
        <p class="small muted">…or drop them here. Nothing is imported before you confirm.</p>
      </div>
      <progress id="upload-progress" max={100} value={0} hidden></progress>
      <button type="submit" id="upload-preview">Upload and check</button>
    </form>
  );
}

function page(c: WebContext, result: Parameters<typeof ImportResult>[0] | null, status = 200) {
  return c.html(
    <Layout c={c} title="Imports">
      <h1>Imports</h1>
      {c.get("canPost")("/imports/preview") ? <UploadForm c={c} /> : null}
      {result ? <ImportResult {...result} /> : <div id="import-result"></div>}
      <History c={c} />
      <Refused c={c} />
    </Layout>,
    status as 200,
  );
}

/** GET /imports. */
export function importsPage(c: WebContext) {
  return page(c, null);
}

function respond(c: WebContext, result: Parameters<typeof ImportResult>[0], status = 200) {
  if (c.req.header("HX-Request")) {
    // after an import the history below is replaced too (out of band), so it shows the new rows
    return c.html(
      <>
        <ImportResult {...result} />
        {result.dryRun ? null : <History c={c} oob />}
      </>,
    );
  }
  return page(c, result, status);
}

function owner(c: WebContext): string {
  return c.get("user")?.name ?? "";
}

/** POST /imports/preview: stage new files (field `files`) or re-check a staged upload (`token`). */
export async function submitImportPreview(c: WebContext) {
  const body = await c.req.parseBody({ all: true });
  const get = (k: string) => (typeof body[k] === "string" ? body[k] as string : "");
  const base = { c, upload: null, choices: [], outcomes: [], dryRun: true };
  try {
    let upload: StagedUpload;
    let choices: FileChoice[];
    if (get("token")) {
      upload = findStagedUpload(owner(c), get("token"));
      choices = formChoices(upload, get);
    } else {
      const raw = body.files;
      const files = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw])
        .filter((f): f is File => f instanceof File && f.name !== "");
      upload = await stageUploads(owner(c), files);
      choices = guessChoices(c.get("app"), upload);
    }
    const outcomes = await runImportPlan(c.get("app"), upload, choices, true);
    return respond(c, { ...base, upload, choices, outcomes });
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    return respond(c, { ...base, error: e.webLine() }, 400);
  }
}

/** POST /imports/commit: import the staged upload with the chosen sources and periods. */
export async function submitImportCommit(c: WebContext) {
  const body = await c.req.parseBody({ all: true });
  const get = (k: string) => {
    const v = body[k];
    return typeof v === "string" ? v : Array.isArray(v) && typeof v[0] === "string" ? v[0] : "";
  };
  const base = { c, upload: null, choices: [], outcomes: [], dryRun: false };
  try {
    const upload = findStagedUpload(owner(c), get("token"));
    const choices = formChoices(upload, get);
    const raw = body["new_source"];
    const agreed = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw])
      .filter((v): v is string => typeof v === "string");
    const outcomes = await runImportPlan(c.get("app"), upload, choices, false, agreed);
    if (outcomes.every((o) => !o.error)) await discardStagedUpload(upload.token);
    return respond(c, { ...base, upload, choices, outcomes });
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    return respond(c, { ...base, error: e.webLine() }, 400);
  }
}

/** GET /imports/:id: one import with its files. */
export function importDetailPage(c: WebContext) {
  const id = Number(c.req.param("id"));
  const i = getImport(c.get("app"), id);
  const { files, periods } = i;
  return c.html(
    <Layout c={c} title={`Import ${id}`}>
      <h1>
        Import {id} <StatusBadge status={i.status} />
      </h1>
      <Message
        kind="notice"
        text={c.req.query("m") === "reverted"
          ? "Import reverted: its charges were removed and what it replaced is back."
          : undefined}
      />
      <p class="muted">
        {i.source.displayName} · {formatWhen(i.importedAt)} by {i.importedBy} · mode {i.mode}
      </p>
      <div class="cards">
        {[
          ["Rows", i.rows],
          ["Added", i.added],
          ["Removed", i.removed],
          ["Unchanged", i.unchanged],
          ["Flagged", i.flagged],
        ].map(([label, n]) => (
          <div class="card">
            <div class="label">{label}</div>
            <div class="value">{formatCount(n as number)}</div>
          </div>
        ))}
      </div>
      <section class="panel">
        <h2>Files</h2>
        <table>
          <thead>
            <tr>
              <th>Name</th>
              <th class="num">Rows</th>
              <th>FOCUS</th>
              <th>SHA-256</th>
            </tr>
          </thead>
          <tbody>
            {files.map((f) => (
              <tr>
                <td>{f.name}</td>
                <td class="num">{formatCount(f.rows)}</td>
                <td>{f.focusVersion ?? ""}</td>
                <td class="small">
                  <code>{f.sha256}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p>
          Periods:{" "}
          {periods.map((p) => (
            <a href={link("/charges", { period: p, source: i.source.name })}>{p}</a>
          ))}
        </p>
      </section>
      <RevertPanel c={c} i={i} />
    </Layout>,
  );
}
