/**
 * `ingest -`: standard input as one file of the delivery. The bytes are
 * copied to a private temporary file first (streamed, memory stays flat), so
 * the reader can open it more than once and use blocking reads; the record
 * names the file `-`.
 */

import { UserError } from "../domain/errors.ts";
import { fileFromPath, type IngestFile } from "./ingest_file.ts";

/** The name a delivery read from standard input has in the record. */
export const STDIN_NAME = "-";

/** Standard input as an IngestFile named "-"; call cleanup() when the delivery is done. */
export async function stdinFile(
  input: ReadableStream<Uint8Array> = Deno.stdin.readable,
): Promise<{ file: IngestFile; cleanup: () => Promise<void> }> {
  const dir = await Deno.makeTempDir({ prefix: "openchargeback_stdin_" });
  const path = `${dir}/stdin.csv`;
  const cleanup = () => Deno.remove(dir, { recursive: true }).catch(() => {});
  try {
    const out = await Deno.open(path, { write: true, createNew: true, mode: 0o600 });
    await input.pipeTo(out.writable);
    if ((await Deno.stat(path)).size === 0) {
      throw new UserError("standard input was empty: nothing to ingest.", {
        hint: "Pipe a FOCUS CSV into `ingest -`, e.g. openchargeback convert slurm ... -o - | " +
          "openchargeback ingest - -s hpc.",
      });
    }
  } catch (e) {
    await cleanup();
    throw e;
  }
  return { file: fileFromPath(path, STDIN_NAME), cleanup };
}
