import { deepEqual, equal, match } from "node:assert/strict";
import { runCli, tempWorkspace } from "./cli_harness.ts";
import { buildStampPreamble, formatVersionText, VERSION, versionInfo } from "../src/version.ts";
import { SCHEMA_VERSION } from "../src/storage/migrations/mod.ts";

Deno.test("version: text names version, build, FOCUS versions and schema; opens no database", async () => {
  const { dir, cleanup } = await tempWorkspace();
  try {
    // a broken config.yaml in the folder must not matter: version reads no config
    await Deno.writeTextFile(`${dir}/config.yaml`, "database: [not, a, mapping\n");
    const r = await runCli(["version"], { cwd: dir });
    equal(r.code, 0, r.stderr);
    equal(r.stderr, "");
    const lines = r.stdout.trimEnd().split("\n");
    match(
      lines[0],
      new RegExp(
        `^openchargeback ${VERSION} \\(development build\\)$`,
      ),
    );
    equal(lines[1], "FOCUS versions:  1.0-preview, 1.0, 1.1, 1.2, 1.3 (and 0.5-era column names)");
    equal(lines[2], `schema version:  ${SCHEMA_VERSION}`);
    match(lines[3], /^runtime: +Deno \d+\.\d+\.\d+$/);
    equal(lines.length, 4);
    const entries = [...Deno.readDirSync(dir)].map((e) => e.name);
    deepEqual(entries, ["config.yaml"]); // no instance/ folder, no database file
  } finally {
    await cleanup();
  }
});

Deno.test("version --json: the documented shape", async () => {
  const { dir, cleanup } = await tempWorkspace();
  try {
    const r = await runCli(["version", "--json"], { cwd: dir });
    equal(r.code, 0, r.stderr);
    const info = r.json<Record<string, unknown>>();
    deepEqual(Object.keys(info), [
      "version",
      "commit",
      "buildDate",
      "build",
      "focusVersions",
      "legacyColumnNames",
      "schemaVersion",
      "runtime",
    ]);
    equal(info.version, VERSION);
    equal(info.build, "development build");
    equal(info.commit === null, info.buildDate === null);
    deepEqual(info.focusVersions, ["1.0-preview", "1.0", "1.1", "1.2", "1.3"]);
    equal(info.schemaVersion, SCHEMA_VERSION);
    equal(SCHEMA_VERSION >= 4, true);
  } finally {
    await cleanup();
  }
});

Deno.test("version: a stamped build prints commit and date; the stamp preamble is valid JavaScript", async () => {
  const src = buildStampPreamble(
    "0123456789abcdef0123456789abcdef01234567",
    "2026-11-02T08:30:00Z",
  );
  const { dir, cleanup } = await tempWorkspace();
  try {
    await Deno.writeTextFile(
      `${dir}/stamp.js`,
      src + "export const BUILD = globalThis.__OPENCHARGEBACK_BUILD__;\n",
    );
    const mod = await import(`file://${dir}/stamp.js`);
    const info = versionInfo(mod.BUILD);
    equal(info.build, "release build");
    equal(info.commit, "0123456789abcdef0123456789abcdef01234567");
    equal(
      formatVersionText(info).split("\n")[0],
      `openchargeback ${VERSION} (commit 0123456789abcdef0123456789abcdef01234567, built 2026-11-02T08:30:00Z)`,
    );
  } finally {
    await cleanup();
  }
  let refused = false;
  try {
    buildStampPreamble("not a sha; rm -rf /", "2026-11-02");
  } catch {
    refused = true;
  }
  equal(refused, true);
});
