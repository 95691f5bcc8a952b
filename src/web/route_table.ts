/**
 * THE route table: every route of the web app, its method, and the roles that
 * may use it. The app registers exactly these routes and checks the roles in
 * one place (authorize() in middleware/access_control.ts); the sidebar shows a
 * link only to roles allowed to GET it; tests/web_routes_roles_test.ts walks
 * every entry for every role. Adding a page = one route module + one line here.
 *
 * A `pi` role sees only their own data: pages open to it read through
 * services that take the request's dataScope(c) (src/web/web_env.ts).
 */

import type { Handler } from "hono";
import type { UserRole } from "../users/mod.ts";
import type { RouteRoles } from "./middleware/access_control.ts";
import { accountPage, submitOwnPassword } from "./pages/account_page.tsx";
import { auditPage } from "./pages/audit_page.tsx";
import { dashboardPage } from "./pages/dashboard_page.tsx";
import { health } from "./pages/health.ts";
import { helpPage } from "./pages/help_page.tsx";
import { showLogin, showLogout, submitLogin, submitLogout } from "./pages/login_page.tsx";
import { chargeDetailPage } from "./pages/charge_detail_page.tsx";
import { chargesCsv, chargesPage } from "./pages/charges_page.tsx";
import {
  piDetailPage,
  pisCsv,
  pisPage,
  projectDetailPage,
  projectsCsv,
  projectsPage,
} from "./pages/group_pages.tsx";
import {
  importDetailPage,
  importsPage,
  submitImportCommit,
  submitImportPreview,
} from "./pages/imports_page.tsx";
import { submitPi } from "./pages/pi_directory_page.tsx";
import { submitImportRevert } from "./pages/import_revert_page.tsx";
import { journalExportFile, journalPage, submitJournalExport } from "./pages/journal_page.tsx";
import {
  periodDetailPage,
  periodsPage,
  submitCreatePeriod,
  submitPeriodChange,
} from "./pages/periods_page.tsx";
import { reviewPage, submitReviewDecision } from "./pages/review_page.tsx";
import { sourcesPage, submitAddSource } from "./pages/sources_page.tsx";
import {
  statementPdf,
  statementsPage,
  submitGenerate,
  submitSend,
} from "./pages/statements_page.tsx";
import { statementsCsv } from "./pages/statements_list.tsx";
import { statementJobFragment } from "./pages/statement_jobs.tsx";
import { submitReset } from "./pages/settings_reset.tsx";
import { settingsPage, submitPatterns, testPatternsFragment } from "./pages/settings_page.tsx";
import {
  attributionRulesPage,
  submitAttributionRule,
  submitDeleteAttributionRule,
  submitMoveAttributionRule,
  testAttributionRuleFragment,
} from "./pages/settings_attribution_page.tsx";
import {
  fundingPage,
  submitDeleteFundSplit,
  submitFundExpiry,
  submitFundSplit,
} from "./pages/settings_funding_page.tsx";
import {
  submitAddUser,
  submitDisableUser,
  submitEnableUser,
  submitUserPassword,
  submitUserRole,
  usersPage,
} from "./pages/users_page.tsx";
import { serveStaticAsset } from "./static_assets.ts";
import type { WebEnv } from "./web_env.ts";

/** One route. */
export interface RouteEntry {
  method: "GET" | "POST";
  /** Hono path pattern (`:param`, `:param{regex}`). */
  path: string;
  roles: RouteRoles;
  handler: Handler<WebEnv>;
}

/** Every role, PI included (the page reads with dataScope). */
export const ALL: readonly UserRole[] = ["admin", "reviewer", "viewer", "pi"];
/** Staff: read access to everything. */
export const STAFF: readonly UserRole[] = ["admin", "reviewer", "viewer"];
/** Import, review, generate, send, export. */
export const EDITORS: readonly UserRole[] = ["admin", "reviewer"];
/** Users, settings, finalize. */
export const ADMIN: readonly UserRole[] = ["admin"];
const PUBLIC = "public";

const r = (method: "GET" | "POST", path: string, roles: RouteRoles, handler: Handler<WebEnv>) => ({
  method,
  path,
  roles,
  handler,
});

