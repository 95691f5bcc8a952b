/** The page frame: sidebar navigation, top bar (period, search, theme, user menu), shortcuts. */

import type { Child } from "hono/jsx";
import { raw } from "hono/html";
import { ASSET_URLS } from "../static_assets.ts";
import type { WebContext } from "../web_env.ts";
import { Icon } from "./icons.tsx";
import { periodSelection, withPeriod } from "./period_selection.ts";

/** A sidebar entry; shown only to roles the route table lets GET its href. */
interface NavItem {
  href: string;
  label: string;
  icon: string;
}

/** The sidebar, in order. */
export const NAV: NavItem[] = [
  { href: "/", label: "Dashboard", icon: "dashboard" },
  { href: "/periods", label: "Periods", icon: "periods" },
  { href: "/sources", label: "Sources", icon: "sources" },
  { href: "/charges", label: "Charges", icon: "charges" },
  { href: "/projects", label: "Projects", icon: "projects" },
  { href: "/pis", label: "PIs", icon: "pis" },
  { href: "/review", label: "Review", icon: "review" },
  { href: "/imports", label: "Imports", icon: "imports" },
  { href: "/statements", label: "Statements", icon: "statements" },
  { href: "/journal", label: "Journal", icon: "journal" },
  { href: "/settings", label: "Settings", icon: "settings" },
  { href: "/users", label: "Users", icon: "users" },
  { href: "/audit", label: "Audit log", icon: "audit" },
  { href: "/help", label: "Help", icon: "help" },
];

/** The <head> shared by every page. */
export function Head(props: { title: string; csrf?: string }) {
  return (
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="color-scheme" content="light dark" />
      <meta name="referrer" content="same-origin" />
      {props.csrf ? <meta name="csrf-token" content={props.csrf} /> : null}
      {/* htmx settles no style attribute: copying one is an inline style the CSP refuses */}
      <meta
        name="htmx-config"
        content='{"includeIndicatorStyles":false,"allowEval":false,"allowScriptTags":false,"attributesToSettle":["class","width","height"]}'
      />
      <title>{props.title} · OpenChargeback</title>
      <link rel="icon" href={ASSET_URLS.favicon} type="image/svg+xml" />
      <link rel="stylesheet" href={ASSET_URLS.css} />
      <script src={ASSET_URLS.js}></script>
      <script src={ASSET_URLS.pagesJs} defer></script>
      <script src={ASSET_URLS.htmx} defer></script>
    </head>
  );
}

function isActive(href: string, path: string): boolean {
  return href === "/" ? path === "/" : path === href || path.startsWith(href + "/");
}

/** A full page for a signed-in user. */
export function Layout(props: { c: WebContext; title: string; children?: Child }) {
  const { c } = props;
  const user = c.get("user");
  const session = c.get("session");
  const canGet = c.get("canGet");
  const path = c.req.path;
  const sel = periodSelection(c);
  return (
    <>
      {raw("<!DOCTYPE html>")}
      <html lang="en">
        <Head title={props.title} csrf={session?.csrf_token} />
        <body>
          <a class="skip" href="#main">Skip to content</a>
          <div class="shell">
            <nav class="sidebar" id="sidebar" aria-label="Main">
              <a class="brand" href={withPeriod("/", sel.selected)}>
                <img src={ASSET_URLS.favicon} alt="" width="24" height="24" /> OpenChargeback
              </a>
              <ul class="nav">
                {NAV.filter((n) => canGet(n.href)).map((n) => (
                  <li>
                    <a
                      href={n.href === "/help" ? n.href : withPeriod(n.href, sel.selected)}
                      aria-current={isActive(n.href, path) ? "page" : undefined}
                    >
                      <Icon name={n.icon} /> {n.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
            <div class="main-col">
              <header class="topbar">
                <button
                  type="button"
                  class="secondary menu-toggle"
                  id="menu-toggle"
                  aria-controls="sidebar"
                  aria-expanded="false"
                >
                  <Icon name="menu" /> Menu
                </button>
                <form method="get" action={path} class="period-form">
                  <label for="period-select" class="small">Period</label>
                  <select id="period-select" name="period">
                    {sel.periods.length === 0 ? <option value="">none yet</option> : null}
                    {sel.periods.map((p) => (
                      <option value={p} selected={p === sel.selected}>{p}</option>
                    ))}
                  </select>
                  <button type="submit" class="secondary" id="period-go">Go</button>
                </form>
                {canGet("/charges")
                  ? (
                    <form method="get" action="/charges" class="search" role="search">
                      <label for="global-search" class="skip">Search charges</label>
                      <input
                        type="search"
                        id="global-search"
                        name="q"
                        placeholder="Search charges  ( / )"
                      />
                      {sel.selected
                        ? <input type="hidden" name="period" value={sel.selected} />
                        : null}
                    </form>
                  )
                  : null}
                <span class="spacer"></span>
                <button
                  type="button"
                  class="secondary"
                  id="theme-toggle"
                  aria-pressed="false"
                  title="Switch between light and dark"
                >
                  <Icon name="moon" /> Theme
                </button>
                {user
                  ? (
                    <details class="user-menu">
                      <summary>
                        <Icon name="user" /> {user.displayName}{" "}
                        <span class="badge">{user.role}</span>
                      </summary>
                      <div class="menu">
                        <div class="small muted">{user.email}</div>
                        <a href="/account">Account and password</a>
                        <a href="/help#shortcuts">Keyboard shortcuts</a>
                        <form method="post" action="/logout">
                          <input type="hidden" name="_csrf" value={session?.csrf_token ?? ""} />
                          <button type="submit" class="link">Sign out</button>
                        </form>
                      </div>
                    </details>
                  )
                  : null}
              </header>
              <main id="main" tabindex={-1}>{props.children}</main>
            </div>
          </div>
          <ShortcutsDialog />
        </body>
      </html>
    </>
  );
}

function ShortcutsDialog() {
  return (
    <dialog id="shortcuts" aria-labelledby="shortcuts-title">
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <table>
        <tbody>
          <tr>
            <td>
              <kbd>?</kbd>
            </td>
            <td>this help</td>
          </tr>
          <tr>
            <td>
              <kbd>/</kbd>
            </td>
            <td>search charges</td>
          </tr>
          <tr>
            <td>
              <kbd>g</kbd> <kbd>d</kbd>
            </td>
            <td>dashboard</td>
          </tr>
          <tr>
            <td>
              <kbd>g</kbd> <kbd>p</kbd>
            </td>
            <td>periods</td>
          </tr>
          <tr>
            <td>
              <kbd>g</kbd> <kbd>c</kbd>
            </td>
            <td>charges</td>
          </tr>
          <tr>
            <td>
              <kbd>g</kbd> <kbd>r</kbd>
            </td>
            <td>review queue</td>
          </tr>
        </tbody>
      </table>
      <p>
        <button type="button" id="shortcuts-close">Close</button>
      </p>
    </dialog>
  );
}

/** A page without navigation (sign-in, errors). */
export function BarePage(props: { title: string; children?: Child }) {
  return (
    <>
      {raw("<!DOCTYPE html>")}
      <html lang="en">
        <Head title={props.title} />
        <body>
          <main id="main" class="login-page">{props.children}</main>
        </body>
      </html>
    </>
  );
}

/** A notice or an error message box. */
export function Message(props: { kind: "notice" | "error"; text?: string | null }) {
  if (!props.text) return null;
  return (
    <div class={props.kind} role={props.kind === "error" ? "alert" : "status"}>{props.text}</div>
  );
}
