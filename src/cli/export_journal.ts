/** Placeholder: this command is built by its issue. */

import type { Command } from "commander";

export function register(program: Command): void {
  program.command("export-journal").description("not built yet").action(() => {
    console.error("this command is not built yet");
    Deno.exitCode = 1;
  });
}
