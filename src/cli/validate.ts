/** `openchargeback validate FILE...`: a FOCUS conformance report without importing. */

import { type Command, InvalidArgumentError, Option } from "commander";
import { fileFromPath } from "../ingest/ingest_file.ts";
import {
  DEFAULT_MAX_EXAMPLES,
  formatValidationReport,
  SELECTABLE_VERSIONS,
  type SelectableVersion,
  validateFiles,
} from "../validate/mod.ts";
import { printJson } from "./command_kit.ts";

interface ValidateCliOptions {
  version?: SelectableVersion;
  json?: boolean;
  maxExamples: number;
}

/** Parse --max-examples: a whole number from 0 to 1000 (a usage error otherwise). */
function maxExamples(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0 || n > 1000) {
    throw new InvalidArgumentError("expected a whole number from 0 to 1000.");
  }
  return n;
}

export function register(program: Command): void {
  program.command("validate")
    .description(
      "check FOCUS CSV files for conformance without importing; exit 1 when a MUST rule fails",
    )
    .argument("<files...>", "FOCUS CSV files (plain or gzip)")
    .addOption(
      new Option("--version <version>", "check against this FOCUS version (default: detected)")
        .choices([...SELECTABLE_VERSIONS]),
    )
    .option("--json", "print one JSON document")
    .option(
      "--max-examples <n>",
      "example lines shown per rule",
      maxExamples,
      DEFAULT_MAX_EXAMPLES,
    )
    .option("--verbose", "print more detail on errors")
    .addHelpText(
      "after",
      "\nExamples:\n  openchargeback validate aws_2025-01.csv\n" +
        "  openchargeback validate export.csv.gz --version 1.2 --json --max-examples 20",
    )
    .action(async (files: string[], opts: ValidateCliOptions) => {
      const report = await validateFiles(files.map((f) => fileFromPath(f)), {
        version: opts.version,
        maxExamples: opts.maxExamples,
      });
      if (opts.json) printJson(report);
      else console.log(formatValidationReport(report));
      if (!report.conformant) Deno.exitCode = 1;
    });
}
