/**
 * The layering of src/, checked on the source text: every relative import of
 * every module (tests left out) is resolved to its folder, and
 * - nothing imports upward (cli -> web -> capabilities -> app_context ->
 *   storage -> config/focus -> domain), and cli/ and web/ never reach storage/;
 * - the capability folders import each other without a circle;
 * - SQL is written only in src/storage/;
 * - the audit log is written only through audit(ctx, action, details)
 *   (src/audit/audit.ts), and only read by its reader (storage/audit_repo.ts
 *   listAudit, audit/ listAuditEntries) serves `audit list` and the audit
 *   page, and no other code reads the table to decide anything.
 */

import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";

const ROOT = normalize(join(dirname(new URL(import.meta.url).pathname), ".."));
const SRC = join(ROOT, "src");

/** Every module of src/ (not tests), as paths relative to the repository. */
function modules(dir = SRC): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...modules(p));
    else if (/\.tsx?$/.test(name) && !/_test\.tsx?$/.test(name)) out.push(relative(ROOT, p));
  }
  return out;
}

/** The text without comments (strings with "//" lose their tail: only misses, never a false hit). */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`])\/\/.*$/gm, "$1");
}

const IMPORT =
  /(?:^|[\s;])(?:import|export)\s[^;]*?\bfrom\s*["']([^"']+)["']|\bimport\s*\(\s*["']([^"']+)["']\s*\)|^\s*import\s*["']([^"']+)["']/gm;

/** The relative imports of a module, resolved to repository paths. */
export function importsOf(file: string, text: string): string[] {
  const out: string[] = [];
  for (const m of withoutComments(text).matchAll(IMPORT)) {
    const spec = m[1] ?? m[2] ?? m[3];
    if (spec.startsWith(".")) out.push(normalize(join(dirname(file), spec)));
  }
  return out;
}

/** The folder of a module: `src/<folder>/...` gives the folder, a file of src/ itself its name. */
function unitOf(path: string): string {
  const parts = relative("src", path).split("/");
  return parts.length > 1 ? parts[0] : parts[0].replace(/\.tsx?$/, "");
}

/** Layer ranks: a module may import its own rank or lower, never higher. */
const RANK: Record<string, number> = {
  domain: 0,
  build_info: 0,
  config: 1,
  focus: 1,
  storage: 2,
  app_context: 3,
  version: 3,
  web: 5,
  cli: 6,
};
/** Everything else under src/ is a capability folder. */
const CAPABILITY_RANK = 4;
const rankOf = (unit: string) => RANK[unit] ?? CAPABILITY_RANK;
const isCapability = (unit: string) => !(unit in RANK);

interface Edge {
  from: string;
  to: string;
}

function allEdges(): Edge[] {
  const edges: Edge[] = [];
  for (const file of modules()) {
    for (const to of importsOf(file, readFileSync(join(ROOT, file), "utf8"))) {
      edges.push({ from: file, to });
    }
  }
  return edges;
}

/** Layering problems: upward imports, and cli/web reaching storage. */
export function layeringProblems(edges: readonly Edge[]): string[] {
  const problems: string[] = [];
  for (const e of edges) {
    const a = unitOf(e.from);
    const b = unitOf(e.to);
    if (!/\.tsx?$/.test(e.to)) continue; // assets (templates, fonts, CSS) imported as text or bytes
    if (!e.to.startsWith("src/")) {
      problems.push(`${e.from} imports ${e.to}, outside src/`);
    } else if (rankOf(b) > rankOf(a)) {
      problems.push(`${e.from} imports upward: ${e.to} (${a} may not import ${b})`);
    } else if ((a === "cli" || a === "web") && b === "storage") {
      problems.push(`${e.from} reaches storage directly: ${e.to} (call a capability service)`);
    } else if (a === "domain" && b !== "domain") {
      problems.push(`${e.from}: domain imports nothing of ours, but imports ${e.to}`);
    }
  }
  return problems;
}

/** The circles between capability folders, each as "a -> b -> a" with one import per step. */
export function capabilityCircles(edges: readonly Edge[]): string[] {
  const graph = new Map<string, Map<string, Edge>>();
  for (const e of edges) {
    const a = unitOf(e.from);
    const b = unitOf(e.to);
    if (a === b || !isCapability(a) || !isCapability(b)) continue;
    if (!graph.has(a)) graph.set(a, new Map());
    if (!graph.get(a)!.has(b)) graph.get(a)!.set(b, e);
  }
  // Tarjan's strongly connected components; a component of 2+ folders holds a circle
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1) components.push(comp.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!idx.has(v)) visit(v);
  return components.map((comp) => {
    const inComp = new Set(comp);
    // one circle through the component: walk from its first folder back to it
    const path = [comp[0]];
    const seen = new Set(path);
    const walk = (v: string): boolean => {
      for (const w of graph.get(v)?.keys() ?? []) {
        if (!inComp.has(w)) continue;
        if (w === comp[0]) return path.push(w), true;
        if (seen.has(w)) continue;
        seen.add(w);
        path.push(w);
        if (walk(w)) return true;
        path.pop();
      }
      return false;
    };
    walk(comp[0]);
    const steps = path.slice(1).map((to, i) => graph.get(path[i])!.get(to)!);
    return `${path.join(" -> ")} (${steps.map((e) => `${e.from} imports ${e.to}`).join("; ")})`;
  });
}

/** SQL statements written in TypeScript (comments left out). */
const SQL =
  /\bSELECT\s+(?:DISTINCT\s+)?[\w*(]|\bINSERT\s+(?:OR\s+\w+\s+)?INTO\b|\bUPDATE\s+\w+\s+SET\b|\bDELETE\s+FROM\b|\b(?:CREATE|DROP)\s+(?:TABLE|INDEX|TRIGGER|VIEW)\b|\bPRAGMA\s+\w|\bVACUUM\b|\bBEGIN\s+IMMEDIATE\b/;

/** Lines of SQL outside src/storage/, as "file:line: text". */
export function sqlOutsideStorage(files: readonly { path: string; text: string }[]): string[] {
  const out: string[] = [];
  for (const f of files) {
    if (f.path.startsWith("src/storage/")) continue;
    withoutComments(f.text).split("\n").forEach((line, i) => {
      if (SQL.test(line)) out.push(`${f.path}:${i + 1}: ${line.trim()}`);
    });
  }
  return out;
}

/** Who may read the audit log: the reader itself, and the two views of it. */
const AUDIT_READERS: Record<string, (path: string) => boolean> = {
  // SQL reading the table
  "FROM audit_log|JOIN audit_log": (p) => p === "src/storage/audit_repo.ts",
  // the storage reader
  "listAudit": (p) => p === "src/storage/audit_repo.ts" || p.startsWith("src/audit/"),
  // the service of `audit list` and the audit page
  "listAuditEntries": (p) =>
    p.startsWith("src/audit/") || p === "src/cli/audit.ts" || p === "src/web/pages/audit_page.tsx",
  // writing: only through the typed audit(ctx, action, details) of src/audit/audit.ts
  "appendAudit|INTO audit_log": (p) =>
    p === "src/storage/audit_repo.ts" || p === "src/audit/audit.ts",
};

/** Reads of the audit log outside its reader, as "file:line: text". */
export function auditReads(files: readonly { path: string; text: string }[]): string[] {
  const out: string[] = [];
  for (const [pattern, allowed] of Object.entries(AUDIT_READERS)) {
    const re = new RegExp(`\\b(?:${pattern})\\b`);
    for (const f of files) {
      if (allowed(f.path)) continue;
      withoutComments(f.text).split("\n").forEach((line, i) => {
        if (re.test(line)) out.push(`${f.path}:${i + 1}: ${line.trim()}`);
      });
    }
  }
  return out;
}

Deno.test("architecture: nothing in src/ imports upward, and cli/ and web/ never reach storage/", () => {
  const edges = allEdges();
  assert.ok(edges.length > 300, `only ${edges.length} imports found: the walk is broken`);
  assert.deepEqual(layeringProblems(edges), []);
});

Deno.test("architecture: no import circle between capability folders", () => {
  assert.deepEqual(capabilityCircles(allEdges()), []);
});

Deno.test("architecture: no SQL outside src/storage/", () => {
  const files = modules().map((path) => ({ path, text: readFileSync(join(ROOT, path), "utf8") }));
  assert.deepEqual(sqlOutsideStorage(files), []);
});

Deno.test("architecture: the audit log is written through audit(), read only by audit list and its page", () => {
  const files = modules().map((path) => ({ path, text: readFileSync(join(ROOT, path), "utf8") }));
  assert.deepEqual(auditReads(files), []);
  assert.ok(files.some((f) => f.path === "src/cli/audit.ts" && /listAuditEntries/.test(f.text)));
});

Deno.test("architecture: the checks find what they look for", () => {
  assert.deepEqual(
    auditReads([
      {
        path: "src/storage/delivery_recheck_repo.ts",
        text: "(SELECT a.details FROM audit_log a WHERE a.action = 'import')",
      },
      {
        path: "src/imports/refused.ts",
        text: 'import { listAuditEntries } from "../audit/mod.ts";',
      },
      { path: "src/web/pages/audit_page.tsx", text: "listAuditEntries(app, q)" },
      { path: "src/storage/audit_repo.ts", text: "SELECT * FROM audit_log" },
      { path: "src/review/x.ts", text: "appendAudit(ctx.db, { action: 'x' })" },
    ]),
    [
      "src/storage/delivery_recheck_repo.ts:1: (SELECT a.details FROM audit_log a WHERE a.action = 'import')",
      'src/imports/refused.ts:1: import { listAuditEntries } from "../audit/mod.ts";',
      "src/review/x.ts:1: appendAudit(ctx.db, { action: 'x' })",
    ],
  );
  const e = (from: string, to: string) => ({ from, to });
  assert.deepEqual(layeringProblems([e("src/storage/a.ts", "src/review/b.ts")]), [
    "src/storage/a.ts imports upward: src/review/b.ts (storage may not import review)",
  ]);
  assert.deepEqual(layeringProblems([e("src/web/pages/p.tsx", "src/storage/mod.ts")]), [
    "src/web/pages/p.tsx reaches storage directly: src/storage/mod.ts (call a capability service)",
  ]);
  assert.equal(layeringProblems([e("src/review/a.ts", "src/domain/money.ts")]).length, 0);
  assert.deepEqual(
    capabilityCircles([
      e("src/charges/a.ts", "src/review/mod.ts"),
      e("src/review/b.ts", "src/periods/mod.ts"),
      e("src/periods/c.ts", "src/charges/mod.ts"),
      e("src/journal/d.ts", "src/charges/mod.ts"),
    ]),
    [
      "charges -> review -> periods -> charges (src/charges/a.ts imports src/review/mod.ts; " +
      "src/review/b.ts imports src/periods/mod.ts; src/periods/c.ts imports src/charges/mod.ts)",
    ],
  );
  assert.deepEqual(
    importsOf(
      "src/a/x.ts",
      'import { y } from "../b/y.ts";\nexport * from "./z.ts";\n// import { q } from "../q.ts";\nconst m = await import("../c/m.ts");\n',
    ),
    ["src/b/y.ts", "src/a/z.ts", "src/c/m.ts"],
  );
  assert.deepEqual(
    sqlOutsideStorage([
      {
        path: "src/review/a.ts",
        text: 'db.all("SELECT id FROM charges");\n// SELECT in a comment\n',
      },
      { path: "src/storage/b.ts", text: 'db.run("DELETE FROM charges");' },
      { path: "src/web/c.tsx", text: "<p>Select a period to update the set</p>" },
    ]),
    ['src/review/a.ts:1: db.all("SELECT id FROM charges");'],
  );
});
