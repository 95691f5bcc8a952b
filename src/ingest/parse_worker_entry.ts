/**
 * Whether deliveries may use a parse worker, and the module that starts as
 * one: the program's entry (main.ts, or the bundle or binary built from it)
 * registers itself here. Tests calling the services directly register
 * nothing and read in one thread. Kept tiny: every command loads it.
 */

let entry: string | null = null;

/** Let deliveries use a parse worker started from `entryUrl` (the program's main module). */
export function enableParseWorker(entryUrl: string): void {
  entry = entryUrl;
}

/** The registered entry module, or null (no parse worker). */
export function parseWorkerEntry(): string | null {
  return entry;
}
