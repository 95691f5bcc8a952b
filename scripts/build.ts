/**
 * Build the program: `bundle` (one self-contained JavaScript file, runs with
 * `deno run`) or `compile` (single executables per target with `deno compile`).
 *
 *   deno run -A scripts/build.ts bundle [--out DIR] -> dist/openchargeback.js
 *   deno run -A scripts/build.ts compile [--target T]... -> dist/openchargeback-<T>
 *
 * Both stamp the git commit and build date into the program (a preamble that
 * src/build_info.ts reads); the source tree is never modified. Outputs are written to a
 * temporary name and renamed only when complete, so a failed build never
 * leaves a half-written binary behind.
 */

import { fileURLToPath } from "node:url";
import { buildStampPreamble } from "../src/version.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const DIST = `${ROOT}dist`;

/** Targets `deno compile` supports that we ship. */
export const TARGETS = [
  "x86_64-unknown-linux-gnu",
  "aarch64-unknown-linux-gnu",
  "x86_64-apple-darwin",
  "aarch64-apple-darwin",
  "x86_64-pc-windows-msvc",
];

/**
 * The permissions the program needs, instead of -A:
 * read/write (config, database, outputs), env (config substitution, user name),
 * net (the web server and SMTP), sys (host name in email headers, the OS user
 * name for the audit log when $USER is unset).
 */
export const PERMISSIONS = [
  "--allow-read",
  "--allow-write",
  "--allow-env",
  "--allow-net",
  "--allow-sys=hostname,osRelease,homedir,uid,gid,userInfo,networkInterfaces",
];

/**
 * V8 options the program runs with (compiled into the binary; `deno task cli`
 * and the benchmarks pass the same). A young generation of at most 2 x 4 MB
 * instead of V8's 2 x 16 MB: an import allocates a few KB per row that die
 * young, and with the default V8 kept growing the heap with the file
 * (1,000,000 rows: 293 MB peak, 1.7x the 100,000-row peak; with this 212 MB,
 * 1.5x) at no measurable cost in time. Set at start only: V8 sizes its heap
 * once (`node:v8.setFlagsFromString` has no effect later).
 */
export const V8_FLAGS = ["--max-semi-space-size=4"];

/** The `--v8-flags=...` argument of `deno run` / `deno compile`. */
export const V8_FLAGS_ARG = `--v8-flags=${V8_FLAGS.join(",")}`;

async function git(args: string[]): Promise<string | null> {
  try {
    const out = await new Deno.Command("git", { args, cwd: ROOT, stdout: "piped", stderr: "null" })
      .output();
    return out.success ? new TextDecoder().decode(out.stdout).trim() : null;
  } catch {
    return null;
  }
}

/** The stamp preamble for this build: current commit and build date. */
async function stampPreamble(): Promise<string> {
  const commit = (await git(["rev-parse", "--short=12", "HEAD"])) ?? "0000000";
  const epoch = Deno.env.get("SOURCE_DATE_EPOCH");
  const date = epoch ? new Date(Number(epoch) * 1000).toISOString() : new Date().toISOString();
  return buildStampPreamble(commit, date);
}

async function run(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ ok: boolean; stderr: string }> {
  const out = await new Deno.Command(Deno.execPath(), {
    args,
    cwd: ROOT,
    env,
    stdout: "inherit",
    stderr: "piped",
  })
    .output();
  const stderr = new TextDecoder().decode(out.stderr);
  await Deno.stderr.write(out.stderr);
  return { ok: out.success, stderr };
}

async function finish(tmp: string, final: string): Promise<void> {
  await Deno.rename(tmp, final);
  console.log(`built ${final}`);
}

async function removeQuietly(path: string): Promise<void> {
  await Deno.remove(path).catch(() => {});
}

const REQUIRE_SHIM = 'import { createRequire as __ocCreateRequire } from "node:module";\n' +
  "const require = __ocCreateRequire(import.meta.url);\n";

