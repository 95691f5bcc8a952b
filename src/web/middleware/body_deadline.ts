/**
 * Slow request bodies: a client that sends a body slower than it should
 * (slowloris-style uploads) is answered 408 instead of holding a connection
 * and a request slot forever. The body is read up front under two deadlines:
 * no bytes for `idleMs`, or not finished within `totalMs`.
 */

import type { MiddlewareHandler } from "hono";
import { errorPage } from "../pages/error_pages.tsx";
import type { WebEnv } from "../web_env.ts";

/** Deadlines for reading a request body. */
export interface BodyDeadlines {
  idleMs: number;
  totalMs: number;
}

class BodyTimeout extends Error {}

async function readWithDeadlines(
  body: ReadableStream<Uint8Array>,
  d: BodyDeadlines,
): Promise<Uint8Array<ArrayBuffer>> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const started = Date.now();
  try {
    while (true) {
      const left = Math.min(d.idleMs, d.totalMs - (Date.now() - started));
      if (left <= 0) throw new BodyTimeout();
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new BodyTimeout()), left);
      });
      try {
        const { done, value } = await Promise.race([reader.read(), timeout]);
        if (done) break;
        chunks.push(value);
        size += value.length;
      } finally {
        clearTimeout(timer);
      }
    }
  } catch (e) {
    await reader.cancel().catch(() => {});
    throw e;
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) (out.set(c, at), at += c.length);
  return out;
}

/** Read every request body under the deadlines; 408 when the client is too slow. */
export function bodyDeadline(deadlines: BodyDeadlines): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    const raw = c.req.raw;
    if (raw.body && raw.method !== "GET" && raw.method !== "HEAD") {
      let bytes: Uint8Array<ArrayBuffer>;
      try {
        bytes = await readWithDeadlines(raw.body, deadlines);
      } catch (e) {
        if (!(e instanceof BodyTimeout)) throw e;
        c.header("Connection", "close");
        return errorPage(
          c,
          408,
          "Request timed out",
          "The request body arrived too slowly and was abandoned.",
          "Try again on a better connection.",
        );
      }
      c.req.raw = new Request(raw.url, { method: raw.method, headers: raw.headers, body: bytes });
    }
    await next();
  };
}
