/**
 * Regenerate sample_data/outputs/: run the demo into a temporary folder with
 * the clock pinned, then keep what a new user wants to look at: both GL
 * journals, a few statements (a Unicode name, a credit, a 100 % subsidy) and
 * their emails, and the demo's console transcript.
 *
 *   deno run -A scripts/make_sample_outputs.ts
 */

import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const OUT = `${ROOT}sample_data/outputs`;
const KEEP_PIS = ["lukasz.dvorak", "jose.nunez", "elena.petrovic"];
const PERIOD = "2026-10";

async function main(): Promise<void> {
  const tmp = await Deno.makeTempDir({ prefix: "oc-sample-outputs-" });
  try {
    const demo = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", `${ROOT}scripts/demo.ts`, `${tmp}/demo`],
      env: { NO_COLOR: "1", OPENCHARGEBACK_NOW: "2026-11-03T09:00:00Z" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const transcript = new TextDecoder().decode(demo.stdout).replaceAll(tmp, "<demo-parent>")
      .replaceAll(ROOT, "<repo>/");
    if (!demo.success) {
      console.error(new TextDecoder().decode(demo.stderr));
      Deno.exit(1);
    }
    await Deno.remove(OUT, { recursive: true }).catch(() => {});
    for (const d of ["journals", "statements", "emails"]) {
      await Deno.mkdir(`${OUT}/${d}`, { recursive: true });
    }
    const out = `${tmp}/demo/instance/output`;
    for (const e of Deno.readDirSync(`${out}/journals`)) {
      await Deno.copyFile(`${out}/journals/${e.name}`, `${OUT}/journals/${e.name}`);
    }
    for (const e of Deno.readDirSync(`${out}/pdfs/${PERIOD}`)) {
      if (KEEP_PIS.some((p) => e.name.includes(`_${p}_`))) {
        await Deno.copyFile(`${out}/pdfs/${PERIOD}/${e.name}`, `${OUT}/statements/${e.name}`);
      }
    }
    for (const e of Deno.readDirSync(`${out}/emails/${PERIOD}`)) {
      if (KEEP_PIS.some((p) => e.name.startsWith(`${p}_`))) {
        await Deno.copyFile(`${out}/emails/${PERIOD}/${e.name}`, `${OUT}/emails/${e.name}`);
      }
    }
    await Deno.writeTextFile(`${OUT}/demo-transcript.txt`, transcript);
    await renderStatementImage(`${OUT}/statements`);
    await Deno.writeTextFile(
      `${OUT}/README.md`,
      `# What the demo produces

Made by \`deno run -A scripts/make_sample_outputs.ts\`, which runs \`deno task demo\` with the
clock pinned to 2026-11-03 09:00 UTC and keeps a representative part of its output:

- \`journals/\`: the GL journals of 2026-09 and 2026-10 (\`export-journal -f gl\`), balanced.
- \`statements/\`: ${PERIOD} statements of ${KEEP_PIS.join(", ")} (a Unicode name, several
  services with list price and subsidy, a fully subsidised project).
- \`emails/\`: the dev-mode emails (.eml, open them in a mail client) sent to those PIs, with the
  statements attached.
- \`demo-transcript.txt\`: everything the demo printed.

\`deno task demo\` writes the complete set (every statement and email of both months) to ./demo.
`,
    );
    console.log(`sample outputs written to ${OUT}`);
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
}

/** docs/images/statement-page1.png: page 1 of the Unicode-name statement, via pdftoppm. */
async function renderStatementImage(dir: string): Promise<void> {
  const pdf = [...Deno.readDirSync(dir)].find((e) => e.name.includes("lukasz.dvorak"));
  if (!pdf) return;
  try {
    await Deno.mkdir(`${ROOT}docs/images`, { recursive: true });
    const r = await new Deno.Command("pdftoppm", {
      args: [
        "-png",
        "-r",
        "80",
        "-f",
        "1",
        "-l",
        "1",
        "-singlefile",
        `${dir}/${pdf.name}`,
        `${ROOT}docs/images/statement-page1`,
      ],
    }).output();
    if (!r.success) console.error("pdftoppm failed; docs/images/statement-page1.png not updated");
  } catch {
    console.error(
      "pdftoppm (poppler-utils) not installed; docs/images/statement-page1.png not updated",
    );
  }
}

if (import.meta.main) await main();
