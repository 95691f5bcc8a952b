/**
 * Where the conformance suite finds the third-party fixtures: ../shared/fixtures
 * beside the clone (never copied into the repository). `deno task test:conformance`
 * refuses to run without it (scripts/test_conformance.ts).
 */

import { fileURLToPath as fromFileUrl } from "node:url";

/** Absolute path of ../shared/fixtures/. */
export const FIXTURES = fromFileUrl(new URL("../../../shared/fixtures/", import.meta.url));
/** The OpenChargeback 0.4 sample inputs. */
export const OC04 = `${FIXTURES}openchargeback-0.4/`;
/** The realdata/ set (SOURCES.md there gives provenance and quirks). */
export const REALDATA = `${FIXTURES}realdata/`;

/** The 0.4 example config with its database and outputs inside `dir`, written to dir/config.yaml. */
export async function writeOc04Config(dir: string, extra = ""): Promise<string> {
  const base = await Deno.readTextFile(`${OC04}config.example.yaml`);
  const text = base.replaceAll("./instance/", `${dir}/instance/`) + "\n" + extra;
  const path = `${dir}/config.yaml`;
  await Deno.writeTextFile(path, text);
  return path;
}
