/**
 * `deno task sbom`: a CycloneDX 1.6 JSON SBOM of what the shipped program
 * contains, written to dist/openchargeback.cdx.json (or `--out FILE`, `-` for
 * stdout). It builds the bundle in a temporary folder, or reads the one given
 * with `--bundle dist/openchargeback.js`.
 *
 * Components:
 * - every npm package whose code is in the bundle (`deno task bundle`): the
 *   packages reached from main.ts in the module graph (`deno info --json`),
 *   kept when the bundle holds a module of theirs (deno bundle names each
 *   module's node_modules/.deno/<name>@<version>/ path in a comment); so
 *   test-only packages (smtp-server, playwright-core, pdfjs-dist, papaparse)
 *   and type-only ones (@types/...) are never listed. Each has name, version,
 *   purl, licence (the package's own package.json) and the SHA-512 integrity
 *   hash of deno.lock;
 * - Deno itself, the runtime (type "platform").
 *
 * Deterministic: no timestamp, components sorted, and the serial number is
 * derived from the lockfile and the component list, so the same lockfile gives
 * byte-identical output.
 */

import { fileURLToPath } from "node:url";
import { bundle } from "./build.ts";
import { VERSION } from "../src/version.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));

interface NpmPackageInfo {
  name: string;
  version: string;
  dependencies: string[];
  localPath?: string;
}

interface DenoInfo {
  modules: { kind?: string; npmPackage?: string }[];
  npmPackages: Record<string, NpmPackageInfo>;
}

/** One npm component of the SBOM, before rendering. */
export interface NpmComponent {
  /** The deno.lock key, e.g. "jspdf-autotable@5.0.9_jspdf@4.2.1". */
  key: string;
  name: string;
  version: string;
  purl: string;
  licence: string | null;
  sha512Hex: string;
  dependsOn: string[];
}

async function denoJson(args: string[]): Promise<unknown> {
  const out = await new Deno.Command(Deno.execPath(), { args, cwd: ROOT, stderr: "piped" })
    .output();
  if (!out.success) {
    throw new Error(`deno ${args.join(" ")}: ${new TextDecoder().decode(out.stderr)}`);
  }
  return JSON.parse(new TextDecoder().decode(out.stdout));
}

/** The module graph of main.ts: the npm packages it reaches, transitively (lock keys). */
export async function reachedNpmPackages(): Promise<{ keys: Set<string>; info: DenoInfo }> {
  const info = await denoJson(["info", "--json", "main.ts"]) as DenoInfo;
  const keys = new Set<string>();
  const todo = info.modules.flatMap((m) => m.kind === "npm" && m.npmPackage ? [m.npmPackage] : []);
  while (todo.length) {
    const k = todo.pop()!;
    if (keys.has(k) || !info.npmPackages[k]) continue;
    keys.add(k);
    todo.push(...info.npmPackages[k].dependencies);
  }
  return { keys, info };
}

