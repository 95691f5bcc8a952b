/** Regexes in configs: 0.4 wrote Python named groups `(?P<name>...)`; JS wants `(?<name>...)`. */

import { UserError } from "../domain/errors.ts";

/** Turn Python-only regex syntax into JS syntax (named groups and back-references). */
export function pythonRegexToJs(source: string): string {
  return source.replace(/\(\?P<([A-Za-z_][A-Za-z0-9_]*)>/g, "(?<$1>")
    .replace(/\(\?P=([A-Za-z_][A-Za-z0-9_]*)\)/g, "\\k<$1>");
}

/** Compile a config regex, or throw a UserError naming the key path and the value. */
export function compileConfigRegex(source: string, keyPath: string, flags = ""): RegExp {
  try {
    return new RegExp(pythonRegexToJs(source), flags);
  } catch (e) {
    throw new UserError(`invalid regular expression '${source}' (${(e as Error).message}).`, {
      location: { key: keyPath },
      hint: "Fix the pattern in the config file.",
    });
  }
}