/** The routes, in registration order. */
export const ROUTES: RouteEntry[] = [
  r("GET", "/health", PUBLIC, health),
  r("GET", "/static/:file", PUBLIC, serveStaticAsset),
  r("GET", "/login", PUBLIC, showLogin),
  r("POST", "/login", PUBLIC, submitLogin),
  r("GET", "/logout", PUBLIC, showLogout),
  r("POST", "/logout", ALL, submitLogout),
  r("GET", "/", ALL, dashboardPage),
  r("GET", "/help", ALL, helpPage),
  r("GET", "/account", ALL, accountPage),
  r("POST", "/account/password", ALL, submitOwnPassword),
  r("GET", "/periods", STAFF, periodsPage),
  r("POST", "/periods", EDITORS, submitCreatePeriod),
  r("GET", "/periods/:period{[0-9]{4}-[0-9]{2}}", STAFF, periodDetailPage),
  r("POST", "/periods/:period{[0-9]{4}-[0-9]{2}}/close", EDITORS, submitPeriodChange("close")),
  r("POST", "/periods/:period{[0-9]{4}-[0-9]{2}}/reopen", ADMIN, submitPeriodChange("reopen")),
  r("POST", "/periods/:period{[0-9]{4}-[0-9]{2}}/finalize", ADMIN, submitPeriodChange("finalize")),
  r("GET", "/sources", STAFF, sourcesPage),
  r("POST", "/sources", EDITORS, submitAddSource),
  r("GET", "/charges", ALL, chargesPage),
  r("GET", "/charges/export.csv", ALL, chargesCsv),
  r("GET", "/charges/:id{[0-9]+}", ALL, chargeDetailPage),
  r("GET", "/projects", ALL, projectsPage),
  r("GET", "/projects/export.csv", ALL, projectsCsv),
  r("GET", "/projects/:name", ALL, projectDetailPage),
  r("GET", "/pis", STAFF, pisPage),
  r("GET", "/pis/export.csv", STAFF, pisCsv),
  r("GET", "/pis/:name", STAFF, piDetailPage),
  r("POST", "/pis/directory", ADMIN, submitPi),
  r("GET", "/review", STAFF, reviewPage),
  r("POST", "/review/decide", EDITORS, submitReviewDecision),
  r("GET", "/imports", STAFF, importsPage),
  r("POST", "/imports/preview", EDITORS, submitImportPreview),
  r("POST", "/imports/commit", EDITORS, submitImportCommit),
  r("GET", "/imports/:id{[0-9]+}", STAFF, importDetailPage),
  r("POST", "/imports/:id{[0-9]+}/revert", EDITORS, submitImportRevert),
  r("GET", "/statements", ALL, statementsPage),
  r("GET", "/statements/export.csv", ALL, statementsCsv),
  r("POST", "/statements/generate", EDITORS, submitGenerate),
  r("POST", "/statements/send", EDITORS, submitSend),
  r("GET", "/statements/jobs/:id{[0-9a-f-]+}", EDITORS, statementJobFragment),
  r("GET", "/statements/:number{[0-9]{4}-[0-9]{2}-[0-9]{4}}/pdf", ALL, statementPdf),
  r("GET", "/journal", STAFF, journalPage),
  r("POST", "/journal/export", EDITORS, submitJournalExport),
  r("GET", "/journal/exports/:id{[0-9]+}", STAFF, journalExportFile),
  r("GET", "/settings", STAFF, settingsPage),
  r("POST", "/settings/patterns", ADMIN, submitPatterns),
  r("POST", "/settings/reset", ADMIN, submitReset),
  r("GET", "/settings/test", ADMIN, testPatternsFragment),
  r("GET", "/settings/attribution", STAFF, attributionRulesPage),
  r("POST", "/settings/attribution", ADMIN, submitAttributionRule),
  r("GET", "/settings/attribution/test", ADMIN, testAttributionRuleFragment),
  r("POST", "/settings/attribution/:id{[0-9]+}", ADMIN, submitAttributionRule),
  r("POST", "/settings/attribution/:id{[0-9]+}/delete", ADMIN, submitDeleteAttributionRule),
  r("POST", "/settings/attribution/:id{[0-9]+}/move", ADMIN, submitMoveAttributionRule),
  r("GET", "/settings/funding", STAFF, fundingPage),
  r("POST", "/settings/funding", ADMIN, submitFundSplit),
  r("POST", "/settings/funding/expiry", ADMIN, submitFundExpiry),
  r("POST", "/settings/funding/:id{[0-9]+}", ADMIN, submitFundSplit),
  r("POST", "/settings/funding/:id{[0-9]+}/delete", ADMIN, submitDeleteFundSplit),
  r("GET", "/users", ADMIN, usersPage),
  r("POST", "/users", ADMIN, submitAddUser),
  r("POST", "/users/:name/disable", ADMIN, submitDisableUser),
  r("POST", "/users/:name/enable", ADMIN, submitEnableUser),
  r("POST", "/users/:name/role", ADMIN, submitUserRole),
  r("POST", "/users/:name/password", ADMIN, submitUserPassword),
  r("GET", "/audit", STAFF, auditPage),
];

/** A regex matching the concrete paths of a Hono path pattern. */
export function patternRegex(path: string): RegExp {
  const src = path.split("/").map((seg) => {
    const m = /^:[A-Za-z_]+(?:\{(.+)\})?$/.exec(seg);
    if (!m) return seg.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    return m[1] ? `(?:${m[1]})` : "[^/]+";
  }).join("/");
  return new RegExp(`^${src}$`);
}

const MATCHERS = ROUTES.map((e) => ({ e, re: patternRegex(e.path) }));

/** The table entry serving `method path`, if any. */
export function findRoute(method: string, path: string): RouteEntry | undefined {
  return MATCHERS.find((m) => m.e.method === method && m.re.test(path))?.e;
}

/** True when `role` may use `method path` (false when no route serves it). */
export function canAccess(role: UserRole | "anonymous", method: string, path: string): boolean {
  const e = findRoute(method, path);
  if (!e) return false;
  return e.roles === "public" || (role !== "anonymous" && e.roles.includes(role));
}
