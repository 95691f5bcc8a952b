/** `openchargeback config check|show`: the effective configuration, secrets masked. */

import type { Command } from "commander";
import { stringify } from "yaml";
import { maskSecrets } from "../config/mod.ts";
import { type GlobalOptions, loadCliConfig, printJson, withGlobalOptions } from "./command_kit.ts";
import { countOf } from "../domain/plural.ts";

export function register(program: Command): void {
  const config = program.command("config").description("check and show the effective configuration")
    .addHelpText(
      "after",
      "\nExamples:\n  openchargeback config check -c config.yaml\n  openchargeback config show --json",
    );
  withGlobalOptions(
    config.command("check").description("validate the config file; exit 1 when it is invalid")
      .addHelpText(
        "after",
        "\nExamples:\n  openchargeback config check\n  openchargeback config check -c /etc/openchargeback/config.yaml",
      ),
  ).action((opts: GlobalOptions) => {
    const loaded = loadCliConfig(opts);
    for (const w of loaded.warnings) console.error(`warning: ${w}`);
    console.log(
      `${loaded.path ?? "built-in defaults"}: ok (${countOf(loaded.warnings.length, "warning")})`,
    );
  });
  withGlobalOptions(
    config.command("show").description(
      "print the effective config (defaults filled in, secrets masked)",
    )
      .addHelpText(
        "after",
        "\nExamples:\n  openchargeback config show\n  openchargeback config show --json",
      )
      .option("--json", "print JSON instead of YAML"),
  ).action((opts: GlobalOptions) => {
    const loaded = loadCliConfig(opts);
    const masked = maskSecrets(loaded.config);
    if (opts.json) printJson(masked);
    else {
      console.log(`# effective configuration from ${loaded.path ?? "built-in defaults"}`);
      console.log(stringify(masked));
    }
  });
}
