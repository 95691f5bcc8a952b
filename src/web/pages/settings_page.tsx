/** /settings: review pattern editors with a live tester, and system information. */

import { UserError } from "../../domain/errors.ts";
import { isPeriod } from "../../domain/period.ts";
import { plural } from "../../domain/plural.ts";
import { versionInfo } from "../../version.ts";
import { formatBytes, formatCount } from "../components/format.ts";
import { Layout, Message } from "../components/layout.tsx";
import { periodSelection } from "../components/period_selection.ts";
import {
  databaseFacts,
  effectivePatterns,
  type PatternKind,
  patternLines,
  resetPatterns,
  savePatterns,
  TEST_SCAN_LIMIT,
  testPatterns,
} from "../../settings/mod.ts";
import { ImportSettings } from "./settings_config.tsx";
import { ResetPanel } from "./settings_reset.tsx";
import type { WebContext } from "../web_env.ts";

const KINDS: { kind: PatternKind; title: string; help: string }[] = [
  {
    kind: "flag",
    title: "Flag patterns",
    help:
      "One regular expression per line (case-insensitive). A charge whose service name, resource id or resource name matches is held for review.",
  },
  {
    kind: "fund_org",
    title: "Fund/org patterns",
    help:
      "One regular expression per line. When any are set, a fund/org that matches none is flagged invalid_fund_org.",
  },
];

const NOTICES: Record<string, string> = {
  saved: "Saved. Later imports use these patterns.",
  reset: "Reset: the config file's patterns apply again.",
  reset_data: "Demo data reset: the database is empty (web users and the audit log kept).",
};

function parseKind(v: unknown): PatternKind {
  if (v === "flag" || v === "fund_org") return v;
  throw new UserError("unknown pattern list.", { hint: "Use the Settings page's forms." });
}

