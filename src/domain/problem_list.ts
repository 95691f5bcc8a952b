/**
 * Long refusals, summarised: a refusal that lists every problem (a GL journal with 1,200
 * unmapped fund/orgs) prints the first few, then one line per kind of problem with its
 * count and the one setting that fixes them all. Machine output (`--json`) keeps every line.
 */

/** One problem of a refusal, with the kind it belongs to. */
export interface Problem {
  /** The full line, as listed when there are few. */
  text: string;
  /** What this kind is, plural, e.g. "fund/orgs have no account". */
  kind: string;
  /** The same for one problem, e.g. "fund/org has no account" (default: `kind`). */
  kindOne?: string;
  /** What fixes every problem of this kind, e.g. "set journal.default_account". */
  fix: string;
}

/** Past this many problems the list is summarised. */
export const PROBLEM_LIST_LIMIT = 20;
/** How many problems a summarised list still shows in full. */
export const PROBLEM_LIST_HEAD = 10;

/**
 * The lines to print for `problems`: all of them when there are at most
 * PROBLEM_LIST_LIMIT, else the first PROBLEM_LIST_HEAD and one line per kind (most
 * frequent first, then by kind) with its count and fix.
 *
 * @example
 * ```ts
 * const many = Array.from({ length: 1200 }, (_, i) => ({
 *   text: `fund/org 'F${i}': no account.`,
 *   kind: "fund/orgs have no account",
 *   fix: "set journal.default_account",
 * }));
 * summariseProblems(many).at(-1); // "1,200 fund/orgs have no account: set journal.default_account"
 * ```
 */
export function summariseProblems(problems: readonly Problem[]): string[] {
  if (problems.length <= PROBLEM_LIST_LIMIT) return problems.map((p) => p.text);
  const kinds = new Map<string, { kind: string; one: string; fix: string; count: number }>();
  for (const p of problems) {
    const key = `${p.kind}\u0000${p.fix}`;
    const k = kinds.get(key) ?? { kind: p.kind, one: p.kindOne ?? p.kind, fix: p.fix, count: 0 };
    k.count++;
    kinds.set(key, k);
  }
  const byCount = [...kinds.values()].sort((a, b) =>
    b.count - a.count || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0)
  );
  const shown = PROBLEM_LIST_HEAD;
  return [
    ...problems.slice(0, shown).map((p) => p.text),
    `... ${(problems.length - shown).toLocaleString("en-US")} more; all ${
      problems.length.toLocaleString("en-US")
    } by kind:`,
    ...byCount.map((k) =>
      `${k.count.toLocaleString("en-US")} ${k.count === 1 ? k.one : k.kind}: ${k.fix}`
    ),
  ];
}
