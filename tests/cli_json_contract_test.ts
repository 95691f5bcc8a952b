/**
 * docs/cli-json.md against the program: every documented `--json` command is
 * run through the real CLI on the own test month, and the top-level keys its
 * documentation shows (the JSON example, or the `{"key", ...}` sketch) must be
 * exactly the keys it prints: a documented key the program lacks and a printed
 * key the page does not show both fail. Issue 19 found the page stale (the
 * dry run's `pdf`, `schemaVersion` 5 where the program had 7).
 */

import { deepEqual, equal } from "node:assert/strict";
import { MONTH, REPO_ROOT, runCli, tempWorkspace, write04Config } from "./cli_harness.ts";
import { HEADER, sacctLine, TEST_CARD } from "../src/metering/metering_test_kit.ts";

const DOC = Deno.readTextFileSync(`${REPO_ROOT}docs/cli-json.md`);

/** The text from `start` to its matching close bracket (strings skipped). */
function bracketed(text: string, start: number): string {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === "\\") i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === "{" || ch === "[") depth++;
    else if (ch === "}" || ch === "]") {
      if (--depth === 0) return text.slice(start, i + 1);
    }
  }
  throw new Error(`unclosed bracket at ${start}`);
}

/**
 * The keys of the top-level object of a JSON example or a sketch
 * (`{"file", "ok": true}`); of its first element when it is an array.
 */
function sketchKeys(sketch: string): string[] {
  const target = sketch.trimStart().startsWith("[") ? 2 : 1;
  const keys: string[] = [];
  let depth = 0;
  let last = "";
  for (let i = 0; i < sketch.length; i++) {
    const ch = sketch[i];
    if (ch === '"') {
      let j = i + 1;
      while (sketch[j] !== '"') j += sketch[j] === "\\" ? 2 : 1;
      if (depth === target && (last === "{" || last === ",")) keys.push(sketch.slice(i + 1, j));
      i = j;
      last = '"';
    } else if (ch === "{" || ch === "[") {
      depth++;
      last = ch;
    } else if (ch === "}" || ch === "]") {
      if (--depth < target && keys.length) break;
      last = ch;
    } else if (!/\s/.test(ch)) last = ch;
  }
  return keys.sort();
}

