/** Following a statements job from the web (generate, send all) to its end, as htmx polls it. */

import { equal, match } from "node:assert/strict";
import { type Browser, send, type WebFixture } from "./web_harness.ts";

/** The job id in a POST's redirect (/statements?period=...&job=ID), or null when it finished at once. */
export function jobIdOf(res: Response): string | null {
  equal(res.status, 303);
  return /[?&]job=([0-9a-f-]+)/.exec(res.headers.get("location") ?? "")?.[1] ?? null;
}

/** The fragment's state attribute: running, done, failed or unknown. */
export function jobState(html: string): string {
  return /id="statement-job" data-state="([a-z]+)"/.exec(html)?.[1] ??
    /data-state="([a-z]+)"[^>]*id="statement-job"/.exec(html)?.[1] ?? "";
}

/** Poll the job's fragment (as htmx does) until it ends; returns the last fragment. */
export async function waitForJob(f: WebFixture, as: Browser, id: string): Promise<string> {
  for (;;) {
    const res = await send(f, "GET", `/statements/jobs/${id}`, { as });
    equal(res.status, 200);
    const html = await res.text();
    if (jobState(html) !== "running") return html;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The page a generate or send POST leads to once its job is done (the statements page with its notice). */
export async function jobResultPage(
  f: WebFixture,
  as: Browser,
  res: Response,
): Promise<Response> {
  const id = jobIdOf(res);
  let href = res.headers.get("location")!;
  if (id) {
    const last = await waitForJob(f, as, id);
    equal(jobState(last), "done", last);
    href = /id="statement-job-result" href="([^"]+)"|href="([^"]+)" id="statement-job-result"/
      .exec(last)!.slice(1).find(Boolean)!.replaceAll("&amp;", "&");
  }
  match(href, /^\/statements\?/);
  return await send(f, "GET", href, { as });
}
