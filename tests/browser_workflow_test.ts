/**
 * A real browser (playwright-core driving Debian's Chromium, headless) against
 * a real server on loopback: sign in, import a file (setInputFiles), approve a
 * flagged charge, generate and download a statement, send all (confirmed), export a journal, switch
 * to dark mode. Screenshots of the main pages go to tests/screenshots/ (git
 * ignored); with OC_DOC_IMAGES=1, copies of five of them also go to
 * docs/images/ (a normal test run leaves the tracked files alone). When
 * Chromium is missing it is installed (root with apt-get); when it cannot be,
 * this one test is ignored with a one-line reason.
 *
 * The file imported is the own month's aws_2025-01.csv (tests/fixtures/month/):
 * 8 rows billed 3,995.00, 3 PIs with one project each; the flag pattern "ec2"
 * holds back its 3 Amazon EC2 rows.
 */

import { equal, match, ok } from "node:assert/strict";
import { chromium, type Page } from "playwright-core";
import { putSetting } from "../src/storage/mod.ts";
import { createApp } from "../src/web/app.ts";
import { MONTH, REPO_ROOT } from "./cli_harness.ts";
import { ADMIN_PASSWORD, PI_EMAIL, webFixture } from "./web_harness.ts";
import { addAttributionRule, savePi } from "../src/attribution/mod.ts";
import { saveFundSplit, setFundExpiry } from "../src/funding/mod.ts";
import { CHROMIUM, ensureChromium } from "./chromium.ts";
import { layoutProblems, VIEWPORTS } from "./browser_layout.ts";

const SHOTS = `${REPO_ROOT}tests/screenshots/`;
const DOC_IMAGES = `${REPO_ROOT}docs/images/`;
/** Refresh the documentation's screenshots (OC_DOC_IMAGES=1). */
const UPDATE_DOC_IMAGES = Deno.env.get("OC_DOC_IMAGES") === "1";

/** Null when Chromium is installed (installed now if root with apt), else why not. */
const missing = await ensureChromium();
if (missing) console.warn(`browser test ignored: ${missing}`);

/**
 * Every path at both screen sizes: a screenshot of each (name-desktop.png,
 * name-phone.png) and what does not fit, collected into `problems`.
 */
