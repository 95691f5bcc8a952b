/**
 * Golden files of every journal format on the fixed dataset (clock pinned by
 * the harness). Run with UPDATE_GOLDEN=1 to rewrite them after a reviewed change.
 */

import { equal, notEqual } from "node:assert/strict";
import { runCli, tempWorkspace } from "./cli_harness.ts";
import { JOURNAL_DATASET, journalTestConfig, seedCharges } from "./journal_seed.ts";

const GOLDEN = new URL("./golden/journal/", import.meta.url);

async function checkGolden(name: string, actual: string): Promise<void> {
  const url = new URL(name, GOLDEN);
  if (Deno.env.get("UPDATE_GOLDEN") === "1") await Deno.writeTextFile(url, actual);
  equal(actual, await Deno.readTextFile(url), `golden file ${name}`);
}

Deno.test("journal golden: detail, summary, gl and each shipped template", async () => {
  const { dir, cleanup } = await tempWorkspace("oc-journal-golden-");
  try {
    seedCharges(`${dir}/db.sqlite`, JOURNAL_DATASET);
    await Deno.writeTextFile(`${dir}/config.yaml`, journalTestConfig(dir));
    const outputs: Record<string, string> = {};
    for (const format of ["detail", "summary", "gl"]) {
      const r = await runCli([
        "export-journal",
        "-p",
        "2025-01",
        "--allow-pending",
        "-f",
        format,
        "-o",
        "-",
      ], {
        cwd: dir,
      });
      equal(r.code, 0, r.stderr);
      outputs[format] = r.stdout;
      await checkGolden(`${format}.csv`, r.stdout);
    }
    for (const template of ["banner", "workday", "peoplesoft"]) {
      await Deno.writeTextFile(
        `${dir}/${template}.yaml`,
        journalTestConfig(dir, `  template: ${template}\n`),
      );
      const r = await runCli(
        [
          "export-journal",
          "-p",
          "2025-01",
          "--allow-pending",
          "-f",
          "template",
          "-o",
          "-",
          "-c",
          `${template}.yaml`,
        ],
        { cwd: dir },
      );
      equal(r.code, 0, r.stderr);
      outputs[template] = r.stdout;
      await checkGolden(`template_${template}.csv`, r.stdout);
    }
    // -f really changes the output (0.4 ignored it)
    const distinct = new Set(Object.values(outputs));
    equal(distinct.size, 6);
    notEqual(outputs.detail, outputs.gl);
  } finally {
    await cleanup();
  }
});

Deno.test("journal golden: --include-pending marks pending charges; ; and CRLF", async () => {
  const { dir, cleanup } = await tempWorkspace("oc-journal-golden-");
  try {
    seedCharges(`${dir}/db.sqlite`, JOURNAL_DATASET);
    await Deno.writeTextFile(
      `${dir}/config.yaml`,
      journalTestConfig(dir, '  delimiter: ";"\n  line_ending: crlf\n'),
    );
    const detail = await runCli(
      ["export-journal", "-p", "2025-01", "-f", "detail", "--include-pending", "-o", "-"],
      { cwd: dir },
    );
    equal(detail.code, 0, detail.stderr);
    await checkGolden("detail_pending_semicolon_crlf.csv", detail.stdout);
    const gl = await runCli(
      ["export-journal", "-p", "2025-01", "-f", "gl", "--include-pending", "-o", "-"],
      { cwd: dir },
    );
    equal(gl.code, 0, gl.stderr);
    await checkGolden("gl_pending_semicolon_crlf.csv", gl.stdout);
    // every line ends with CRLF, none with a bare LF (the quoted newline inside a value aside)
    equal(gl.stdout.split("\r\n").length - 1, 10);
    equal(gl.stdout.replaceAll("\r\n", "").includes("\n"), false);
  } finally {
    await cleanup();
  }
});
