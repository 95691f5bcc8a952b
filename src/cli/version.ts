/** `openchargeback version [--json]`: version, build stamp, FOCUS and schema versions. */

import type { Command } from "commander";
import { formatVersionText, versionInfo } from "../version.ts";

/** Register the `version` command (no config, no database). */
export function register(program: Command): void {
  program.command("version")
    .description("print version, build stamp, supported FOCUS versions and schema version")
    .option("--json", "print one JSON object")
    .addHelpText(
      "after",
      "\nExamples:\n  openchargeback version\n  openchargeback version --json",
    )
    .action((opts: { json?: boolean }) => {
      const info = versionInfo();
      if (opts.json) console.log(JSON.stringify(info, null, 2));
      else console.log(formatVersionText(info));
    });
}
