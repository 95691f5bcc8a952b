/**
 * Text from the database shown on a terminal: control characters and
 * bidirectional overrides (which can disguise what a line says) are shown as
 * \u escapes instead of being interpreted.
 */

const UNSAFE =
  // deno-lint-ignore no-control-regex
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** `text` with terminal-unsafe characters escaped; newlines and tabs become spaces. */
export function terminalSafe(text: string): string {
  return text.replace(/[\n\t]/g, " ").replace(
    UNSAFE,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