/** The JSON example under the heading `### \`heading...\``. */
function exampleOf(heading: string): string {
  const at = DOC.indexOf(`### \`${heading}`);
  if (at < 0) throw new Error(`docs/cli-json.md has no section ${heading}`);
  const block = DOC.indexOf("```json\n", at);
  const next = DOC.indexOf("\n### ", at + 4);
  if (block < 0 || (next > 0 && block > next)) throw new Error(`no JSON example under ${heading}`);
  return bracketed(DOC, DOC.slice(block).search(/[[{]/) + block);
}

/** The sketch right after `marker` in the page (`{"file", "ok": true, ...}`). */
function sketchAfter(marker: string): string {
  const at = DOC.indexOf(marker);
  if (at < 0) throw new Error(`docs/cli-json.md does not say ${marker}`);
  return bracketed(DOC, DOC.slice(at).search(/[[{]/) + at);
}

/** The top-level keys of printed JSON (of the first element of an array). */
function keysOf(value: unknown): string[] {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v || typeof v !== "object") throw new Error(`no object: ${JSON.stringify(value)}`);
  return Object.keys(v).sort();
}

Deno.test("docs/cli-json.md shows the top-level keys each --json command prints", async () => {
  const { dir, cleanup } = await tempWorkspace("oc-json-contract-");
  try {
    const rule = "attribution:\n  rules:\n    - name: fold\n" +
      "      match: {ResourceName: protein-fold-02}\n      set: {project_id: protein-folding}\n";
    const config = await write04Config(dir, rule);
    // dev mode: statements send writes .eml files instead of mailing; one charge held for review
    const text = await Deno.readTextFile(config);
    await Deno.writeTextFile(
      config,
      text.replace("dev_mode: false", "dev_mode: true")
        .replace("flag_patterns: []", "flag_patterns: ['protein-fold-01']"),
    );
    const c = ["-c", config];
    const checked: string[] = [];
    const run = async (args: string[], onStderr = false) => {
      const r = await runCli(args[0] === "version" ? args : [...args, ...c], { cwd: dir });
      equal(r.code, 0, `${args.join(" ")}: ${r.stderr}`);
      return JSON.parse(onStderr ? r.stderr : r.stdout);
    };
    const plain = async (args: string[]) => {
      const r = await runCli([...args, ...c], { cwd: dir });
      equal(r.code, 0, `${args.join(" ")}: ${r.stderr}`);
    };
    const mismatches: string[] = [];
    /** Collects every command whose printed keys differ from the page (all listed at the end). */
    const same = (what: string, documented: string, printed: unknown) => {
      const doc = sketchKeys(documented), got = keysOf(printed);
      const missing = doc.filter((k) => !got.includes(k));
      const undocumented = got.filter((k) => !doc.includes(k));
      if (missing.length || undocumented.length) {
        mismatches.push(
          `${what}: documented but not printed [${missing}]; printed but not documented [${undocumented}]`,
        );
      }
      checked.push(what);
    };

    same(
      "ingest",
      exampleOf("ingest"),
      await run(["ingest", `${MONTH}aws_2025-01.csv`, "-s", "aws", "--json"]),
    );
    await run(["ingest", `${MONTH}hpc_2025-01.csv`, "-s", "hpc", "--json"]);
    const review = await run(["review", "list", "--json"]);
    same("review list", exampleOf("review list"), review);
    same(
      "review reject",
      exampleOf("review approve"),
      await run(["review", "reject", "--id", String(review[0].id), "--note", "no", "--json"]),
    );
    same(
      "review reopen",
      exampleOf("review approve"),
      await run(["review", "reopen", "--id", String(review[0].id), "--note", "back", "--json"]),
    );
    same(
      "review assign",
      exampleOf("review assign"),
      await run([
        "review",
        "assign",
        "--id",
        String(review[0].id),
        "--pi",
        "ada.quill@northfield.edu",
        "--project",
        "protein-folding",
        "--fund",
        "CHEM-2025-001",
        "--note",
        "checked",
        "--json",
      ]),
    );
    same(
      "review approve",
      exampleOf("review approve"),
      await run(["review", "approve", "--id", String(review[0].id), "--note", "ok", "--json"]),
    );
    same("imports list", exampleOf("imports list"), await run(["imports", "list", "--json"]));
    const azure = await run(["ingest", `${MONTH}azure_2025-01.csv`, "-s", "azure", "--json"]);
    same(
      "imports revert",
      exampleOf("imports revert"),
      await run(["imports", "revert", String(azure.importId), "--note", "wrong file", "--json"]),
    );
    same(
      "attribution list",
      sketchAfter("`attribution list` prints"),
      await run(["attribution", "list", "--json"]),
    );
    same(
      "attribution test",
      sketchAfter("`attribution test FILE -s SOURCE` prints"),
      await run(["attribution", "test", `${MONTH}aws_2025-01.csv`, "-s", "aws", "--json"]),
    );
    same(
      "attribution apply",
      sketchAfter("`attribution apply -p PERIOD` prints"),
      await run(["attribution", "apply", "-p", "2025-01", "--dry-run", "--json"]),
    );
    await Deno.writeTextFile(
      `${dir}/pis.csv`,
      "email,name,department\nada.quill@northfield.edu,Ada Quill,Chemistry\n",
    );
    same(
      "pis import",
      sketchAfter("`pis import` prints"),
      await run(["pis", "import", "pis.csv", "--json"]),
    );
    same("pis list", sketchAfter("`pis list` prints"), await run(["pis", "list", "--json"]));
    same("periods list", exampleOf("periods list"), await run(["periods", "list", "--json"]));
    same(
      "periods create",
      exampleOf("periods list"),
      await run(["periods", "create", "2025-03", "--json"]),
    );
    same(
      "show",
      exampleOf("show"),
      await run(["show", "ada.quill@northfield.edu", "-p", "2025-01", "--json"]),
    );
    same("sources list", exampleOf("sources list"), await run(["sources", "list", "--json"]));

    // the dry run: statements that would be new have no PDF yet (pdf null)
    const dry = await run(["generate", "-p", "2025-01", "--dry-run", "--allow-pending", "--json"]);
    same("generate --dry-run", exampleOf("generate"), dry);
    equal(dry.dryRun, true);
    deepEqual([...new Set(dry.statements.map((s: { pdf: unknown }) => s.pdf))], [null]);
    deepEqual(keysOf(dry.statements), sketchKeys(exampleOf("generate").replace(/^\{[^[]*/, "")));
    const gen = await run(["generate", "-p", "2025-01", "--allow-pending", "--json"]);
    same("generate", exampleOf("generate"), gen);
    equal(gen.statements.every((s: { pdf: string }) => s.pdf.endsWith(".pdf")), true);
    same(
      "statements list",
      exampleOf("statements list"),
      await run(["statements", "list", "-p", "2025-01", "--json"]),
    );
    same(
      "statements send",
      exampleOf("statements send"),
      await run(["statements", "send", "-p", "2025-01", "--json"]),
    );
    same(
      "export-journal",
      exampleOf("export-journal"),
      await run(["export-journal", "-p", "2025-01", "-f", "detail", "--allow-pending", "--json"]),
    );
    same("journal list", exampleOf("journal list"), await run(["journal", "list", "--json"]));

    const valid = await runCli(["validate", `${MONTH}aws_2025-01.csv`, "--json"], {
      cwd: dir,
    });
    same("validate", exampleOf("validate"), JSON.parse(valid.stdout));

    await Deno.writeTextFile(`${dir}/rates.yaml`, TEST_CARD);
    await Deno.writeTextFile(`${dir}/sacct.txt`, [HEADER, sacctLine({})].join("\n") + "\n");
    same(
      "convert slurm",
      exampleOf("convert slurm"),
      await run([
        "convert",
        "slurm",
        "-p",
        "2026-09",
        "--rates",
        "rates.yaml",
        "sacct.txt",
        "-o",
        "h.csv",
        "--json",
      ], true),
    );
    same(
      "rates check",
      sketchAfter("`rates check` prints"),
      await run(["rates", "check", "rates.yaml", "--json"]),
    );
    same(
      "rates show",
      sketchAfter("`rates show` prints"),
      await run(["rates", "show", "--at", "2026-09", "--rates", "rates.yaml", "--json"]),
    );

    const backup = await run(["db", "backup", `${dir}/b.db`, "--json"]);
    same("db backup", exampleOf("db backup"), backup);
    const verify = await run(["db", "verify", `${dir}/b.db`, "--json"]);
    deepEqual(keysOf(verify), ["bytes", "counts", "path", "schemaVersion"]);
    same(
      "db restore",
      sketchAfter("`db restore` prints"),
      await run(["db", "restore", `${dir}/b.db`, "--json"]),
    );

    const version = await run(["version", "--json"]);
    same("version", sketchAfter("`version --json`:"), version);
    // every schemaVersion the page shows is the program's
    const shown = [...DOC.matchAll(/"schemaVersion": (\d+)/g)].map((m) => Number(m[1]));
    if (shown.some((n) => n !== version.schemaVersion)) {
      mismatches.push(
        `schemaVersion: the page shows ${[
          ...new Set(shown),
        ]}, the program ${version.schemaVersion}`,
      );
    }
    equal(backup.schemaVersion, version.schemaVersion);

    same(
      "audit list",
      exampleOf("audit list"),
      await run(["audit", "list", "--json", "--limit", "3"]),
    );
    same("users list", sketchAfter("`users list --json`:"), await run(["users", "list", "--json"]));

    // db archive needs a finalized period: the empty 2025-03
    await plain(["periods", "close", "2025-03"]);
    await plain(["periods", "finalize", "2025-03"]);
    same(
      "db archive",
      exampleOf("db archive"),
      await run(["db", "archive", "--before", "2025-04", "--json"]),
    );
    equal(
      mismatches.join("\n"),
      "",
      "docs/cli-json.md differs from the program:\n" + mismatches.join("\n"),
    );
    equal(checked.length, 33);
  } finally {
    await cleanup();
  }
});