/** Build `<outDir>/openchargeback.js` (default dist/). */
export async function bundle(outDir = DIST): Promise<string> {
  await Deno.mkdir(outDir, { recursive: true });
  const final = `${outDir}/openchargeback.js`;
  const tmp = `${final}.partial`;
  // The parse worker alone (~0.1 MB), embedded as text: a thread started from
  // the whole bundle would evaluate all of its ~7 MB (~170 MB RSS a thread).
  const workerTmp = `${outDir}/.parse_worker_${Deno.pid}.js`;
  const w = await run(["bundle", "--quiet", "src/ingest/parse_worker_main.ts", "-o", workerTmp]);
  const workerCode = w.ok ? await Deno.readTextFile(workerTmp) : null;
  await removeQuietly(workerTmp);
  if (workerCode === null) throw new Error("deno bundle of the parse worker failed (see above)");
  const r = await run(["bundle", "--quiet", "main.ts", "-o", tmp]);
  if (!r.ok) {
    await removeQuietly(tmp);
    throw new Error("deno bundle failed (see above)");
  }
  // CommonJS packages in the bundle (yaml, commander, nodemailer) call
  // require("node:...") for built-ins: give the ES module a real require.
  // Then stamp the build (src/build_info.ts reads the global it sets).
  const code = await Deno.readTextFile(tmp);
  // The bundle is also marked as one, and carries the parse worker's code
  // (src/ingest/parse_worker_entry.ts starts the worker from it).
  await Deno.writeTextFile(
    tmp,
    REQUIRE_SHIM + (await stampPreamble()) + "globalThis.__OPENCHARGEBACK_BUNDLE__ = true;\n" +
      `globalThis.__OPENCHARGEBACK_PARSE_WORKER_JS__ = ${JSON.stringify(workerCode)};\n` +
      code,
  );
  await finish(tmp, final);
  return final;
}

function denortHelp(target: string): string {
  return [
    `deno compile needs the 'denort' runtime for ${target}, and it could not be downloaded from this machine.`,
    "Provide it in one of two ways, then run the task again:",
    "  1. Download denort-<target>.zip for Deno " + Deno.version.deno +
    " on a connected machine, unzip it, and point DENORT_BIN at the binary:",
    `       DENORT_BIN=/path/to/denort deno task compile --target ${target}`,
    "  2. Or place the zip in Deno's cache, where deno compile looks first:",
    `       $DENO_DIR/dl/release/v${Deno.version.deno}/denort-${target}.zip  (DENO_DIR: see 'deno info')`,
    "Meanwhile 'deno task bundle' builds dist/openchargeback.js, which runs anywhere with 'deno run'.",
  ].join("\n");
}

/** Build dist/openchargeback-<target> for each target. */
export async function compile(targets: string[]): Promise<void> {
  await Deno.mkdir(DIST, { recursive: true });
  // A generated entry that stamps the build, then runs the CLI (main.ts is not
  // the entry, so its own `import.meta.main` block stays idle).
  const entry = `${ROOT}scripts/.compile_entry_${Deno.pid}.ts`;
  await Deno.writeTextFile(
    entry,
    `import { run } from "../main.ts";\n${await stampPreamble()}Deno.exit(await run(Deno.args));\n`,
  );
  try {
    for (const target of targets) {
      if (!TARGETS.includes(target)) {
        throw new Error(`unknown target ${target}; one of: ${TARGETS.join(", ")}`);
      }
      const ext = target.includes("windows") ? ".exe" : "";
      const final = `${DIST}/openchargeback-${target}${ext}`;
      const tmp = `${DIST}/.partial-openchargeback-${target}${ext}`;
      const r = await run([
        "compile",
        "--quiet",
        ...PERMISSIONS,
        V8_FLAGS_ARG,
        "--target",
        target,
        "--output",
        tmp,
        entry,
      ]);
      if (!r.ok) {
        await removeQuietly(tmp);
        if (/denort|dl\.deno\.land|error sending request|dns error/i.test(r.stderr)) {
          console.error(denortHelp(target));
          Deno.exit(1);
        }
        throw new Error(`deno compile failed for ${target}`);
      }
      await finish(tmp, final);
    }
  } finally {
    await removeQuietly(entry);
  }
}

if (import.meta.main) {
  const [what, ...rest] = Deno.args;
  if (what === "bundle") {
    const i = rest.indexOf("--out");
    await bundle(i >= 0 ? rest[i + 1] : DIST);
  } else if (what === "compile") {
    const targets: string[] = [];
    for (let i = 0; i < rest.length; i++) if (rest[i] === "--target") targets.push(rest[++i]);
    await compile(targets.length ? targets : [Deno.build.target]);
  } else {
    console.error("usage: deno run -A scripts/build.ts bundle | compile [--target T]...");
    Deno.exit(2);
  }
}
