/**
 * Issue 19, item 7: every command and subcommand's --help has an "Examples:"
 * section. Walks the program's command list (main.ts COMMANDS, as `--help`
 * lists them) and each command's subcommands, running the real CLI.
 */

import { deepEqual } from "node:assert/strict";
import { collectHelp } from "../scripts/docs_gen/cli_reference.ts";

Deno.test("cli help: every command and subcommand shows Examples:", async () => {
  const pages = await collectHelp();
  const missing = pages
    .filter((p) => !/\nExamples:\n {2}\S/.test(p.text))
    .map((p) => ["openchargeback", ...p.command].join(" "));
  deepEqual(missing, [], `no "Examples:" in the --help of: ${missing.join(", ")}`);
  // the walk reached the subcommands too (e.g. statements send, users add)
  const names = new Set(pages.map((p) => p.command.join(" ")));
  for (
    const c of ["statements send", "statements list", "journal list", "users add", "config show"]
  ) {
    deepEqual(names.has(c), true, c);
  }
});
