import { deepEqual, equal } from "node:assert/strict";
import { type Problem, summariseProblems } from "./problem_list.ts";

function many(n: number, kind: string, fix: string, tag: string): Problem[] {
  return Array.from({ length: n }, (_, i) => ({ text: `${tag} ${i}.`, kind, fix }));
}

Deno.test("up to 20 problems are listed in full", () => {
  const p = many(20, "fund/orgs have no account", "set journal.default_account", "F");
  deepEqual(summariseProblems(p), p.map((x) => x.text));
});

Deno.test("past 20: the first 10, then one line per kind with its count and fix", () => {
  const p = [
    ...many(2, "sources have no credit fund/org", "set imports.known_sources[].fund_org", "S"),
    ...many(1200, "fund/orgs have no account", "set journal.default_account", "F"),
  ];
  const lines = summariseProblems(p);
  equal(lines.length, 10 + 1 + 2);
  deepEqual(lines.slice(0, 3), ["S 0.", "S 1.", "F 0."]);
  equal(lines[10], "... 1,192 more; all 1,202 by kind:");
  equal(lines[11], "1,200 fund/orgs have no account: set journal.default_account");
  equal(lines[12], "2 sources have no credit fund/org: set imports.known_sources[].fund_org");
});
