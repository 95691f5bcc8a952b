/**
 * Security of every response: headers, CSRF refusal, /health, 404 and 500
 * pages that reveal nothing, embedded static assets, the upload size limit.
 */

import { deepEqual, equal, match, ok } from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { CONTENT_SECURITY_POLICY } from "../src/web/middleware/request_frame.ts";
import { ROUTES } from "../src/web/route_table.ts";
import { ASSET_URLS } from "../src/web/static_assets.ts";
import { send, sessionFor, webFixture } from "./web_harness.ts";

function assertSecurityHeaders(res: Response, what: string): void {
  const h = res.headers;
  equal(h.get("content-security-policy"), CONTENT_SECURITY_POLICY, what);
  equal(h.get("x-content-type-options"), "nosniff", what);
  equal(h.get("referrer-policy"), "same-origin", what);
  equal(h.get("x-frame-options"), "DENY", what);
}

Deno.test("web security: the CSP forbids inline scripts and framing", () => {
  match(CONTENT_SECURITY_POLICY, /script-src 'self'(;|$)/);
  match(CONTENT_SECURITY_POLICY, /frame-ancestors 'none'/);
  equal(CONTENT_SECURITY_POLICY.includes("unsafe-inline"), false);
  equal(CONTENT_SECURITY_POLICY.includes("unsafe-eval"), false);
});

Deno.test("web security: every GET page, error and asset carries the security headers; no inline script", async () => {
  const f = await webFixture();
  try {
    const admin = sessionFor(f, "admin");
    const paths = ROUTES.filter((r) => r.method === "GET" && !r.path.includes(":"))
      .map((r) => r.path);
    paths.push("/periods/2025-01", "/charges/7", "/nope", ASSET_URLS.css, "/static/x.css");
    for (const p of paths) {
      const res = await send(f, "GET", p, { as: admin });
      const body = await res.text();
      assertSecurityHeaders(res, p);
      if ((res.headers.get("content-type") ?? "").startsWith("text/html")) {
        ok(body.startsWith("<!DOCTYPE html>") || !body.includes("<html"), `${p} doctype`);
        equal(/<script(?![^>]*\bsrc=)[^>]*>/.test(body), false, `${p} has an inline script`);
        equal(/\son[a-z]+=/.test(body), false, `${p} has an inline event handler`);
        equal(/\sstyle=/.test(body), false, `${p} has an inline style`);
      }
    }
    assertSecurityHeaders(await send(f, "GET", "/login"), "/login");
    assertSecurityHeaders(await send(f, "POST", "/users", { as: admin, csrf: null }), "403");
  } finally {
    await f.close();
  }
});

Deno.test("web security: CSRF — missing token, wrong token, foreign or missing Origin are refused", async () => {
  const f = await webFixture();
  try {
    const admin = sessionFor(f, "admin");
    const form = { kind: "flag", patterns: "gpu", action: "save" };
    const post = (o: Parameters<typeof send>[3]) =>
      send(f, "POST", "/settings/patterns", { as: admin, form, ...o });
    equal((await post({ csrf: null })).status, 403, "no token");
    equal((await post({ csrf: "x".repeat(43) })).status, 403, "wrong token");
    equal(
      (await post({ csrf: sessionFor(f, "admin").csrf })).status,
      403,
      "another session's token",
    );
    equal((await post({ origin: "https://evil.example" })).status, 403, "foreign origin");
    equal((await post({ origin: null })).status, 403, "no Origin nor Referer");
    equal(
      (await post({ origin: null, headers: { Referer: "https://evil.example/x" } })).status,
      403,
    );
    equal(f.db.get<{ n: number }>("SELECT count(*) AS n FROM settings")?.n, 0, "nothing saved");
    const viaHeader = await send(f, "POST", "/settings/patterns", {
      as: admin,
      form,
      csrf: null,
      headers: { "X-CSRF-Token": admin.csrf },
    });
    equal(viaHeader.status, 303, "htmx header token accepted");
    const viaReferer = await post({
      origin: null,
      headers: { Referer: "http://oc.test/settings" },
    });
    equal(viaReferer.status, 303, "same-origin Referer accepted");
  } finally {
    await f.close();
  }
});

Deno.test("web security: /health answers {status: ok} and nothing else, without a session", async () => {
  const f = await webFixture();
  try {
    const res = await send(f, "GET", "/health");
    equal(res.status, 200);
    deepEqual(await res.json(), { status: "ok" });
    equal(res.headers.get("set-cookie"), null);
  } finally {
    await f.close();
  }
});

Deno.test("web security: 404 and 500 pages reveal nothing; the error is logged with the request id", async () => {
  const f = await webFixture();
  try {
    const admin = sessionFor(f, "admin");
    f.app.get("/__boom", () => {
      throw new Error(`database exploded at ${f.dir}/instance/billing.db`);
    });
    const nf = await send(f, "GET", "/no/such/page", { as: admin });
    equal(nf.status, 404);
    const nfBody = await nf.text();
    match(nfBody, /There is no page at this address/);
    equal(nfBody.includes("/no/such/page"), false);
    const boom = await send(f, "GET", "/__boom", { as: admin });
    equal(boom.status, 500);
    const body = await boom.text();
    equal(body.includes("exploded"), false);
    equal(body.includes(f.dir), false);
    const id = /Request id: ([0-9a-f]{12})/.exec(body)?.[1];
    ok(id);
    ok(
      f.logs.some((l) =>
        l.includes("event=http_error") && l.includes(id) && l.includes("exploded")
      ),
    );
  } finally {
    await f.close();
  }
});

Deno.test("web security: embedded static assets with content types, a year's cache, htmx from npm", async () => {
  const f = await webFixture();
  try {
    const types: Record<string, string> = {
      css: "text/css; charset=utf-8",
      js: "text/javascript; charset=utf-8",
      pagesJs: "text/javascript; charset=utf-8",
      htmx: "text/javascript; charset=utf-8",
      favicon: "image/svg+xml",
    };
    for (const [k, url] of Object.entries(ASSET_URLS)) {
      match(url, /^\/static\/[a-z]+\.[0-9a-f]{10}\.(css|js|svg)$/);
      const res = await send(f, "GET", url);
      equal(res.status, 200, url);
      equal(res.headers.get("content-type"), types[k], url);
      equal(res.headers.get("cache-control"), "public, max-age=31536000, immutable");
      const body = await res.text();
      if (k === "htmx") {
        const npm = fileURLToPath(import.meta.resolve("htmx.org/dist/htmx.min.js"));
        equal(body, readFileSync(npm, "utf8"));
      }
    }
    equal((await send(f, "GET", "/static/app.0000000000.css")).status, 404);
  } finally {
    await f.close();
  }
});

Deno.test("web security: a body over web.max_upload_mb is refused with 413 before any handler", async () => {
  const f = await webFixture({ tweak: (c) => (c.web.max_upload_mb = 1) });
  try {
    const admin = sessionFor(f, "admin");
    const big = "patterns=" + "a".repeat(1024 * 1024 + 10);
    const res = await f.app.request("http://oc.test/settings/patterns", {
      method: "POST",
      headers: {
        Cookie: admin.cookie,
        Origin: "http://oc.test",
        "Content-Type": "application/x-www-form-urlencoded",
        "X-CSRF-Token": admin.csrf,
        "Content-Length": String(big.length),
      },
      body: big,
    });
    equal(res.status, 413);
    match(await res.text(), /larger than the limit of 1 MB/);
    equal(f.db.get<{ n: number }>("SELECT count(*) AS n FROM settings")?.n, 0);
  } finally {
    await f.close();
  }
});