/** The `name@version` folders of node_modules/.deno/ that the bundle text names. */
export function packagesInBundle(code: string): Set<string> {
  const found = new Set<string>();
  for (const m of code.matchAll(/node_modules\/\.deno\/([^/\s"'`]+)\/node_modules\//g)) {
    found.add(m[1]);
  }
  return found;
}

/** node_modules/.deno/ folder of a package: "@a/b" 1.0.0 -> "@a+b@1.0.0" (no peer suffix). */
function folderOf(pkg: NpmPackageInfo): string {
  return `${pkg.name.replace("/", "+")}@${pkg.version}`;
}

const SPDX_ID = /^[A-Za-z0-9.+-]+$/;

/** CycloneDX licence choice: an SPDX id, an SPDX expression, or a plain name. */
function licenceEntry(licence: string): Record<string, unknown> {
  if (SPDX_ID.test(licence)) return { license: { id: licence } };
  if (/SEE LICENSE IN/i.test(licence)) return { license: { name: licence } };
  const tokens = licence.replace(/[()]/g, " ").split(/\s+/).filter((t) => t !== "");
  const isExpression = tokens.every((t) => ["AND", "OR", "WITH"].includes(t) || SPDX_ID.test(t));
  return isExpression ? { expression: licence } : { license: { name: licence } };
}

function purlOf(name: string, version: string): string {
  const scoped = name.startsWith("@") ? `%40${name.slice(1)}` : name;
  return `pkg:npm/${scoped}@${version}`;
}

function base64ToHex(b64: string): string {
  return [...atob(b64)].map((c) => c.charCodeAt(0).toString(16).padStart(2, "0")).join("");
}

async function licenceOf(pkg: NpmPackageInfo): Promise<string | null> {
  if (!pkg.localPath) return null;
  const json = JSON.parse(await Deno.readTextFile(`${pkg.localPath}/package.json`));
  const l = json.license ?? json.licenses;
  if (typeof l === "string") return l;
  if (Array.isArray(l)) return l.map((x) => x.type ?? x).join(" OR ");
  if (l && typeof l === "object" && l.type) return l.type;
  return null;
}

/** The npm packages in the bundle at `bundlePath`, with lockfile hashes and licences. */
export async function npmComponents(bundlePath: string): Promise<NpmComponent[]> {
  const lock = JSON.parse(await Deno.readTextFile(`${ROOT}deno.lock`)) as {
    npm: Record<string, { integrity: string }>;
  };
  const { keys, info } = await reachedNpmPackages();
  const inBundle = packagesInBundle(await Deno.readTextFile(bundlePath));
  const chosen = [...keys].filter((k) => inBundle.has(folderOf(info.npmPackages[k]))).sort();
  const out: NpmComponent[] = [];
  for (const key of chosen) {
    const pkg = info.npmPackages[key];
    const integrity = lock.npm[key]?.integrity;
    if (!integrity?.startsWith("sha512-")) {
      throw new Error(`sbom: deno.lock has no sha512 integrity for ${key}`);
    }
    out.push({
      key,
      name: pkg.name,
      version: pkg.version,
      purl: purlOf(pkg.name, pkg.version),
      licence: await licenceOf(pkg),
      sha512Hex: base64ToHex(integrity.slice("sha512-".length)),
      dependsOn: pkg.dependencies.filter((d) => chosen.includes(d)).sort(),
    });
  }
  return out;
}

async function sha256Hex(text: string): Promise<string> {
  const d = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(d)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** The SBOM document text (JSON, 2-space indented, trailing newline). */
export async function renderSbom(npm: NpmComponent[]): Promise<string> {
  const deno = Deno.version.deno;
  const lockText = await Deno.readTextFile(`${ROOT}deno.lock`);
  const byKey = new Map(npm.map((c) => [c.key, c.purl]));
  const components = [
    {
      type: "platform",
      "bom-ref": `pkg:generic/deno@${deno}`,
      name: "deno",
      version: deno,
      description:
        "The Deno runtime the program runs on (deno run, or compiled in by deno compile)",
      licenses: [{ license: { id: "MIT" } }],
      purl: `pkg:generic/deno@${deno}`,
      externalReferences: [{ type: "website", url: "https://deno.com" }],
    },
    ...npm.map((c) => ({
      type: "library",
      "bom-ref": c.purl,
      name: c.name,
      version: c.version,
      purl: c.purl,
      hashes: [{ alg: "SHA-512", content: c.sha512Hex }],
      licenses: c.licence ? [licenceEntry(c.licence)] : [],
    })),
  ];
  const hash = await sha256Hex(lockText + JSON.stringify(components));
  const uuid = `${hash.slice(0, 8)}-${hash.slice(8, 12)}-5${hash.slice(13, 16)}-${
    ((parseInt(hash[16], 16) & 3) | 8).toString(16)
  }${hash.slice(17, 20)}-${hash.slice(20, 32)}`;
  const app = `pkg:generic/openchargeback@${VERSION}`;
  const doc = {
    $schema: "http://cyclonedx.org/schema/bom-1.6.schema.json",
    bomFormat: "CycloneDX",
    specVersion: "1.6",
    serialNumber: `urn:uuid:${uuid}`,
    version: 1,
    metadata: {
      tools: { components: [{ type: "application", name: "openchargeback scripts/sbom.ts" }] },
      component: {
        type: "application",
        "bom-ref": app,
        name: "openchargeback",
        version: VERSION,
        licenses: [{ license: { id: "MIT" } }],
      },
    },
    components,
    dependencies: [
      { ref: app, dependsOn: [`pkg:generic/deno@${deno}`, ...npm.map((c) => c.purl)].sort() },
      ...npm.map((c) => ({ ref: c.purl, dependsOn: c.dependsOn.map((d) => byKey.get(d)!) })),
    ],
  };
  return JSON.stringify(doc, null, 2) + "\n";
}

/** The SBOM text of `bundlePath`, or of a bundle built now in a temporary folder. */
export async function makeSbom(bundlePath?: string): Promise<string> {
  if (bundlePath) return await renderSbom(await npmComponents(bundlePath));
  const dir = await Deno.makeTempDir({ prefix: "oc-sbom-" });
  try {
    const bundlePath = await bundle(dir);
    return await renderSbom(await npmComponents(bundlePath));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

if (import.meta.main) {
  const i = Deno.args.indexOf("--out");
  const out = i >= 0 ? Deno.args[i + 1] : `${ROOT}dist/openchargeback.cdx.json`;
  const b = Deno.args.indexOf("--bundle");
  const text = await makeSbom(b >= 0 ? Deno.args[b + 1] : undefined);
  if (out === "-") {
    await Deno.stdout.write(new TextEncoder().encode(text));
  } else {
    await Deno.mkdir(out.replace(/\/[^/]*$/, "") || ".", { recursive: true });
    await Deno.writeTextFile(out, text);
    const n = (JSON.parse(text).components as unknown[]).length;
    console.log(`wrote ${out} (CycloneDX 1.6, ${n} components)`);
  }
}
