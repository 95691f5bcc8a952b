/**
 * Whether a delivery is parsed in a worker, and the module that starts as
 * one: the program's entry (main.ts, or the binary built from it) registers
 * itself here. Tests calling the services directly register nothing and read
 * in one thread. Kept tiny: every command loads it.
 *
 * Opt-in (OPENCHARGEBACK_INGEST_WORKER=on) for now: the worker makes a
 * 1,000,000-row first import ~1.5x faster on two cores (37.7 s vs ~50 s),
 * but the second V8 heap raises the peak memory and it grows with the file
 * (bench: 359 MB at 100,000 rows, 457 MB at 300,000, 569 MB at 1,000,000;
 * one thread: 312 MB at 300,000), against the flat-memory target. The
 * one-file bundle evaluates all of its code in every thread (~170 MB a
 * thread) and gains nothing from it (100,000 rows: 5.25 s / 546 MB with,
 * 5.43 s / 264 MB without). See docs/development/performance.md.
 */

declare global {
  /** Set by the bundle's preamble (scripts/build.ts). */
  var __OPENCHARGEBACK_BUNDLE__: boolean | undefined;
  /** The parse worker's own small bundle (parse_worker_main.ts), embedded by the bundle's preamble. */
  var __OPENCHARGEBACK_PARSE_WORKER_JS__: string | undefined;
}

let entry: string | null = null;

/**
 * The worker's old-generation limit (V8 resourceLimits), MB. V8 sizes the
 * heap's growth by it: measured 293 -> 260 MB peak RSS at 1,000,000 rows for
 * any limit from 24 to 256 MB (docs/development/performance.md). 256 leaves
 * room for the longest record the tokenizer accepts (16 Mi characters, a few
 * copies of it while it is cut and posted). A worker past it dies, and the
 * reader refuses the delivery in one line.
 */
const PARSE_WORKER_HEAP_MB = 256;
let heapMb = PARSE_WORKER_HEAP_MB;

/** Deliveries of at least this many bytes repay the worker's start (~0.2 s). */
const PARSE_WORKER_MIN_BYTES = 16 << 20;

/**
 * Let deliveries use a parse worker started from `entryUrl` (the program's
 * main module); `workerHeapMb` (tests) lowers its old-generation limit.
 */
export function enableParseWorker(entryUrl: string, workerHeapMb = PARSE_WORKER_HEAP_MB): void {
  entry = entryUrl;
  heapMb = workerHeapMb;
}

/** The worker's old-generation limit, MB. */
export function parseWorkerHeapMb(): number {
  return heapMb;
}

/**
 * The module the worker starts from, or null (no parse worker): in the
 * bundle, its embedded worker code as a data: URL (the worker then evaluates
 * ~0.1 MB, not the whole program); otherwise the registered entry.
 */
export function parseWorkerEntry(): string | null {
  if (entry === null) return null;
  const code = globalThis.__OPENCHARGEBACK_PARSE_WORKER_JS__;
  return typeof code === "string" ? `data:text/javascript,${encodeURIComponent(code)}` : entry;
}

/**
 * Whether a delivery of `bytes` (all files on disk) is parsed in a worker:
 * with OPENCHARGEBACK_INGEST_WORKER=on always; =auto from
 * PARSE_WORKER_MIN_BYTES up, except in the bundle; otherwise (unset, off)
 * never. Never without a registered entry.
 */
export function useParseWorker(bytes: number): boolean {
  if (entry === null) return false;
  const setting = Deno.env.get("OPENCHARGEBACK_INGEST_WORKER");
  if (setting === "on") return true;
  if (setting !== "auto") return false;
  return bytes >= PARSE_WORKER_MIN_BYTES && globalThis.__OPENCHARGEBACK_BUNDLE__ !== true;
}
