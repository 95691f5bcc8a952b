/**
 * Web load: start `openchargeback serve` on 127.0.0.1 (any free port) over a
 * database, sign in as the config's admin, then drive each page with a fixed
 * number of concurrent clients (a fetch loop per client, no dependency) and
 * report latency percentiles, errors and the server's peak RSS (VmHWM).
 */

import { MAIN, percentile } from "./measure.ts";
import { V8_FLAGS_ARG } from "../scripts/build.ts";

/** A running server. */
export interface BenchServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** Start `serve --port 0` with `config`; resolves when it listens. */
export async function startServer(config: string, cwd: string): Promise<BenchServer> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--quiet", V8_FLAGS_ARG, MAIN, "serve", "--port", "0", "-c", config],
    cwd,
    env: { NO_COLOR: "1", WEB_SECRET_KEY: "bench-secret-key-0123456789abcdef" },
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  }).spawn();
  const reader = child.stderr.pipeThrough(new TextDecoderStream()).getReader();
  let err = "";
  let url = "";
  while (!url) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`serve exited early:\n${err}`);
    err += value;
    url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(err)?.[1] ?? "";
  }
  // keep draining the request log so the server never blocks on a full pipe
  const drain = (async () => {
    while (!(await reader.read()).done) { /* discard */ }
  })();
  return {
    url,
    pid: child.pid,
    async stop() {
      child.kill("SIGTERM");
      await child.status;
      await drain.catch(() => {});
    },
  };
}

/** Peak RSS (VmHWM) of a running process in MB, or null. */
export function peakRssMb(pid: number): number | null {
  try {
    const s = Deno.readTextFileSync(`/proc/${pid}/status`);
    const m = /VmHWM:\s*(\d+) kB/.exec(s);
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Sign in (login form + CSRF) and return the session Cookie header value. */
export async function login(base: string, user: string, password: string): Promise<string> {
  const form = await fetch(`${base}/login`);
  const html = await form.text();
  const token = html.match(/name="_csrf" value="([^"]+)"/)?.[1];
  if (!token) throw new Error("the login page has no CSRF token");
  const pre = form.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const res = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { cookie: pre, origin: base, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ _csrf: token, login: user, password }),
  });
  await res.body?.cancel();
  const session = res.headers.getSetCookie().map((c) => c.split(";")[0])
    .find((c) => c.startsWith("oc_session="));
  if (res.status !== 303 || !session) throw new Error(`login failed with HTTP ${res.status}`);
  return session;
}

/** Latency figures of one page under load. */
export interface LoadResult {
  path: string;
  requests: number;
  errors: number;
  p50: number;
  p95: number;
  max: number;
  /** Bytes of the last successful response body. */
  bytes: number;
  /** HTTP status of the first response (to spot placeholders/redirects). */
  status: number;
}

/**
 * `clients` concurrent loops GET `path` until `requests` responses were
 * received in total or `budgetMs` passed (slow pages get fewer samples).
 */
export async function loadPage(
  base: string,
  cookie: string,
  path: string,
  clients: number,
  requests: number,
  warmup = 4,
  budgetMs = 60_000,
): Promise<LoadResult> {
  const get = () => fetch(`${base}${path}`, { headers: { cookie }, redirect: "manual" });
  let status = 0;
  for (let i = 0; i < warmup; i++) {
    const r = await get();
    status ||= r.status;
    await r.arrayBuffer();
  }
  const times: number[] = [];
  let errors = 0;
  let bytes = 0;
  let issued = 0;
  const deadline = performance.now() + budgetMs;
  const worker = async () => {
    while (issued < requests && performance.now() < deadline) {
      issued++;
      const t0 = performance.now();
      try {
        const r = await get();
        const body = await r.arrayBuffer();
        times.push(performance.now() - t0);
        if (r.status !== 200) errors++;
        else bytes = body.byteLength;
      } catch {
        times.push(performance.now() - t0);
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, worker));
  return {
    path,
    requests: times.length,
    errors,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    max: Math.max(...times),
    bytes,
    status,
  };
}
