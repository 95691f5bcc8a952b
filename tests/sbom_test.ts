/**
 * `deno task sbom` (scripts/sbom.ts): a CycloneDX 1.6 SBOM of the bundle.
 * Checked here: the fields CycloneDX 1.6 requires (and the ones we promise:
 * type, name, version, purl, hashes, licences per npm component), that the npm
 * components are exactly the lockfile packages whose code is in the bundle and
 * that main.ts reaches (worked out here on its own: module graph + the bundle's
 * module paths), none test-only, every hash the lockfile's, and that two runs
 * give byte-identical output.
 */

import { deepEqual, equal, match, ok } from "node:assert/strict";
import { REPO_ROOT, tempWorkspace } from "./cli_harness.ts";

async function deno(args: string[]): Promise<string> {
  const out = await new Deno.Command(Deno.execPath(), { args, cwd: REPO_ROOT, stderr: "piped" })
    .output();
  equal(out.code, 0, new TextDecoder().decode(out.stderr));
  return new TextDecoder().decode(out.stdout);
}

interface Component {
  type: string;
  name: string;
  version: string;
  purl: string;
  "bom-ref": string;
  hashes?: { alg: string; content: string }[];
  licenses?: Record<string, unknown>[];
}

/** Lockfile keys (name@version) of npm packages main.ts reaches whose files the bundle names. */
async function expectedPackages(bundle: string): Promise<Map<string, string>> {
  const info = JSON.parse(await deno(["info", "--json", "main.ts"])) as {
    modules: { kind?: string; npmPackage?: string }[];
    npmPackages: Record<string, { name: string; version: string; dependencies: string[] }>;
  };
  const reached = new Set<string>();
  const todo = info.modules.filter((m) => m.kind === "npm").map((m) => m.npmPackage!);
  for (let k = todo.pop(); k !== undefined; k = todo.pop()) {
    if (reached.has(k)) continue;
    reached.add(k);
    todo.push(...info.npmPackages[k].dependencies);
  }
  const code = await Deno.readTextFile(bundle);
  const out = new Map<string, string>(); // "name@version" -> lock key
  for (const k of reached) {
    const { name, version } = info.npmPackages[k];
    if (code.includes(`node_modules/.deno/${name.replace("/", "+")}@${version}/`)) {
      out.set(`${name}@${version}`, k);
    }
  }
  return out;
}

Deno.test("sbom: CycloneDX 1.6, exactly the npm packages in the bundle, byte-identical runs", async () => {
  const { dir, cleanup } = await tempWorkspace("oc-sbom-test-");
  try {
    await deno(["run", "-A", "scripts/build.ts", "bundle", "--out", dir]);
    const bundle = `${dir}/openchargeback.js`;
    // run 1 builds its own bundle, run 2 reads ours: the same bytes
    await deno(["run", "-A", "scripts/sbom.ts", "--out", `${dir}/a.json`]);
    await deno(["run", "-A", "scripts/sbom.ts", "--bundle", bundle, "--out", `${dir}/b.json`]);
    const a = await Deno.readFile(`${dir}/a.json`);
    deepEqual(await Deno.readFile(`${dir}/b.json`), a, "two runs differ");
    const bom = JSON.parse(new TextDecoder().decode(a));

    // CycloneDX 1.6 required fields, and ours
    equal(bom.bomFormat, "CycloneDX");
    equal(bom.specVersion, "1.6");
    equal(bom.version, 1);
    match(
      bom.serialNumber,
      /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    equal(bom.metadata.component.name, "openchargeback");
    equal("timestamp" in bom.metadata, false);
    const components = bom.components as Component[];
    const refs = new Set(components.map((c) => c["bom-ref"]));
    equal(refs.size, components.length, "bom-refs are unique");
    for (const d of bom.dependencies as { ref: string; dependsOn: string[] }[]) {
      ok(d.ref === bom.metadata.component["bom-ref"] || refs.has(d.ref), d.ref);
      for (const x of d.dependsOn) ok(refs.has(x), `${d.ref} -> ${x}`);
    }

    // Deno is the runtime
    const runtime = components.filter((c) => c.type === "platform");
    deepEqual(runtime.map((c) => [c.name, c.version]), [["deno", Deno.version.deno]]);

    // the npm components: exactly the lockfile packages in the bundle
    const lock = JSON.parse(await Deno.readTextFile(`${REPO_ROOT}deno.lock`)) as {
      npm: Record<string, { integrity: string }>;
    };
    const npm = components.filter((c) => c.type === "library");
    const expected = await expectedPackages(bundle);
    deepEqual(npm.map((c) => `${c.name}@${c.version}`).sort(), [...expected.keys()].sort());
    for (const c of npm) {
      const key = expected.get(`${c.name}@${c.version}`)!;
      const scoped = c.name.startsWith("@") ? `%40${c.name.slice(1)}` : c.name;
      equal(c.purl, `pkg:npm/${scoped}@${c.version}`);
      const integrity = lock.npm[key].integrity;
      const hex = [...atob(integrity.replace(/^sha512-/, ""))]
        .map((ch) => ch.charCodeAt(0).toString(16).padStart(2, "0")).join("");
      deepEqual(c.hashes, [{ alg: "SHA-512", content: hex }], c.name);
      equal(c.licenses?.length, 1, `${c.name} has a licence`);
    }
    const names = new Set(npm.map((c) => c.name));
    // what src/ imports is there; test-only and type-only packages are not
    for (
      const n of [
        "bcryptjs",
        "commander",
        "hono",
        "htmx.org",
        "jspdf",
        "jspdf-autotable",
        "liquidjs",
        "nodemailer",
        "yaml",
        "zod",
      ]
    ) ok(names.has(n), `${n} missing`);
    for (const n of ["smtp-server", "playwright-core", "pdfjs-dist", "papaparse"]) {
      equal(names.has(n), false, `${n} is test-only`);
    }
    equal([...names].some((n) => n.startsWith("@types/")), false);
    const licence = (n: string) => npm.find((c) => c.name === n)?.licenses;
    deepEqual(licence("hono"), [{ license: { id: "MIT" } }]);
    deepEqual(licence("yaml"), [{ license: { id: "ISC" } }]);
  } finally {
    await cleanup();
  }
});
