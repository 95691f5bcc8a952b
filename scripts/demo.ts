/**
 * `deno task demo [FOLDER]`: the first ten minutes of OpenChargeback, without
 * any config. In a fresh ./demo folder (or FOLDER): ingest the sample months,
 * show the review queue, make the review decisions, generate statements with
 * dev-mode emails, export the GL journal, and print where everything is and
 * how to open the web UI.
 */

import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { run } from "../main.ts";

const SAMPLE = fileURLToPath(new URL("../sample_data/", import.meta.url));
const MARKER = ".openchargeback-demo";
const SOURCES = ["aws", "azure", "gcp", "hpc", "storage"];
const PERIODS = ["2026-09", "2026-10"];

function banner(text: string): void {
  console.log(`\n=== ${text}`);
}

async function step(args: string[]): Promise<void> {
  console.log(`$ openchargeback ${args.join(" ")}`);
  const code = await run(args);
  if (code !== 0) {
    console.error(`demo: 'openchargeback ${args.join(" ")}' failed with exit code ${code}`);
    Deno.exit(1);
  }
}

async function prepareFolder(dir: string): Promise<void> {
  try {
    const entries = [...Deno.readDirSync(dir)];
    if (entries.length > 0 && !entries.some((e) => e.name === MARKER)) {
      console.error(
        `demo: ${dir} exists and is not a demo folder; choose another: deno task demo <folder>`,
      );
      Deno.exit(1);
    }
    await Deno.remove(dir, { recursive: true });
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  await Deno.mkdir(dir, { recursive: true });
  await Deno.writeTextFile(`${dir}/${MARKER}`, "made by deno task demo; safe to delete\n");
  await Deno.copyFile(`${SAMPLE}config.example.yaml`, `${dir}/config.yaml`);
}

/** Run the demo into `dir`. */
export async function demo(dir: string): Promise<void> {
  await prepareFolder(dir);
  Deno.chdir(dir);
  banner("1. Ingest the sample months (one delivery per source and month)");
  for (const period of PERIODS) {
    for (const source of SOURCES) {
      await step(["ingest", "--new-source", `${SAMPLE}${source}_${period}.csv`, "-s", source]);
    }
  }
  await step(["periods", "list"]);

  banner("2. The review queue: charges held for a person to look at");
  await step(["review", "list"]);

  banner(
    "3. Review: GPU work is expected, a fund/org typo was confirmed, charges without a fund are rejected",
  );
  for (const period of PERIODS) {
    await step([
      "review",
      "approve",
      "-p",
      period,
      "--reason",
      "pattern",
      "--note",
      "GPU work expected (demo)",
    ]);
    await step([
      "review",
      "approve",
      "-p",
      period,
      "--reason",
      "invalid_fund_org",
      "--note",
      "fund manager confirmed the code (demo)",
    ]);
  }
  const pending = await captureJson<{ id: number }[]>(["review", "list", "--json"]);
  if (pending.length > 0) {
    await step([
      "review",
      "reject",
      ...pending.flatMap((c) => ["--id", String(c.id)]),
      "--note",
      "no fund/org to bill (demo)",
    ]);
  }

  banner("4. Close the months, generate statements and write the emails (dev mode: .eml files)");
  for (const period of PERIODS) {
    await step(["periods", "close", period]);
    await step(["generate", "-p", period, "--send"]);
  }

  banner("5. Export the general-ledger journals");
  for (const period of PERIODS) await step(["export-journal", "-p", period, "-f", "gl"]);

  banner("Done");
  const mainTs = fileURLToPath(new URL("../main.ts", import.meta.url));
  await step(["periods", "list"]);
  console.log(`
Everything is in ${dir}:
  database     ${dir}/instance/billing.db
  statements   ${dir}/instance/output/pdfs/<period>/*.pdf
  emails       ${dir}/instance/output/emails/ (open the .eml files in a mail client)
  journals     ${dir}/instance/output/journals/

Open the web UI (from the demo folder, so its config.yaml and database are used):
  cd ${dir} && npx -y deno@${Deno.version.deno} run -A ${mainTs} serve
  (with Deno installed: cd ${dir} && deno run -A ${mainTs} serve)
  then browse http://127.0.0.1:8000 and log in as admin / northfield-demo
`);
}

async function captureJson<T>(args: string[]): Promise<T> {
  const original = console.log;
  let out = "";
  console.log = (...parts: unknown[]) => {
    out += parts.join(" ") + "\n";
  };
  try {
    const code = await run(args);
    if (code !== 0) throw new Error(`openchargeback ${args.join(" ")} failed (${code})`);
  } finally {
    console.log = original;
  }
  return JSON.parse(out) as T;
}

if (import.meta.main) {
  await demo(resolve(Deno.args[0] ?? "demo"));
}
