/**
 * The route x role table, walked completely: every route of the app is in the
 * table, and every entry answers every role (admin, reviewer, viewer, pi,
 * anonymous) as the table says: allowed, 403, or a redirect to /login.
 */

import { deepEqual, equal, ok } from "node:assert/strict";
import { canAccess, type RouteEntry, ROUTES } from "../src/web/route_table.ts";
import { ASSET_URLS } from "../src/web/static_assets.ts";
import { type Browser, send, sessionFor, type WebFixture, webFixture } from "./web_harness.ts";
import { seedCharges, STANDARD_CHARGES } from "./seed_charges.ts";

const ROLE_USERS = { admin: "admin", reviewer: "rita", viewer: "vic", pi: "pat" } as const;
type Who = keyof typeof ROLE_USERS | "anonymous";
const EVERYONE: Who[] = ["admin", "reviewer", "viewer", "pi", "anonymous"];

/** A concrete path for a route pattern. */
function concrete(path: string): string {
  const values: Record<string, string> = {
    period: "2025-01",
    id: "1",
    name: "nobody",
    number: "2025-01-0001",
    file: ASSET_URLS.css.slice("/static/".length),
  };
  return path.split("/").map((seg) => {
    const name = /^:([A-Za-z_]+)/.exec(seg)?.[1];
    return name === undefined ? seg : values[name];
  }).join("/");
}

async function call(f: WebFixture, e: RouteEntry, who: Who): Promise<Response> {
  const as: Browser | undefined = who === "anonymous" ? undefined : sessionFor(f, ROLE_USERS[who]);
  return await send(f, e.method, concrete(e.path), { as });
}

Deno.test("web routes: every app route is in the route table, and every table entry is routed", async () => {
  const f = await webFixture();
  try {
    const routed = new Set(
      f.app.routes.filter((r) => r.method !== "ALL").map((r) => `${r.method} ${r.path}`),
    );
    const table = new Set(ROUTES.map((r) => `${r.method} ${r.path}`));
    deepEqual([...routed].filter((r) => !table.has(r)), [], "routes missing from the table");
    deepEqual([...table].filter((r) => !routed.has(r)), [], "table entries not routed");
    equal(table.size, ROUTES.length, "duplicate table entries");
  } finally {
    await f.close();
  }
});

Deno.test("web routes: each entry x each role is allowed or refused exactly as the table says", async () => {
  const f = await webFixture();
  try {
    let checked = 0;
    for (const e of ROUTES) {
      for (const who of EVERYONE) {
        const res = await call(f, e, who);
        await res.body?.cancel();
        const where = `${e.method} ${e.path} as ${who}: ${res.status}`;
        ok(res.status < 500, where);
        const location = res.headers.get("location") ?? "";
        const toLogin = res.status === 303 &&
          (location === "/login" || location.startsWith("/login?next="));
        if (e.roles === "public") {
          ok(res.status !== 403 || e.method === "POST", where); // POST /login without its form token
        } else if (who === "anonymous") {
          ok(toLogin, `${where} should redirect to /login`);
        } else if (e.roles.includes(who)) {
          ok(res.status !== 403 && !toLogin, `${where} should be allowed`);
        } else {
          equal(res.status, 403, `${where} should be refused`);
        }
        checked++;
      }
    }
    equal(checked, ROUTES.length * 5);
  } finally {
    await f.close();
  }
});

Deno.test("web routes: the role policy (viewer and pi change nothing; pi sees only its pages)", () => {
  const posts = (role: "viewer" | "pi") =>
    ROUTES.filter((r) => r.method === "POST" && r.roles !== "public" && r.roles.includes(role))
      .map((r) => r.path).sort();
  deepEqual(posts("viewer"), ["/account/password", "/logout"]);
  deepEqual(posts("pi"), ["/account/password", "/logout"]);
  const piPages = ROUTES.filter((r) =>
    r.method === "GET" && r.roles !== "public" && r.roles.includes("pi")
  ).map((r) => r.path).sort();
  deepEqual(piPages, [
    "/",
    "/account",
    "/charges",
    "/charges/:id{[0-9]+}",
    "/charges/export.csv",
    "/help",
    "/projects",
    "/projects/:name",
    "/projects/export.csv",
    "/statements",
    "/statements/:number{[0-9]{4}-[0-9]{2}-[0-9]{4}}/pdf",
    "/statements/export.csv",
  ]);
  const adminOnly = ROUTES.filter((r) =>
    r.roles !== "public" && r.roles.length === 1 && r.roles[0] === "admin"
  ).map((r) => `${r.method} ${r.path}`);
  for (const must of ["GET /users", "POST /users", "POST /settings/patterns"]) {
    ok(adminOnly.includes(must), `${must} is admin-only`);
  }
});

