/**
 * The bundle carries everything it needs: build dist-style openchargeback.js,
 * copy ONLY that file into an empty folder away from the source tree, and run
 * the whole flow with `deno run` and the program's declared permissions.
 * With OC_BINARY=path (the release workflow), the same flow runs a compiled
 * binary instead.
 */

import { deepEqual, equal, match, ok } from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { PERMISSIONS } from "../scripts/build.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const SAMPLE = `${ROOT}sample_data/`;

/** The command line that runs the program under test with `args`. */
function programCommand(args: string[]): { cmd: string; args: string[] } {
  return Deno.env.get("OC_BINARY")
    ? { cmd: "./openchargeback", args }
    : { cmd: Deno.execPath(), args: ["run", ...PERMISSIONS, "openchargeback.js", ...args] };
}

function program(cwd: string, args: string[], env: Record<string, string> = {}, stdin?: string) {
  const p = programCommand(args);
  return sh(p.args, cwd, env, p.cmd, stdin);
}

async function sh(
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
  cmd = Deno.execPath(),
  stdin?: string,
) {
  const child = new Deno.Command(cmd, {
    args,
    cwd,
    env: { NO_COLOR: "1", ...env },
    stdin: stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  if (stdin !== undefined) {
    const w = child.stdin.getWriter();
    await w.write(new TextEncoder().encode(stdin));
    await w.close();
  }
  const out = await child.output();
  return {
    code: out.code,
    stdout: new TextDecoder().decode(out.stdout),
    stderr: new TextDecoder().decode(out.stderr),
  };
}

Deno.test("bundle: the single JavaScript file runs the whole flow from an empty folder", async () => {
  const build = await Deno.makeTempDir({ prefix: "oc-bundle-build-" });
  const work = await Deno.makeTempDir({ prefix: "oc-bundle-run-" });
  try {
    const binary = Deno.env.get("OC_BINARY");
    if (binary) {
      await Deno.copyFile(binary, `${work}/openchargeback`);
      await Deno.chmod(`${work}/openchargeback`, 0o755);
    } else {
      const b = await sh(["run", "-A", `${ROOT}scripts/build.ts`, "bundle", "--out", build], ROOT);
      equal(b.code, 0, b.stderr);
      await Deno.copyFile(`${build}/openchargeback.js`, `${work}/openchargeback.js`);
    }
    // the user's own data: a config and two sample files, copied next to the program
    await Deno.copyFile(`${SAMPLE}config.example.yaml`, `${work}/config.yaml`);
    await Deno.copyFile(`${SAMPLE}aws_2026-10.csv`, `${work}/aws_2026-10.csv`);
    await Deno.copyFile(`${SAMPLE}hpc_2026-10.csv`, `${work}/hpc_2026-10.csv`);
    const oc = (...args: string[]) => program(work, args);

    const version = await oc("version", "--json");
    equal(version.code, 0, version.stderr);
    match(version.stdout, /"commit": "[0-9a-f]{7,}"/);
    if (!binary) await assertCodeCacheReused(work);

    const ingest = await oc("ingest", "--new-source", "aws_2026-10.csv", "-s", "aws", "--json");
    equal(ingest.code, 0, ingest.stderr);
    equal(JSON.parse(ingest.stdout).rows, 55);
    // the parse worker starts from the program itself: the bundle from its embedded
    // worker code (~0.1 MB, a data: module), not from its whole 7 MB again; the binary
    // from its entry module
    const workerArgs = ["ingest", "--new-source", "hpc_2026-10.csv", "-s", "hpc", "--json"];
    const hpc = binary
      ? await program(work, workerArgs, { OPENCHARGEBACK_INGEST_WORKER: "on" })
      : await sh(["run", "-L", "debug", ...PERMISSIONS, "openchargeback.js", ...workerArgs], work, {
        OPENCHARGEBACK_INGEST_WORKER: "on",
      });
    equal(hpc.code, 0, hpc.stderr.slice(-2000));
    const hpcLines = (await Deno.readTextFile(`${work}/hpc_2026-10.csv`)).trim().split("\n");
    equal(JSON.parse(hpc.stdout).rows, hpcLines.length - 1);
    if (!binary) {
      match(hpc.stderr, /received worker module evaluate Ok/);
      const loads = hpc.stderr.match(/for ES module: (file:\S*openchargeback\.js|data:\S*)/g) ?? [];
      // each module once (cache hit or update): the program's file in this thread only
      deepEqual([...new Set(loads.map((l) => l.replace(/^.*for ES module: /, "").slice(0, 60)))], [
        `file://${work}/openchargeback.js`.slice(0, 60),
        "data:text/javascript,%2F%2F%20src%2Fingest%2Fparse_worker_main.ts".slice(0, 60),
      ]);
    }

    // on-premises metering from the program itself: a rate card, sacct output, piped into ingest -
    await Deno.copyFile(`${SAMPLE}rates.example.yaml`, `${work}/rates.yaml`);
    await Deno.writeTextFile(
      `${work}/sacct.txt`,
      "JobID|JobIDRaw|Cluster|Partition|Account|User|State|Start|End|ElapsedRaw|NCPUS|AllocTRES\n" +
        "7|7|cascade|standard|chem|ada|COMPLETED|2026-09-10T00:00:00|2026-09-10T02:00:00|7200|4|" +
        "billing=4,cpu=4,mem=8G,node=1\n",
    );
    const conv = await oc(
      "convert",
      "slurm",
      "-p",
      "2026-09",
      "--rates",
      "rates.yaml",
      "sacct.txt",
    );
    equal(conv.code, 0, conv.stderr);
    match(conv.stderr, /conservation: holds/);
    const piped = await program(
      work,
      ["ingest", "--new-source", "-", "-s", "hpc-metered", "--json"],
      {},
      conv.stdout,
    );
    equal(piped.code, 0, piped.stderr);
    const pipedSummary = JSON.parse(piped.stdout);
    equal(pipedSummary.files[0], "-");
    equal(pipedSummary.listCost, "0.144"); // 8 core-hours x 0.0180
    equal(pipedSummary.billedCost, "0.108"); // less the 25 % subsidy

    const pending = JSON.parse((await oc("review", "list", "--json")).stdout) as { id: number }[];
    ok(pending.length > 0);
    const approve = await oc("review", "approve", "-p", "2026-10", "--note", "bundle test");
    equal(approve.code, 0, approve.stderr);

    const gen = await oc("generate", "-p", "2026-10", "--json");
    equal(gen.code, 0, gen.stderr);
    const statements = JSON.parse(gen.stdout).statements as { pdf: string }[];
    ok(statements.length > 5);
    const pdf = await Deno.readFile(statements[0].pdf);
    equal(new TextDecoder().decode(pdf.subarray(0, 5)), "%PDF-");

    const journal = await oc("export-journal", "-p", "2026-10", "-f", "gl", "--json");
    equal(journal.code, 0, journal.stderr);
    const j = JSON.parse(journal.stdout);
    equal(j.debitTotal, j.creditTotal);

    const tpl = await oc("export-journal", "-p", "2026-10", "-f", "template", "-o", "-");
    equal(tpl.code, 0, tpl.stderr);
    match(tpl.stdout, /^Fund,Orgn,Account/);

    await serveAndLogin(work);
  } finally {
    await Deno.remove(build, { recursive: true });
    await Deno.remove(work, { recursive: true });
  }
});

/**
 * The second start reuses V8's compiled code of the 6.8 MB bundle: the program
 * must let Deno write its code cache before exiting (main.ts), or every start
 * compiles the whole file again (~50 ms of the 150 ms startup budget).
 * Deno's debug log names the cache hit; a private DENO_DIR starts it empty.
 */
async function assertCodeCacheReused(work: string): Promise<void> {
  const env = { DENO_DIR: `${work}/deno_dir` };
  const args = ["run", "-L", "debug", ...PERMISSIONS, "openchargeback.js", "--help"];
  const hit = /V8 code cache hit for ES module: file:\/\/\S*openchargeback\.js/;
  const first = await sh(args, work, env);
  equal(first.code, 0, first.stderr);
  match(first.stderr, /Updating V8 code cache for ES module: file:\/\/\S*openchargeback\.js/);
  const second = await sh(args, work, env);
  equal(second.code, 0, second.stderr);
  match(second.stdout, /Usage: openchargeback/);
  match(second.stderr, hit);
}

async function serveAndLogin(work: string): Promise<void> {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const p = programCommand(["serve", "--port", String(port)]);
  const child = new Deno.Command(p.cmd, {
    args: p.args,
    cwd: work,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const base = `http://127.0.0.1:${port}`;
  try {
    let up = false;
    for (let i = 0; i < 100 && !up; i++) {
      try {
        const r = await fetch(`${base}/health`);
        await r.body?.cancel();
        up = r.ok;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    ok(up, "serve did not come up");
    const { loginAs } = await import("./web_login_helper.ts");
    const cookie = await loginAs(base, "admin", "northfield-demo");
    const dash = await fetch(`${base}/`, { headers: { cookie } });
    equal(dash.status, 200);
    const html = await dash.text();
    match(html, /Dashboard/);
    const asset = html.match(/\/static\/[^"']+\.css/)?.[0];
    ok(asset, "the dashboard links a stylesheet");
    const css = await fetch(`${base}${asset}`);
    equal(css.status, 200);
    match(css.headers.get("content-type") ?? "", /text\/css/);
    await css.body?.cancel();
  } finally {
    child.kill("SIGTERM");
    const status = await child.status;
    await child.stdout.cancel();
    await child.stderr.cancel();
    equal(status.code, 0, "serve exits 0 on SIGTERM");
  }
}
