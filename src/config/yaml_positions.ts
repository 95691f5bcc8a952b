/**
 * The YAML text of a config with the positions of its keys and values, so a
 * problem found in the parsed tree is reported at its line and column.
 */

import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from "yaml";

/** A 1-based line and column in the config file. */
export interface YamlPosition {
  line: number;
  col: number;
}

/** A YAML syntax error at its position. */
export interface YamlSyntaxError extends Partial<YamlPosition> {
  /** The parser's message without its trailing "at line L, column C:" and excerpt. */
  message: string;
}

/** A parsed config file: its value, its syntax errors, and where each key is. */
export interface YamlSource {
  value: unknown;
  errors: YamlSyntaxError[];
  /** Where the key (`part` "key") or the value at `path` starts; the deepest existing node otherwise. */
  positionOf(path: readonly PropertyKey[], part?: "key" | "value"): YamlPosition | undefined;
}

/** Parse `text`, keeping every syntax error (not only the first) and the node positions. */
export function parseYamlSource(text: string): YamlSource {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const errors = doc.errors.map((e) => {
    const at = lines.linePos(e.pos[0]);
    return { message: e.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, ""), ...at };
  });
  const at = (offset: number | undefined) =>
    offset === undefined ? undefined : { ...lines.linePos(offset) };
  return {
    value: errors.length ? undefined : doc.toJS({ maxAliasCount: 100 }),
    errors,
    positionOf(path, part = "value") {
      let node: unknown = doc.contents;
      let found: number | undefined = rangeStart(node);
      for (let i = 0; i < path.length; i++) {
        const seg = path[i];
        const last = i === path.length - 1;
        if (isMap(node)) {
          const pair = node.items.find((p) =>
            isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg)
          );
          if (!pair) break;
          if (last && part === "key") return at(rangeStart(pair.key));
          node = pair.value;
          found = rangeStart(pair.value) ?? rangeStart(pair.key);
        } else if (isSeq(node) && typeof seg === "number" && node.items[seg] !== undefined) {
          node = node.items[seg];
          found = rangeStart(node);
        } else break;
      }
      return at(found);
    },
  };
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range?.[0];
}
