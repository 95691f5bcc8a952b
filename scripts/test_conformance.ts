/**
 * `deno task test:conformance`: run tests/conformance/ against the third-party
 * fixtures in ../shared/fixtures beside the clone. Without that folder it says so
 * in one line and exits 1 (the self-contained suite is `deno task test`).
 * Extra arguments go to `deno test` (e.g. a filter: `-- --filter realdata`).
 */

import { fileURLToPath as fromFileUrl } from "node:url";

const root = fromFileUrl(new URL("../", import.meta.url));
const fixtures = fromFileUrl(new URL("../../shared/fixtures/", import.meta.url));

function isDir(path: string): boolean {
  try {
    return Deno.statSync(path).isDirectory;
  } catch {
    return false;
  }
}

if (!isDir(fixtures)) {
  console.error(
    `test:conformance: ${fixtures} not found; put the third-party fixtures in ../shared/fixtures beside the clone (see README, Development)`,
  );
  Deno.exit(1);
}

const run = new Deno.Command(Deno.execPath(), {
  args: ["test", "-A", "--parallel", ...Deno.args, "tests/conformance/"],
  cwd: root,
  stdin: "inherit",
  stdout: "inherit",
  stderr: "inherit",
});
Deno.exit((await run.output()).code);
