/** Stream the lines of a text file (or standard input for "-") without holding the file. */

import { UserError } from "../domain/errors.ts";

/** Open `path` ("-" = standard input) as a byte stream; a UserError when it cannot be read. */
export async function openInput(path: string): Promise<ReadableStream<Uint8Array>> {
  if (path === "-") return Deno.stdin.readable;
  try {
    const info = await Deno.stat(path);
    if (!info.isFile) throw new UserError(`${path} is not a file.`);
    return (await Deno.open(path, { read: true })).readable;
  } catch (e) {
    if (e instanceof UserError) throw e;
    if (e instanceof Deno.errors.NotFound) {
      throw new UserError(`file not found: ${path}.`, { hint: "Check the file name and path." });
    }
    throw new UserError(`cannot read ${path}: ${(e as Error).message}.`);
  }
}

/**
 * Batches of lines (without LF or CR LF) of `path`, with the number of the
 * first line of each batch. A final line without a newline is included.
 */
export async function* lineBatches(
  path: string,
): AsyncGenerator<{ first: number; lines: string[] }> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let rest = "";
  let next = 1;
  const stream = await openInput(path);
  const split = (text: string): string[] => {
    const parts = text.split("\n");
    rest = parts.pop()!;
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i];
      if (p.endsWith("\r")) parts[i] = p.slice(0, -1);
    }
    return parts;
  };
  try {
    for await (const chunk of stream) {
      const lines = split(rest + decoder.decode(chunk, { stream: true }));
      if (lines.length) {
        yield { first: next, lines };
        next += lines.length;
      }
    }
    const last = rest + decoder.decode();
    if (last !== "") yield { first: next, lines: [last.endsWith("\r") ? last.slice(0, -1) : last] };
  } catch (e) {
    if (e instanceof TypeError && /invalid|decode/i.test(e.message)) {
      throw new UserError(`${path}:${next}: not UTF-8 text.`, {
        hint: "sacct writes UTF-8; check the file was not re-encoded.",
      });
    }
    throw e;
  }
}
