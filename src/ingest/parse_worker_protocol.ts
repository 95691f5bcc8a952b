/**
 * The messages between a delivery's reader (the thread holding the write
 * transaction) and its parse worker, and the shared counters of their flow
 * control. The worker reads, hashes, tokenizes and parses the files; the
 * reader inserts. Both run at once, on two cores.
 */

import type { ErrorLocation } from "../domain/errors.ts";
import type { ImportFileRecord } from "../storage/mod.ts";
import type { DeliveryReadOptions } from "./read_delivery.ts";
import type { RowError } from "./row_errors.ts";

/** Index of the counters in the shared Int32Array. */
export const POSTED = 0;
export const CONSUMED = 1;
/** The worker's OS thread id (Linux: /proc/thread-self), 0 when unknown: its death is seen at once. */
export const THREAD_ID = 2;
/** Bumped by the worker at every batch and every wait: a stuck or dead worker stops bumping it. */
export const HEARTBEAT = 3;
/** Slots in the shared Int32Array. */
export const COUNTER_SLOTS = 4;
/** Batches the worker may run ahead of the reader (bounds the memory in flight). */
export const MAX_AHEAD = 4;

/** What the worker is started with (its workerData). */
export interface ParseWorkerInput {
  role: typeof PARSE_WORKER_ROLE;
  files: { name: string; path: string }[];
  options: Omit<DeliveryReadOptions, "onProgress">;
  /** Int32Array counters: POSTED, THREAD_ID, HEARTBEAT (by the worker), CONSUMED (by the reader). */
  counters: SharedArrayBuffer;
  port: MessagePort;
}

/** A worker message. */
export type ParseWorkerMessage =
  | {
    type: "rows";
    /** A batch of rows, BatchPacker's JSON (staged_charge_packing.ts): one copy across threads. */
    json: string;
  }
  | {
    type: "done";
    files: ImportFileRecord[];
    rows: number;
    errors: RowError[];
    errorsFull: boolean;
  }
  | {
    type: "user-error";
    message: string;
    location: ErrorLocation;
    hint?: string;
    details: string[];
  }
  | { type: "failed"; message: string; stack?: string };

/** The workerData role that makes the program's entry module run the parse worker. */
export const PARSE_WORKER_ROLE = "openchargeback-parse-worker";
