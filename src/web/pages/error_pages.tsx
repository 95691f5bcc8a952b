/** Error pages that reveal nothing: a title, one sentence, and the request id for the logs. */

import type { ContentfulStatusCode } from "hono/utils/http-status";
import { BarePage } from "../components/layout.tsx";
import type { WebContext } from "../web_env.ts";

/** Render an error page with `status`. */
export function errorPage(
  c: WebContext,
  status: ContentfulStatusCode,
  title: string,
  message: string,
  hint?: string,
): Response | Promise<Response> {
  if (c.req.header("HX-Request")) {
    return c.html(<div class="error" role="alert">{title}: {message}</div>, status);
  }
  return c.html(
    <BarePage title={title}>
      <div class="panel login-box">
        <h1>{title}</h1>
        <p>{message}</p>
        {hint ? <p class="muted">{hint}</p> : null}
        <p class="small muted">Request id: {c.get("requestId")}</p>
        <p>
          <a href="/">Back to the dashboard</a>
        </p>
      </div>
    </BarePage>,
    status,
  );
}

/** 404: the page does not exist (or is not yours to know about). */
export function notFoundPage(c: WebContext) {
  return errorPage(c, 404, "Not found", "There is no page at this address.");
}

/** 403: signed in, but the role may not do this. */
export function forbiddenPage(c: WebContext) {
  return errorPage(c, 403, "Not allowed", "Your role does not give access to this page or action.");
}
