/**
 * Whether a delivery is parsed in a worker, and the module that starts as
 * one: the program's entry (main.ts, or the binary built from it) registers
 * itself here. Tests calling the services directly register nothing and read
 * in one thread. Kept tiny: every command loads it.
 *
 * The default (OPENCHARGEBACK_INGEST_WORKER unset = auto, defaultSetting())
 * from source and in the binary: deliveries of 16 MB and more, all on disk,
 * are parsed by a worker while this thread inserts; `on` every on-disk
 * delivery; `off` one thread. Measured at 1,000,000 rows (session 5;
 * docs/development/performance.md), `deno run main.ts`: 39.9 s / 225 MB with
 * the worker, 47.7 s / 209 MB without (quietest runs); 212-259 MB on a loaded
 * machine, 1.23-1.50x the 100,000-row run; the worker's own heap flat at
 * 18 MB; a 1 % redelivery 0.74-0.96x the first import, the same file again
 * 0.04x. The bundle starts its worker from a small embedded bundle of the
 * parse code (parse_worker_main.ts), but stays one thread unless asked: its
 * own main thread is heavier (1,000,000 rows: 283 MB alone, 330-334 MB with
 * the worker, over the 300 MB target).
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
 * The setting when OPENCHARGEBACK_INGEST_WORKER is unset (see the note at the
 * top): auto, except in the one-file bundle, whose main thread alone peaks at
 * ~283 MB at 1,000,000 rows and with the worker at 330-334 MB (over 300 MB).
 */
function defaultSetting(): "auto" | "off" {
  return globalThis.__OPENCHARGEBACK_BUNDLE__ === true ? "off" : "auto";
}

/** Values of OPENCHARGEBACK_INGEST_WORKER that keep one thread. */
const OFF = new Set(["off", "0", "false", "no"]);

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
 * Whether a delivery of `bytes` (all files on disk) is parsed in a worker.
 * OPENCHARGEBACK_INGEST_WORKER: `off` (or 0, false, no) never; `on` always;
 * `auto` from PARSE_WORKER_MIN_BYTES up (the bundle too); unset:
 * defaultSetting(). Never without a registered entry.
 */
export function useParseWorker(bytes: number): boolean {
  if (entry === null) return false;
  const setting = (Deno.env.get("OPENCHARGEBACK_INGEST_WORKER") ?? defaultSetting()).trim()
    .toLowerCase();
  if (setting === "on") return true;
  if (OFF.has(setting)) return false;
  return bytes >= PARSE_WORKER_MIN_BYTES;
}
