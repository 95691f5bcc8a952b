/**
 * Generate docs/cli-reference.md (from every command's --help) and
 * docs/configuration.md (from the zod config schema). Idempotent: files are
 * rewritten only when their content changes.
 *
 *   deno run -A scripts/gen_docs.ts           write the files
 *   deno run -A scripts/gen_docs.ts --check   exit 1 when a file is out of date
 *   deno run -A scripts/gen_docs.ts --only config|cli
 */

import { fileURLToPath } from "node:url";
import { collectHelp, renderCliReferenceMd } from "./docs_gen/cli_reference.ts";
import { renderConfigurationMd } from "./docs_gen/config_reference.ts";

const DOCS = fileURLToPath(new URL("../docs/", import.meta.url));

/** The generated documents: file name -> text. */
export async function generatedDocs(only?: "config" | "cli"): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (only !== "cli") out.set("configuration.md", renderConfigurationMd());
  if (only !== "config") out.set("cli-reference.md", renderCliReferenceMd(await collectHelp()));
  return out;
}

async function readOrEmpty(path: string): Promise<string> {
  try {
    return await Deno.readTextFile(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return "";
    throw e;
  }
}

if (import.meta.main) {
  const check = Deno.args.includes("--check");
  const i = Deno.args.indexOf("--only");
  const only = i >= 0 ? Deno.args[i + 1] as "config" | "cli" : undefined;
  const stale: string[] = [];
  for (const [name, text] of await generatedDocs(only)) {
    const path = `${DOCS}${name}`;
    if ((await readOrEmpty(path)) === text) continue;
    stale.push(`docs/${name}`);
    if (!check) await Deno.writeTextFile(path, text);
  }
  if (check && stale.length) {
    console.error(
      `out of date: ${
        stale.join(", ")
      }. Run \`deno run -A scripts/gen_docs.ts\` and commit the result.`,
    );
    Deno.exit(1);
  }
  console.log(stale.length ? `updated ${stale.join(", ")}` : "docs are up to date");
}
