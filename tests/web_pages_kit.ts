/** Helpers of the data-page tests: ingest the own month with the real CLI, page text, multipart posts. */

import { equal } from "node:assert/strict";
import { MONTH, runCli } from "./cli_harness.ts";
import { type Browser, ORIGIN, type WebFixture } from "./web_harness.ts";

/** Ingest a file of the own 0.4-layout month (tests/fixtures/month/) with the real CLI. */
export async function ingestMonth(f: WebFixture, file: string, source: string): Promise<void> {
  const r = await runCli([
    "ingest",
    "--new-source",
    `${MONTH}${file}`,
    "-s",
    source,
    "-c",
    f.configPath,
  ], {
    cwd: f.dir,
  });
  equal(r.code, 0, r.stderr);
}

/** A page's text with tags removed, entities for & < > ' " decoded and spaces collapsed. */
export async function pageText(res: Response): Promise<string> {
  return (await res.text()).replace(/<[^>]+>/g, " ").replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
}

/** POST multipart/form-data (files and fields) as a signed-in browser, same origin, with CSRF. */
export function postMultipart(
  f: WebFixture,
  path: string,
  as: Browser,
  fields: Record<string, string>,
  files: { name: string; bytes: Uint8Array<ArrayBuffer> }[],
  headers: Record<string, string> = {},
): Promise<Response> {
  const form = new FormData();
  form.set("_csrf", as.csrf);
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  for (const file of files) form.append("files", new File([file.bytes], file.name));
  return Promise.resolve(
    f.app.request(`${ORIGIN}${path}`, {
      method: "POST",
      headers: { Cookie: as.cookie, Origin: ORIGIN, ...headers },
      body: form,
    }, { remoteAddr: { hostname: "10.0.0.1" } }),
  );
}

/** The bytes of a file of the own month (tests/fixtures/month/). */
export function monthBytes(name: string): Uint8Array<ArrayBuffer> {
  return Deno.readFileSync(`${MONTH}${name}`);
}
