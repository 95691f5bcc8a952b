/**
 * `pis import` keeps every email with one PI, as the web directory does: an
 * alias already another PI's email or alias (in the directory or the same
 * file) is refused with its file and line, and nothing is imported; a PI of
 * the file may hand its own old alias to another PI of the file.
 */

import { deepEqual, equal, match } from "node:assert/strict";
import { runCli, tempWorkspace } from "./cli_harness.ts";

Deno.test("pis import: an alias of another PI is refused with file:line; nothing imported", async () => {
  const { dir, cleanup } = await tempWorkspace("oc-pis-");
  try {
    await Deno.writeTextFile(
      `${dir}/config.yaml`,
      `database:\n  path: ${dir}/billing.db\noutput:\n  pdf_dir: ${dir}/pdfs\n  journal_dir: ${dir}/j\n  email_dir: ${dir}/e\n`,
    );
    const run = (args: string[]) => runCli([...args, "-c", "config.yaml"], { cwd: dir });
    const head = "email,name,department,aliases\n";
    await Deno.writeTextFile(
      `${dir}/a.csv`,
      `${head}ann@uni.edu,Ann,Chem,a.lee@uni.edu;ann@old.edu\n`,
    );
    let r = await run(["pis", "import", "a.csv"]);
    equal(r.code, 0, r.stderr);

    await Deno.writeTextFile(
      `${dir}/b.csv`,
      `${head}bob@uni.edu,Bob,Bio,\ncat@uni.edu,Cat,Bio,a.lee@uni.edu\n`,
    );
    r = await run(["pis", "import", "b.csv"]);
    equal(r.code, 1);
    match(
      r.stderr,
      /b\.csv:3: alias a\.lee@uni\.edu of cat@uni\.edu is already an email of PI ann@uni\.edu\./,
    );
    await Deno.writeTextFile(`${dir}/c.csv`, `${head}ann@old.edu,Ann again,Chem,\n`);
    r = await run(["pis", "import", "c.csv"]);
    equal(r.code, 1);
    match(r.stderr, /c\.csv:2: ann@old\.edu is an alias of PI ann@uni\.edu\./);
    await Deno.writeTextFile(
      `${dir}/d.csv`,
      `${head}bob@uni.edu,Bob,Bio,b@x.edu\ncat@uni.edu,Cat,Bio,b@x.edu\n`,
    );
    r = await run(["pis", "import", "d.csv"]);
    equal(r.code, 1);
    match(
      r.stderr,
      /d\.csv:3: alias b@x\.edu of cat@uni\.edu is already an email of PI bob@uni\.edu\./,
    );
    r = await run(["pis", "list", "--json"]);
    deepEqual(r.json<{ email: string }[]>().map((p) => p.email), ["ann@uni.edu"]);

    // Ann (in the file) gives ann@old.edu up; Bob takes it in the same file
    await Deno.writeTextFile(
      `${dir}/e.csv`,
      `${head}ann@uni.edu,Ann,Chem,a.lee@uni.edu\nbob@uni.edu,Bob,Bio,ann@old.edu\n`,
    );
    r = await run(["pis", "import", "e.csv"]);
    equal(r.code, 0, r.stderr);
    r = await run(["pis", "list", "--json"]);
    deepEqual(r.json<{ email: string; aliases: string[] }[]>().map((p) => [p.email, p.aliases]), [
      ["ann@uni.edu", ["a.lee@uni.edu"]],
      ["bob@uni.edu", ["ann@old.edu"]],
    ]);
  } finally {
    await cleanup();
  }
});