/** The tester's result fragment. */
function TestResult(props: { c: WebContext; kind: PatternKind; text: string; period: string }) {
  try {
    const r = testPatterns(props.c.get("app"), props.kind, patternLines(props.text), props.period);
    const n = r.matches;
    const what = props.kind === "flag"
      ? `${plural(n, "charge")} would be flagged`
      : `fund/org ${plural(n, "value")} ${plural(n, "matches", "match")} none`;
    return (
      <div role="status">
        <p>
          <strong>{formatCount(r.matches)}</strong> {what} in {props.period} (of{" "}
          {formatCount(r.scanned)} {plural(r.scanned, props.kind === "flag" ? "charge" : "value")}
          {" "}
          read
          {props.kind === "flag" && r.scanned === TEST_SCAN_LIMIT ? ", the first ones only" : ""}).
        </p>
        {r.examples.length
          ? (
            <ul class="small">
              {r.examples.map((e) => (
                <li>
                  {e.id !== undefined ? <a href={`/charges/${e.id}`}>#{e.id}</a> : null} {e.text}
                  {e.charges !== undefined
                    ? ` (${formatCount(e.charges)} ${plural(e.charges, "charge")})`
                    : ""}
                </li>
              ))}
            </ul>
          )
          : null}
      </div>
    );
  } catch (e) {
    if (e instanceof UserError) return <div class="error" role="alert">{e.webLine()}</div>;
    throw e;
  }
}

function SettingsBody(props: { c: WebContext; error?: string; drafts?: Record<string, string> }) {
  const { c } = props;
  const app = c.get("app");
  const canEdit = c.get("canPost")("/settings/patterns");
  const canTest = c.get("canGet")("/settings/test");
  const sel = periodSelection(c);
  const db = databaseFacts(app);
  const info = versionInfo();
  return (
    <>
      <h1>Settings</h1>
      <p>
        <a href="/settings/attribution">Attribution rules</a> ·{" "}
        <a href="/settings/funding">Fund splits</a>
      </p>
      <Message kind="notice" text={NOTICES[c.req.query("m") ?? ""]} />
      <Message kind="error" text={props.error} />
      {canTest && sel.selected
        ? (
          <p class="small muted">
            The tester runs against the charges of the period selected above ({sel.selected}).
            <input type="hidden" id="tester-period" name="period" value={sel.selected} />
          </p>
        )
        : null}
      <div class="grid-2">
        {KINDS.map((k) => {
          const eff = effectivePatterns(app, k.kind);
          const text = props.drafts?.[k.kind] ?? eff.patterns.join("\n");
          return (
            <section class="panel" aria-labelledby={`h-${k.kind}`}>
              <h2 id={`h-${k.kind}`}>{k.title}</h2>
              <p class="small muted">{k.help}</p>
              <p class="small">
                In force: {eff.origin === "database"
                  ? "changed here (overrides the config file)"
                  : "the config file"}
              </p>
              <form {...(canEdit ? { method: "post", action: "/settings/patterns" } : {})}>
                <input type="hidden" name="_csrf" value={c.get("session")?.csrf_token ?? ""} />
                <input type="hidden" name="kind" value={k.kind} />
                <div class="field">
                  <label for={`patterns-${k.kind}`}>Patterns</label>
                  <textarea
                    id={`patterns-${k.kind}`}
                    name="patterns"
                    rows={6}
                    readonly={!canEdit}
                    spellcheck={false}
                    {...(canTest && sel.selected
                      ? {
                        "hx-get": "/settings/test",
                        "hx-trigger": "input changed delay:500ms, load",
                        "hx-include": "#tester-period",
                        "hx-vals": JSON.stringify({ kind: k.kind }),
                        "hx-target": `#test-${k.kind}`,
                      }
                      : {})}
                  >
                    {text}
                  </textarea>
                </div>
                {canEdit
                  ? (
                    <div class="inline">
                      <button type="submit" name="action" value="save">Save</button>
                      {eff.origin === "database"
                        ? (
                          <button type="submit" name="action" value="reset" class="secondary">
                            Reset to config
                          </button>
                        )
                        : null}
                    </div>
                  )
                  : null}
              </form>
              {canTest ? <div id={`test-${k.kind}`} aria-live="polite" class="small"></div> : null}
            </section>
          );
        })}
      </div>
      <ImportSettings c={c} />
      <ResetPanel c={c} />
      <section class="panel" aria-labelledby="h-system">
        <h2 id="h-system">System</h2>
        <table>
          <tbody>
            <tr>
              <th>Version</th>
              <td>{info.version} ({info.build})</td>
            </tr>
            <tr>
              <th>Runtime</th>
              <td>{info.runtime}</td>
            </tr>
            <tr>
              <th>FOCUS versions</th>
              <td>{info.focusVersions.join(", ")}</td>
            </tr>
            <tr>
              <th>Config file</th>
              <td>
                <code>{app.configPath ?? "built-in defaults"}</code>
              </td>
            </tr>
            <tr>
              <th>Database</th>
              <td>
                <code>{db.path}</code>
              </td>
            </tr>
            <tr>
              <th>Database size</th>
              <td>{formatBytes(db.sizeBytes)}</td>
            </tr>
            <tr>
              <th>Schema version</th>
              <td>{db.schemaVersion}</td>
            </tr>
            <tr>
              <th>Mode</th>
              <td>
                {app.config.dev_mode ? "development (emails written to files)" : "production"}
              </td>
            </tr>
          </tbody>
        </table>
      </section>
    </>
  );
}

/** GET /settings. */
export function settingsPage(c: WebContext) {
  return c.html(
    <Layout c={c} title="Settings">
      <SettingsBody c={c} />
    </Layout>,
  );
}

/** POST /settings/patterns: save (action=save) or reset (action=reset) one list. */
export async function submitPatterns(c: WebContext) {
  const body = await c.req.parseBody();
  const text = typeof body.patterns === "string" ? body.patterns : "";
  let kind: PatternKind = "flag";
  try {
    kind = parseKind(body.kind);
    if (body.action === "reset") {
      resetPatterns(c.get("app"), kind);
      return c.redirect("/settings?m=reset", 303);
    }
    savePatterns(c.get("app"), kind, patternLines(text));
    return c.redirect("/settings?m=saved", 303);
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    return c.html(
      <Layout c={c} title="Settings">
        <SettingsBody c={c} error={e.webLine()} drafts={{ [kind]: text }} />
      </Layout>,
      400,
    );
  }
}

/** GET /settings/test?kind=&patterns=&period=: the live tester (an htmx fragment). */
export function testPatternsFragment(c: WebContext) {
  const period = c.req.query("period") ?? "";
  let kind: PatternKind;
  try {
    kind = parseKind(c.req.query("kind"));
  } catch {
    return c.html(<div class="error" role="alert">Unknown pattern list.</div>, 400);
  }
  if (!isPeriod(period)) {
    return c.html(<div class="error" role="alert">Choose a period to test against.</div>, 400);
  }
  return c.html(
    <TestResult c={c} kind={kind} text={c.req.query("patterns") ?? ""} period={period} />,
  );
}
