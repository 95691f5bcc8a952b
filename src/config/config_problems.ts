/**
 * Every problem of a config file, collected and reported at once: one line
 * each with file, line, column and key, what is wrong and what to do.
 */

import { type ErrorLocation, formatLocation, UserError } from "../domain/errors.ts";
import { dottedPath } from "./unknown_keys.ts";
import type { YamlPosition, YamlSource } from "./yaml_positions.ts";

/** One problem of the config. */
export interface ConfigProblem {
  /** The key's path in the tree (empty: the file as a whole). */
  path: readonly PropertyKey[];
  /** Point at the key itself (an unknown key) or at its value (a wrong value). */
  part: "key" | "value";
  what: string;
  fix: string;
  /** Where, when known without the path (a YAML syntax error). */
  at?: Partial<YamlPosition>;
}

/** The path of a dotted key as the checks name them: "funding.splits[0].from". */
export function keyPath(key: string): PropertyKey[] {
  return [...key.matchAll(/\[(\d+)\]|([^.[\]]+)/g)].map((m) =>
    m[1] !== undefined ? Number(m[1]) : m[2]
  );
}

/** Collects the problems of one config file; `throwIfAny` refuses it with all of them. */
export class ConfigProblems {
  readonly items: ConfigProblem[] = [];

  constructor(readonly file: string, readonly source?: YamlSource) {}

  add(p: ConfigProblem): void {
    this.items.push(p);
  }

  /** Run one check; a UserError it throws (naming its key) becomes a problem. */
  attempt(check: () => void): void {
    try {
      check();
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      this.add({
        path: keyPath(e.location.key ?? ""),
        part: "value",
        what: e.message,
        fix: e.hint ?? "Fix this value in the config file.",
      });
    }
  }

  /** Where a problem is: file, line, column and key. */
  locate(p: ConfigProblem): ErrorLocation {
    const at = p.at ?? this.source?.positionOf(p.path, p.part);
    const key = dottedPath(p.path);
    return { file: this.file, line: at?.line, col: at?.col, key: key || undefined };
  }

  /** The one line of a problem: "c.yaml:3:5: key smtp.port: what. fix" */
  line(p: ConfigProblem): string {
    return `${formatLocation(this.locate(p))}${p.what} ${p.fix}`;
  }

  /** Throw one UserError naming every problem (the problem itself when there is one). */
  throwIfAny(): void {
    const sorted = [...this.items].sort((a, b) => order(this.locate(a), this.locate(b)));
    if (sorted.length === 1) {
      const [p] = sorted;
      throw new UserError(p.what, { location: this.locate(p), hint: p.fix });
    }
    if (sorted.length > 1) {
      throw new UserError(
        `the config has ${sorted.length} problems; nothing was done.`,
        {
          location: { file: this.file },
          hint: "Fix each one as its line below says (docs/configuration.md describes every key).",
          details: sorted.map((p) => this.line(p)),
        },
      );
    }
  }
}

/** File order: by line, then column; problems without a position last. */
function order(a: ErrorLocation, b: ErrorLocation): number {
  const la = a.line ?? Infinity, lb = b.line ?? Infinity;
  if (la !== lb) return la - lb;
  return (a.col ?? 0) - (b.col ?? 0);
}
