/**
 * Web and output security beyond the web issue's own tests: hostile strings
 * are escaped on every page, neutralised in every CSV and plain text in PDFs;
 * a PI never sees another PI's data by any route; path traversal on the
 * file routes; session fixation; CSRF on every state-changing route; secrets
 * never appear in pages, logs, errors or `config show`.
 */

import { pdfText } from "./pdf_text.ts";
import { equal, match, notEqual } from "node:assert/strict";
import Papa from "papaparse";
import { ROUTES } from "../src/web/route_table.ts";
import { runCli } from "./cli_harness.ts";
import { PI_EMAIL, send, sessionFor, signIn, type WebFixture, webFixture } from "./web_harness.ts";

const SMTP_PASSWORD = "smtp-SECRET-pw-7f3a";
const SESSION_SECRET = "session-SECRET-key-9c1d";
const OTHER_PI = "other.pi@example.edu";
const LONG_WORD = "W".repeat(300);
const HOSTILE = {
  script: "<script>alert(1)</script>",
  attr: '"><img src=x onerror=alert(2)>',
  formula: '=HYPERLINK("http://evil.example","x")',
  rtl: "\u202Egnp.exe",
};

function cell(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

/** A fixture with secrets set and charges of two PIs, one carrying hostile strings. */
async function hostileFixture(): Promise<WebFixture> {
  const f = await webFixture({
    tweak: (c) => {
      c.smtp.password = SMTP_PASSWORD;
      c.web.secret_key = SESSION_SECRET;
    },
  });
  const tags = (pi: string, project: string) =>
    cell(JSON.stringify({ pi_email: pi, project_id: project, fund_org: "F-1" }));
  const head =
    "BillingPeriodStart,BillingPeriodEnd,BilledCost,ListCost,ResourceId,ResourceName,ServiceName,Tags";
  const rows = [
    `2025-04-01,2025-05-01,10.00,10.00,${cell(HOSTILE.script)},${cell(HOSTILE.formula)},${
      cell(HOSTILE.attr)
    },${tags(PI_EMAIL, "pat-proj")}`,
    `2025-04-01,2025-05-01,20.00,20.00,${cell(HOSTILE.rtl)},${LONG_WORD},@SUM(A1),${
      tags(PI_EMAIL, "pat-proj")
    }`,
    `2025-04-01,2025-05-01,77.77,77.77,other-secret-resource,x,Svc,${
      tags(OTHER_PI, "secret-proj")
    }`,
  ];
  await Deno.writeTextFile(`${f.dir}/hostile.csv`, [head, ...rows].join("\n") + "\n");
  const cli = (...args: string[]) => runCli([...args, "-c", f.configPath], { cwd: f.dir });
  const ingest = await cli("ingest", "--new-source", "hostile.csv", "-s", "hostile");
  equal(ingest.code, 0, ingest.stderr);
  const generate = await cli("generate", "-p", "2025-04");
  equal(generate.code, 0, generate.stderr);
  return f;
}

function ids(f: WebFixture, pi: string) {
  const charges = f.db.all<{ id: number }>("SELECT id FROM charges WHERE pi_email = ?", pi)
    .map((r) => r.id);
  const statements = f.db.all<{ number: string }>(
    "SELECT number FROM statements WHERE pi_email = ?",
    pi,
  ).map((r) => r.number);
  return { charges, statements };
}

Deno.test("security: hostile strings are escaped on pages, neutralised in CSVs, plain text in PDFs", async () => {
  const f = await hostileFixture();
  try {
    const admin = sessionFor(f, "admin");
    const mine = ids(f, PI_EMAIL);
    const pages = [
      "/?period=2025-04",
      "/charges?period=2025-04",
      ...mine.charges.map((id) => `/charges/${id}`),
      "/projects?period=2025-04",
      "/projects/pat-proj?period=2025-04",
      "/pis?period=2025-04",
      `/pis/${encodeURIComponent(PI_EMAIL)}?period=2025-04`,
      "/review?period=2025-04",
      "/statements?period=2025-04",
      "/audit",
      "/imports",
    ];
    for (const path of pages) {
      const res = await send(f, "GET", path, { as: admin });
      equal(res.status, 200, path);
      const html = await res.text();
      equal(html.includes("<script>alert"), false, `${path}: raw script tag`);
      equal(html.includes("<img src=x"), false, `${path}: raw attribute injection`);
    }
    const list = await (await send(f, "GET", "/charges?period=2025-04", { as: admin })).text();
    match(list, /&quot;&gt;&lt;img src=x onerror=alert\(2\)&gt;/);
    const detail = await (await send(f, "GET", `/charges/${mine.charges[0]}`, { as: admin }))
      .text();
    match(detail, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    // the CSV export: no cell starts a formula
    const csv = await (await send(f, "GET", "/charges/export.csv?period=2025-04", { as: admin }))
      .text();
    const cells = Papa.parse<string[]>(csv.trim()).data.flat();
    match(csv, /'=HYPERLINK/);
    match(csv, /'@SUM\(A1\)/);
    for (const c of cells) {
      equal(/^[=+@\t\r]/.test(c) || (/^-/.test(c) && !/^-\d/.test(c)), false, `CSV cell ${c}`);
    }
    // the journal detail CSV
    const journal = await runCli(
      ["export-journal", "-p", "2025-04", "-f", "detail", "-o", "-", "-c", f.configPath],
      { cwd: f.dir },
    );
    equal(journal.code, 0, journal.stderr);
    for (const c of Papa.parse<string[]>(journal.stdout.trim()).data.flat()) {
      equal(/^[=+@\t\r]/.test(c), false, `journal cell ${c}`);
    }
    // the PDF: the strings are text, the 300-character word is wrapped
    const [pdf] = f.db.all<{ pdf_path: string }>(
      "SELECT pdf_path FROM statements WHERE pi_email = ?",
      PI_EMAIL,
    );
    const text = await pdfText(pdf.pdf_path);
    match(text, /"><img src=x onerror=alert\(2\)>/);
    match(text, /=HYPERLINK\("http:\/\/evil\.example","/);
    equal(text.includes("W".repeat(100)), false, "the long word is not wrapped");
    equal(text.replaceAll(/[^W]/g, "").length, LONG_WORD.length, "the long word is not all there");
  } finally {
    await f.close();
  }
});

Deno.test("security: a PI never sees another PI's data (pages, detail, search, CSV, statements)", async () => {
  const f = await hostileFixture();
  try {
    const pat = sessionFor(f, "pat");
    const other = ids(f, OTHER_PI);
    const mine = ids(f, PI_EMAIL);
    equal(other.charges.length, 1);
    equal(other.statements.length, 1);
    const q = encodeURIComponent(OTHER_PI);
    const attempts = [
      "/?period=2025-04",
      "/charges?period=2025-04",
      `/charges?period=2025-04&pi=${q}`,
      "/charges?q=secret",
      `/charges?q=${q}`,
      "/charges?project=secret-proj",
      `/charges/export.csv?period=2025-04&pi=${q}`,
      "/charges/export.csv?q=secret",
      `/charges/${other.charges[0]}`,
      "/projects?period=2025-04",
      "/projects/secret-proj",
      `/pis/${q}`,
      "/statements?period=2025-04",
      `/statements?pi=${q}`,
      `/statements/${other.statements[0]}/pdf`,
      "/review",
      "/audit",
      "/journal",
      "/imports",
    ];
    for (const path of attempts) {
      const res = await send(f, "GET", path, { as: pat });
      equal(res.status < 500, true, path);
      const body = new TextDecoder().decode(await res.arrayBuffer());
      for (const secret of [OTHER_PI, "secret-proj", "other-secret-resource", "77.77"]) {
        // what the PI typed is echoed back (search box, links); the data must not be
        if (decodeURIComponent(path).includes(secret)) continue;
        equal(body.includes(secret), false, `${path} (HTTP ${res.status}) shows ${secret}`);
      }
    }
    // their own statement is theirs to download
    const own = await send(f, "GET", `/statements/${mine.statements[0]}/pdf`, { as: pat });
    equal(own.status, 200);
    await own.body?.cancel();
  } finally {
    await f.close();
  }
});

Deno.test("security: path traversal on file routes, session fixation, CSRF on every POST route", async () => {
  const f = await hostileFixture();
  try {
    const admin = sessionFor(f, "admin");
    const config = await Deno.readTextFile(f.configPath);
    const traversal = [
      "/static/..%2f..%2fconfig.yaml",
      "/static/%2e%2e/%2e%2e/config.yaml",
      "/static/..%5c..%5cconfig.yaml",
      "/static/....//....//config.yaml",
      "/static/%252e%252e%252fconfig.yaml",
      "/static/app.css%00.js",
      "/statements/..%2f..%2fconfig.yaml/pdf",
      "/statements/2025-04-0001%2f..%2f..%2fconfig.yaml/pdf",
      "/journal/exports/..%2f1",
      "/journal/exports/1%2f..%2f..%2fconfig.yaml",
      "/charges/export.csv/..%2f..%2fconfig.yaml",
    ];
    for (const path of traversal) {
      const res = await send(f, "GET", path, { as: admin });
      const body = await res.text();
      equal([400, 403, 404].includes(res.status), true, `${path}: HTTP ${res.status}`);
      equal(body.includes("password_hash") || body.includes(config.slice(0, 80)), false, path);
    }

    // session fixation: a session id planted before sign-in is never adopted
    const planted = "oc_session=attacker-chosen-id-0123456789abcdef";
    const page = await send(f, "GET", "/login", { cookie: planted });
    const loginCookie = /oc_login=([^;]+)/.exec(page.headers.get("set-cookie") ?? "")?.[1] ?? "";
    const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? "";
    const res = await send(f, "POST", "/login", {
      cookie: `${planted}; oc_login=${loginCookie}`,
      csrf: token,
      form: { login: "admin", password: "admin123", next: "/" },
    });
    equal(res.status, 303);
    const issued = /oc_session=([^;]+)/.exec(res.headers.get("set-cookie") ?? "")?.[1];
    notEqual(issued, undefined);
    notEqual(issued, "attacker-chosen-id-0123456789abcdef");
    const withPlanted = await send(f, "GET", "/", { cookie: planted });
    equal(withPlanted.status, 303);
    await withPlanted.body?.cancel();
    const second = await signIn(f, "admin", "admin123");
    notEqual(second.browser?.cookie, `oc_session=${issued}`, "each sign-in gets a new id");

    // CSRF: every state-changing route refuses a missing token and a foreign origin
    const audit = () => f.db.get<{ n: number }>("SELECT count(*) AS n FROM audit_log")!.n;
    const before = audit();
    const posts = ROUTES.filter((r) => r.method === "POST" && r.path !== "/login");
    equal(posts.length >= 15, true);
    for (const r of posts) {
      const path = r.path.replace(/:period\{[^/]*\}/, "2025-04").replace(/:name/, "rita").replace(
        /:id\{[^/]*\}/,
        "1",
      );
      const none = await send(f, "POST", path, { as: admin, csrf: null, form: { x: "1" } });
      equal(none.status, 403, `${path} without a token: ${none.status}`);
      await none.body?.cancel();
      const foreign = await send(f, "POST", path, {
        as: admin,
        origin: "https://evil.example",
        form: { x: "1" },
      });
      equal(foreign.status, 403, `${path} from a foreign origin: ${foreign.status}`);
      await foreign.body?.cancel();
    }
    // login throttling is covered by tests/web_auth_test.ts; here nothing changed
    equal(audit() - before, 0);
    // no route changes the audit log: it is only ever read
    equal(ROUTES.filter((r) => r.path.startsWith("/audit") && r.method !== "GET").length, 0);
  } finally {
    await f.close();
  }
});

Deno.test("security: secrets never appear in pages, error pages, logs or config show", async () => {
  const f = await hostileFixture();
  try {
    const hashes = [
      ...f.db.all<{ h: string }>("SELECT password_hash AS h FROM users").map((r) => r.h),
      ...Object.values(f.config.web.users).map((u) => u.password_hash),
    ].filter(Boolean);
    equal(hashes.length >= 4, true);
    const secrets = [SMTP_PASSWORD, SESSION_SECRET, ...hashes];
    const leaks: string[] = [];
    const check = (where: string, text: string) => {
      for (const s of secrets) {
        if (text.includes(s)) leaks.push(`${where} shows ${s.slice(0, 12)}…`);
      }
    };
    const admin = sessionFor(f, "admin");
    const gets = ROUTES.filter((r) => r.method === "GET" && !r.path.includes(":"))
      .map((r) => r.path);
    gets.push("/users?x=1", "/settings?period=2025-04", "/no-such-page", "/charges/999999");
    for (const path of gets) {
      const res = await send(f, "GET", path, { as: admin });
      check(`GET ${path}`, await res.text());
    }
    // failed sign-ins and refused forms
    const bad = await signIn(f, "admin", SMTP_PASSWORD);
    check("failed sign-in", await bad.res.text());
    const form = await send(f, "POST", "/users", {
      as: admin,
      form: { name: "x", email: "bad", role: "admin", password: SESSION_SECRET },
    });
    check("refused user form", await form.text());
    check("logs", f.logs.join("\n"));
    // the CLI
    const env = { SMTP_PASSWORD, WEB_SECRET_KEY: SESSION_SECRET };
    for (const args of [["config", "show"], ["config", "show", "--json"], ["config", "check"]]) {
      const r = await runCli([...args, "-c", f.configPath], { cwd: f.dir, env });
      equal(r.code, 0, r.stderr);
      check(args.join(" "), r.stdout + r.stderr);
    }
    const users = await runCli(["users", "list", "--json", "-c", f.configPath], { cwd: f.dir });
    check("users list", users.stdout + users.stderr);
    const logFile = `${f.dir}/instance/logs/openchargeback.log`;
    check("log file", await Deno.readTextFile(logFile).catch(() => ""));
    equal(leaks.length, 0, leaks.join("\n"));
  } finally {
    await f.close();
  }
});
