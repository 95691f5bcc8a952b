/**
 * A client that sends its request body too slowly is answered 408 and the
 * server stays available (a real Deno.serve on loopback, raw TCP client).
 */

import { equal, match } from "node:assert/strict";
import { webFixture } from "./web_harness.ts";

async function rawRequest(port: number, head: string, bodyPart: string): Promise<string> {
  const conn = await Deno.connect({ hostname: "127.0.0.1", port });
  try {
    await conn.write(new TextEncoder().encode(head + bodyPart)); // then stall: the rest never comes
    const buf = new Uint8Array(64 * 1024);
    let text = "";
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && !text.includes("</html>")) {
      const n = await conn.read(buf);
      if (n === null) break;
      text += new TextDecoder().decode(buf.subarray(0, n));
    }
    return text;
  } finally {
    conn.close();
  }
}

Deno.test("web: a stalled request body gets 408 after the idle deadline; other requests still work", async () => {
  const fx = await webFixture({
    tweak: (c) => {
      c.web.request_body_idle_seconds = 1;
      c.web.request_body_total_seconds = 5;
    },
  });
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, fx.app.fetch);
  try {
    const port = server.addr.port;
    const body = "login=admin&password=x&_csrf=abc";
    const head =
      `POST /login HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: http://127.0.0.1:${port}\r\n` +
      `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${
        body.length + 100
      }\r\n\r\n`;
    const started = Date.now();
    const answer = await rawRequest(port, head, body);
    const waited = Date.now() - started;
    match(answer, /^HTTP\/1\.1 408/);
    match(answer, /arrived too slowly/);
    equal(waited >= 900 && waited < 5000, true, `answered after ${waited} ms`);
    const health = await fetch(`http://127.0.0.1:${port}/health`);
    equal(health.status, 200);
    await health.body?.cancel();
  } finally {
    await server.shutdown();
    await fx.close();
  }
});
