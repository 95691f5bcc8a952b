/**
 * Write the sample data of the fictional Northfield University (two months of
 * AWS, Azure, GCP, HPC and storage FOCUS files, README.md and expected.json)
 * into sample_data/ or the folder given with --out. Deterministic: a fixed
 * seed per file and fixed dates, so two runs give byte-identical files.
 *
 *   deno run -A scripts/make_sample_data.ts [--out DIR]
 */

import { fileURLToPath } from "node:url";
import { awsExport } from "./sample_data/aws.ts";
import { azureExport } from "./sample_data/azure.ts";
import { gcpExport } from "./sample_data/gcp.ts";
import { hpcExport, storageExport } from "./sample_data/onprem.ts";
import { type Rng, seededRng } from "./sample_data/prng.ts";
import { renderReadme } from "./sample_data/readme.ts";
import { renderCsv, type SampleFile } from "./sample_data/sample_file.ts";
import { summarise } from "./sample_data/summary.ts";

/** The seed of the sample data. */
export const SAMPLE_SEED = 20260901;
/** The months generated. */
export const SAMPLE_PERIODS = ["2026-09", "2026-10"];

const GENERATORS: [string, (period: string, rng: Rng) => SampleFile][] = [
  ["aws", awsExport],
  ["azure", azureExport],
  ["gcp", gcpExport],
  ["hpc", hpcExport],
  ["storage", storageExport],
];

function seedOf(name: string): number {
  let h = SAMPLE_SEED;
  for (const ch of name) h = (Math.imul(h, 31) + ch.charCodeAt(0)) >>> 0;
  return h;
}

/** Every sample file, in a fixed order. */
export function sampleFiles(): SampleFile[] {
  return SAMPLE_PERIODS.flatMap((period) =>
    GENERATORS.map(([name, gen]) => gen(period, seededRng(seedOf(`${name}_${period}`))))
  );
}

/** File name -> text of everything the script writes. */
export function sampleOutputs(): Map<string, string> {
  const files = sampleFiles();
  const summary = summarise(files);
  const out = new Map<string, string>();
  for (const f of files) out.set(f.name, renderCsv(f));
  out.set("README.md", renderReadme(files, summary, SAMPLE_SEED));
  out.set("expected.json", JSON.stringify(summary, null, 2) + "\n");
  return out;
}

if (import.meta.main) {
  const i = Deno.args.indexOf("--out");
  const dir = i >= 0 && Deno.args[i + 1]
    ? Deno.args[i + 1]
    : fileURLToPath(new URL("../sample_data/", import.meta.url));
  await Deno.mkdir(dir, { recursive: true });
  for (const [name, text] of sampleOutputs()) {
    await Deno.writeTextFile(`${dir}/${name}`, text);
  }
  console.log(`sample data written to ${dir}`);
}
