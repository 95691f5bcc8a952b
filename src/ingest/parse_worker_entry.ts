/**
 * Whether a delivery is parsed in a worker, and the module that starts as
 * one: the program's entry (main.ts, or the binary built from it) registers
 * itself here. Tests calling the services directly register nothing and read
 * in one thread. Kept tiny: every command loads it.
 *
 * The one-file bundle (`deno task bundle`) evaluates all of its code in each
 * thread, so a worker costs it ~170 MB and most of the gain (measured at
 * 100,000 rows: 5.25 s and 546 MB with, 5.43 s and 264 MB without): it uses
 * the worker only when asked (OPENCHARGEBACK_INGEST_WORKER=on). The compiled
 * binary and `deno run main.ts` load modules lazily and use it by default.
 */

declare global {
  /** Set by the bundle's preamble (scripts/build.ts). */
  var __OPENCHARGEBACK_BUNDLE__: boolean | undefined;
}

let entry: string | null = null;

/** Deliveries of at least this many bytes repay the worker's start (~0.2 s). */
export const PARSE_WORKER_MIN_BYTES = 16 << 20;

/** Let deliveries use a parse worker started from `entryUrl` (the program's main module). */
export function enableParseWorker(entryUrl: string): void {
  entry = entryUrl;
}

/** The registered entry module, or null (no parse worker). */
export function parseWorkerEntry(): string | null {
  return entry;
}

/**
 * Whether a delivery of `bytes` (all files on disk) is parsed in a worker:
 * OPENCHARGEBACK_INGEST_WORKER=off never, =on always, else from
 * PARSE_WORKER_MIN_BYTES up (not in the bundle). Never without an entry.
 */
export function useParseWorker(bytes: number): boolean {
  if (entry === null) return false;
  const setting = Deno.env.get("OPENCHARGEBACK_INGEST_WORKER");
  if (setting === "on" || setting === "off") return setting === "on";
  return bytes >= PARSE_WORKER_MIN_BYTES && globalThis.__OPENCHARGEBACK_BUNDLE__ !== true;
}