Deno.test("web routes: a viewer and a PI cannot POST to any state-changing route, even with a valid token", async () => {
  const f = await webFixture();
  try {
    const changing = ROUTES.filter((r) =>
      r.method === "POST" && r.roles !== "public" &&
      !["/logout", "/account/password"].includes(r.path)
    );
    ok(changing.length >= 6);
    for (const who of ["vic", "pat"]) {
      for (const r of changing) {
        const res = await send(f, "POST", concrete(r.path).replace("nobody", "rita"), {
          as: sessionFor(f, who),
          form: { role: "admin", kind: "flag", patterns: "x", name: "z", email: "z@x.edu" },
        });
        equal(res.status, 403, `${who} POST ${r.path}`);
      }
    }
    const audit = f.db.all<{ action: string }>(
      "SELECT action FROM audit_log WHERE action LIKE 'user.%' OR action LIKE 'settings.%'",
    );
    // only the fixture's own three `users add` entries
    deepEqual(audit.map((a) => a.action), ["user.add", "user.add", "user.add"]);
  } finally {
    await f.close();
  }
});

Deno.test("web routes: the sidebar shows each role only the pages it may open", async () => {
  const f = await webFixture();
  try {
    const links = async (who: string) => {
      const html = await (await send(f, "GET", "/help", { as: sessionFor(f, who) })).text();
      const nav = html.slice(html.indexOf('<ul class="nav">'), html.indexOf("</ul>"));
      return [...nav.matchAll(/href="([^"?]+)/g)].map((m) => m[1]);
    };
    deepEqual(await links("pat"), ["/", "/charges", "/projects", "/statements", "/help"]);
    equal((await links("vic")).includes("/users"), false);
    equal((await links("admin")).length, 14);
  } finally {
    await f.close();
  }
});

/** The POST targets a page offers: forms and htmx posts. */
function postTargets(html: string): string[] {
  const forms = [...html.matchAll(/<form\b[^>]*>/g)].map((m) => m[0])
    .filter((tag) => /method="post"/i.test(tag))
    .map((tag) => /action="([^"]+)"/.exec(tag)?.[1] ?? "(none)");
  const htmx = [...html.matchAll(/hx-post="([^"]+)"/g)].map((m) => m[1]);
  return [...new Set([...forms, ...htmx])].map((t) => t.replace(/&amp;/g, "&").split("?")[0]);
}

Deno.test("web routes: a page offers a form exactly to the roles the route table lets POST it", async () => {
  const f = await webFixture();
  try {
    seedCharges(f.db, STANDARD_CHARGES);
    const roles = ["admin", "reviewer", "viewer", "pi"] as const;
    // every page, as every role that may open it: no form the role may not submit
    const pages = ROUTES.filter((r) =>
      r.method === "GET" && r.roles !== "public" &&
      !/export|pdf|:id|:number|\/settings\/test/.test(r.path)
    );
    let offered = 0;
    for (const e of pages) {
      for (const role of roles) {
        if (e.roles === "public" || !e.roles.includes(role)) continue;
        const name = e.path.startsWith("/pis/") ? "alice@uni.edu" : "proj-a";
        const path = concrete(e.path).replace("nobody", encodeURIComponent(name)) +
          "?period=2025-01";
        const res = await send(f, "GET", path, { as: sessionFor(f, ROLE_USERS[role]) });
        // a PI opens only its own project: another's is not found
        if (role === "pi" && e.path.includes(":name")) equal(res.status, 404, path);
        else equal(res.status, 200, `${role} GET ${path}`);
        for (const target of postTargets(await res.text())) {
          ok(canAccess(role, "POST", target), `${role} is offered POST ${target} on ${e.path}`);
          offered++;
        }
      }
    }
    ok(offered > 20, `only ${offered} forms seen`);
    // the forms the pages hold back: shown exactly when the table allows the POST
    const expected: [string, string][] = [
      ["/journal?period=2025-01", "/journal/export"],
      ["/review?period=2025-01", "/review/decide"],
      ["/sources", "/sources"],
      ["/statements?period=2025-01", "/statements/generate"],
      ["/periods/2025-01", "/periods/2025-01/close"],
      ["/periods/2025-01", "/periods/2025-01/finalize"],
      ["/imports", "/imports/preview"],
      ["/settings?period=2025-01", "/settings/patterns"],
    ];
    const seen: string[] = [];
    for (const [page, target] of expected) {
      for (const role of ["admin", "reviewer", "viewer"] as const) {
        const res = await send(f, "GET", page, { as: sessionFor(f, ROLE_USERS[role]) });
        const shown = postTargets(await res.text()).includes(target);
        equal(shown, canAccess(role, "POST", target), `${role} on ${page}: form ${target}`);
        if (shown) seen.push(`${role} ${target}`);
      }
    }
    // admins post everything listed, reviewers all but finalize and the patterns, viewers nothing
    equal(seen.filter((s) => s.startsWith("admin ")).length, 8);
    equal(seen.filter((s) => s.startsWith("reviewer ")).length, 6);
    equal(seen.filter((s) => s.startsWith("viewer ")).length, 0);
  } finally {
    await f.close();
  }
});