async function tour(page: Page, base: string, paths: string[], problems: string[]) {
  for (const vp of VIEWPORTS) {
    await page.setViewportSize({ width: vp.width, height: vp.height });
    for (const p of paths) {
      await page.goto(`${base}${p}`);
      const name = p.replace(/^\//, "").replace(/\?.*$/, "").replace(/\//g, "-") || "dashboard";
      await shot(page, `${name}${p.includes("preview=1") ? "-preview" : ""}-${vp.name}`);
      for (const problem of await layoutProblems(page)) {
        problems.push(`${p} at ${vp.width}px: ${problem}`);
      }
    }
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

async function shot(page: Page, name: string, docName?: string): Promise<void> {
  await Deno.mkdir(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
  if (docName && UPDATE_DOC_IMAGES) {
    await Deno.mkdir(DOC_IMAGES, { recursive: true });
    await Deno.copyFile(`${SHOTS}${name}.png`, `${DOC_IMAGES}${docName}.png`);
  }
}

Deno.test({
  name:
    "browser: sign in, import, approve, generate and download a statement, export a journal, dark mode",
  ignore: missing !== null,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const f = await webFixture({ tweak: (c) => (c.dev_mode = true) });
    putSetting(f.db, "review.flag_patterns", ["ec2"], "test", "2025-02-01T00:00:00Z");
    const app = createApp({ config: f.config, db: f.db, configPath: f.configPath, log: () => {} });
    const server = Deno.serve(
      { hostname: "127.0.0.1", port: 0, onListen: () => {} },
      (req, info) => app.fetch(req, info),
    );
    const base = `http://127.0.0.1:${server.addr.port}`;
    const profile = await Deno.makeTempDir({ prefix: "oc-chromium-" });
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      acceptDownloads: true,
      viewport: { width: 1440, height: 900 },
      colorScheme: "light",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
      ],
    });
    try {
      const page = context.pages()[0] ?? await context.newPage();
      page.setDefaultTimeout(20_000);

      // sign in
      await page.goto(`${base}/login`);
      await page.fill("#login", "admin");
      await page.fill("#password", ADMIN_PASSWORD);
      await Promise.all([page.waitForURL(`${base}/`), page.click("button[type=submit]")]);

      // every Content-Security-Policy violation the browser reports (console or page error)
      const cspErrors: string[] = [];
      page.on("console", (m) => {
        if (/Content.Security.Policy/i.test(m.text())) {
          cspErrors.push(`${page.url()}: ${m.text().slice(0, 80)} (${m.location().url})`);
        }
      });
      page.on("pageerror", (e) => cspErrors.push(`page error: ${e.message}`));

      // import a file: choose it, check the preview, import
      await page.goto(`${base}/imports`);
      equal(await page.locator("#import-history tbody tr").count(), 0);
      await page.setInputFiles("#upload-files", `${MONTH}aws_2025-01.csv`);
      await page.click("#upload-preview");
      await page.waitForSelector("#import-plan");
      equal(await page.inputValue("#source_0"), "AWS");
      equal(await page.inputValue("#period_0"), "2025-01");
      await shot(page, "imports-preview");
      await page.click("#import-commit");
      await page.getByText("Imported 1 delivery.").waitFor();
      equal(f.db.get<{ n: number }>("SELECT count(*) AS n FROM charges")!.n, 8);
      // the import history shows the new import at once (no reload)
      equal(await page.locator("#import-history tbody tr").count(), 1);
      // a disabled button looks disabled (greyed), unlike an enabled one
      const opacity = await page.evaluate(`(() => {
        const b = document.createElement("button");
        document.querySelector("main").append(b);
        const on = getComputedStyle(b).opacity;
        b.disabled = true;
        const off = getComputedStyle(b).opacity;
        b.remove();
        return on + " " + off;
      })()`);
      equal(opacity, "1 0.45");

      // approve one flagged charge (htmx swaps the counts), then the rest of the period
      const problems: string[] = [];
      await tour(page, base, ["/review?period=2025-01"], problems);
      await page.goto(`${base}/review?period=2025-01`);
      equal(await page.textContent("#pending-count"), "3");
      await shot(page, "review", "review");
      await page.locator('input[name="id"]').first().check();
      await page.fill("#review-note", "checked with the PI");
      await page.click("#approve-selected");
      await page.getByText("Approved 1 charge").waitFor();
      equal(await page.textContent("#pending-count"), "2");
      await page.getByRole("button", { name: /Approve all 2/ }).click();
      await page.getByText("Approved 2 charges").waitFor();
      equal(
        f.db.get<{ n: number }>(
          "SELECT count(*) AS n FROM charges WHERE review_status = 'approved'",
        )!
          .n,
        3,
      );

      // the main pages
      await page.goto(`${base}/?period=2025-01`);
      await page.getByText("Billed (USD)").waitFor();
      await shot(page, "dashboard", "dashboard");
      await page.goto(`${base}/charges?period=2025-01`);
      await shot(page, "charges", "charges");
      for (const p of ["periods", "periods/2025-01", "sources", "projects", "pis", "settings"]) {
        await page.goto(`${base}/${p}?period=2025-01`);
        await shot(page, p.replace("/", "-"));
      }

      // generate the statements and download one
      await page.goto(`${base}/statements?period=2025-01`);
      await Promise.all([page.waitForURL(/done=generate/), page.click("#generate-button")]);
      // one statement per PI and project: 3
      await page.getByText("Generated: 3 new").waitFor();
      await shot(page, "statements", "statements");
      const [pdf] = await Promise.all([
        page.waitForEvent("download"),
        page.locator("#statements-table a", { hasText: "Download" }).first().click(),
      ]);
      match(pdf.suggestedFilename(), /^statement_2025-01-\d{4}_r1\.pdf$/);
      const pdfPath = await pdf.path();
      equal(new TextDecoder().decode(Deno.readFileSync(pdfPath).slice(0, 5)), "%PDF-");

      // Send all asks first (how many PIs, how much money), then runs as a job whose progress
      // fragment htmx polls until it moves on to the result
      await page.click("#send-all-button");
      // 3 PIs with one project each, every charge approved: 3 statements billing 3,995.00
      await page.getByText("This emails 3 PIs (3 statements billing $3,995.00).").waitFor();
      equal(f.db.get<{ n: number }>("SELECT count(*) AS n FROM email_log")!.n, 0);
      await Promise.all([page.waitForURL(/done=send/), page.click("#confirm-send-button")]);
      await page.getByText("Emails: 0 sent, 3 written to files (dev mode), 0 failed").waitFor();

      // export a journal
      await page.goto(`${base}/journal?period=2025-01&preview=1&format=detail`);
      await page.getByText("debit 3995.00").waitFor();
      await shot(page, "journal");
      const [journal] = await Promise.all([
        page.waitForEvent("download"),
        page.click("#journal-export-button"),
      ]);
      const csv = Deno.readTextFileSync(await journal.path());
      equal(csv.trim().split("\n").length, 9, "a header and one line per charge");

      // the attribution rules, fund splits and PI directory pages, each with something stored
      const admin = f.ctx("web:admin");
      addAttributionRule(admin, {
        name: "compute-pool",
        source: "aws",
        match: { ServiceName: "/compute|ec2/i", "tag:project_id": "/./" },
        set: { fund_org: "RC-POOL-1", project_id: "compute-pool" },
      });
      saveFundSplit(admin, {
        projectId: "compute-pool",
        from: "2025-01",
        funds: [{ fundOrg: "CHEM-10423", percent: "60" }, {
          fundOrg: "CHEM-10588",
          percent: "40",
        }],
      });
      setFundExpiry(admin, "CHEM-10588", "2026-12-31");
      savePi(admin, {
        email: PI_EMAIL,
        name: "Ada Quill",
        department: "Chemistry",
        aliases: ["a.quill@northfield.edu"],
      }, "add");

      // every page fits 1440×900 and 390×844: no table wider than its box, no cut cell
      const chargeHref = await page.goto(`${base}/charges?period=2025-01`).then(() =>
        page.getAttribute("table.data tbody a[href^='/charges/']", "href")
      );
      const projectHref = await page.goto(`${base}/projects?period=2025-01`).then(() =>
        page.getAttribute("table.data tbody a[href^='/projects/']", "href")
      );
      const piHref = await page.goto(`${base}/pis?period=2025-01`).then(() =>
        page.getAttribute("table.data tbody a[href^='/pis/']", "href")
      );
      const importHref = await page.goto(`${base}/imports`).then(() =>
        page.getAttribute("table a[href^='/imports/']", "href")
      );
      ok(chargeHref && projectHref && piHref && importHref);
      await tour(page, base, [
        "/?period=2025-01",
        "/periods",
        "/periods/2025-01",
        "/sources",
        "/charges?period=2025-01",
        chargeHref,
        "/projects?period=2025-01",
        projectHref,
        "/pis?period=2025-01",
        piHref,
        "/review?period=2025-01",
        "/imports",
        importHref,
        "/statements?period=2025-01",
        "/journal?period=2025-01",
        "/journal?period=2025-01&preview=1&format=detail",
        "/settings",
        "/settings/attribution?period=2025-01",
        "/settings/attribution?period=2025-01&edit=1",
        "/settings/funding",
        "/settings/funding?edit=1",
        `/pis/${encodeURIComponent(PI_EMAIL)}?period=2025-01`,
        "/users",
        "/audit",
        "/account",
        "/help",
      ], problems);
      if (problems.length) throw new Error(`pages that do not fit:\n${problems.join("\n")}`);
      if (cspErrors.length) throw new Error(`CSP violations:\n${cspErrors.join("\n")}`);

      // dark mode, remembered across pages
      await page.goto(`${base}/?period=2025-01`);
      await page.click("#theme-toggle");
      equal(await page.getAttribute("html", "data-theme"), "dark");
      await page.goto(`${base}/charges?period=2025-01`);
      equal(await page.getAttribute("html", "data-theme"), "dark");
      const bg = await page.evaluate("getComputedStyle(document.body).backgroundColor");
      equal(bg, "rgb(15, 20, 25)");
      await shot(page, "charges-dark");
      await page.goto(`${base}/?period=2025-01`);
      await shot(page, "dashboard-dark", "dashboard-dark");

      // a phone-width view
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${base}/review?period=2025-01`);
      ok(await page.isVisible("#menu-toggle"));
      await shot(page, "review-phone");
    } finally {
      await context.close();
      await server.shutdown();
      await Deno.remove(profile, { recursive: true }).catch(() => {});
      await f.close();
    }
  },
});
