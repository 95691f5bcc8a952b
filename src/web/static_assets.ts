/**
 * Static assets embedded in the program (imported as text, so the compiled
 * binary serves them; nothing is read from disk at run time). URLs carry a
 * content hash, so they are cached for a year and change when the file does.
 */

import { createHash } from "node:crypto";
import htmxJs from "htmx.org/dist/htmx.min.js" with { type: "text" };
import appCss from "./assets/app.css" with { type: "text" };
import appJs from "./assets/app.js" with { type: "text" };
import faviconSvg from "./assets/favicon.svg" with { type: "text" };
import pagesJs from "./assets/pages.js" with { type: "text" };
import type { WebContext } from "./web_env.ts";

interface Asset {
  body: string;
  type: string;
  url: string;
}

function asset(name: string, ext: string, body: string, type: string): Asset {
  const hash = createHash("sha256").update(body).digest("hex").slice(0, 10);
  return { body, type, url: `/static/${name}.${hash}.${ext}` };
}

const ASSETS = {
  css: asset("app", "css", appCss, "text/css; charset=utf-8"),
  js: asset("app", "js", appJs, "text/javascript; charset=utf-8"),
  pagesJs: asset("pages", "js", pagesJs, "text/javascript; charset=utf-8"),
  htmx: asset("htmx", "js", htmxJs, "text/javascript; charset=utf-8"),
  favicon: asset("favicon", "svg", faviconSvg, "image/svg+xml"),
};

/** The hashed URLs of the assets pages link to. */
export const ASSET_URLS = {
  css: ASSETS.css.url,
  js: ASSETS.js.url,
  pagesJs: ASSETS.pagesJs.url,
  htmx: ASSETS.htmx.url,
  favicon: ASSETS.favicon.url,
};

const BY_URL = new Map(Object.values(ASSETS).map((a) => [a.url, a]));

/** GET /static/:file: an embedded asset with a long cache, or 404. */
export function serveStaticAsset(c: WebContext): Response {
  const a = BY_URL.get(c.req.path);
  if (!a) return c.text("not found", 404, { "Cache-Control": "no-store" });
  return c.body(a.body, 200, {
    "Content-Type": a.type,
    "Cache-Control": "public, max-age=31536000, immutable",
  });
}
