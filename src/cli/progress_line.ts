/**
 * The progress line of long commands (generate, statements send) on a
 * terminal: one line on stderr, rewritten in place, cleared at the end. Never
 * with --json and never when stderr is a pipe or a file, so scripts and logs
 * read only the result.
 */

import { type ProgressListener, progressText } from "../statements/mod.ts";

/** A listener for the service, and `end()` to clear the line before the result is printed. */
export interface ProgressLine {
  listener: ProgressListener | undefined;
  end: () => void;
}

/** A progress line when stderr is a terminal and the output is not JSON; else nothing. */
export function progressLine(json: boolean | undefined): ProgressLine {
  if (json || !Deno.stderr.isTerminal()) return { listener: undefined, end: () => {} };
  const encoder = new TextEncoder();
  let shown = false;
  const write = (text: string) => Deno.stderr.writeSync(encoder.encode(text));
  return {
    listener: (p) => {
      shown = true;
      write(`\r\x1b[K${progressText(p)}${p.item ? `: ${p.item}` : ""}`);
    },
    end: () => {
      if (shown) write("\r\x1b[K");
      shown = false;
    },
  };
}
