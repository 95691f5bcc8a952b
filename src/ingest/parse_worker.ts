/**
 * The parse worker: reads a delivery's files (blocking reads), hashes,
 * tokenizes and parses every row, and posts the parsed rows in batches to
 * the reader, at most MAX_AHEAD batches ahead of it. Started by
 * read_delivery_in_worker.ts through the program's entry module (main.ts),
 * so a bundle or a compiled binary starts itself as the worker.
 */

import type { MessagePort as NodeMessagePort } from "node:worker_threads";
import { UserError } from "../domain/errors.ts";
import type { StagedCharge } from "../storage/mod.ts";
import { fileFromPath } from "./ingest_file.ts";
import {
  CONSUMED,
  HEARTBEAT,
  MAX_AHEAD,
  type ParseWorkerInput,
  type ParseWorkerMessage,
  POSTED,
  THREAD_ID,
} from "./parse_worker_protocol.ts";
import { readDeliveryBlocking } from "./read_delivery.ts";
import { BatchPacker } from "./staged_charge_packing.ts";

/** Run the worker with its workerData (returns when the delivery is read). */
export function runParseWorker(input: ParseWorkerInput): void {
  const port = input.port as unknown as NodeMessagePort;
  const counters = new Int32Array(input.counters);
  const post = (m: ParseWorkerMessage) => port.postMessage(m);
  const packer = new BatchPacker();
  Atomics.store(counters, THREAD_ID, osThreadId());
  try {
    const read = readDeliveryBlocking(
      input.files.map((f) => fileFromPath(f.path, f.name)),
      {
        add(rows: StagedCharge[]) {
          Atomics.add(counters, HEARTBEAT, 1);
          post({ type: "rows", json: packer.pack(rows) });
          const posted = Atomics.add(counters, POSTED, 1) + 1;
          Atomics.notify(counters, POSTED);
          // wait while too far ahead of the reader
          for (;;) {
            const consumed = Atomics.load(counters, CONSUMED);
            if (posted - consumed <= MAX_AHEAD) break;
            Atomics.wait(counters, CONSUMED, consumed, 1000);
            Atomics.add(counters, HEARTBEAT, 1);
          }
        },
      },
      input.options,
    );
    post({
      type: "done",
      files: read.files,
      rows: read.rows,
      errors: read.errors.items,
      errorsFull: read.errors.full,
    });
  } catch (e) {
    if (e instanceof UserError) {
      post({
        type: "user-error",
        message: e.message,
        location: e.location,
        hint: e.hint,
        details: e.details,
      });
    } else {
      const err = e instanceof Error ? e : new Error(String(e));
      post({ type: "failed", message: err.message, stack: err.stack });
    }
  } finally {
    Atomics.add(counters, POSTED, 1);
    Atomics.notify(counters, POSTED);
    port.close();
  }
}

/**
 * This thread's OS thread id on Linux (/proc/thread-self -> "PID/task/TID"),
 * so the reader can see at once that the thread has gone (out of memory, a
 * crash: no message, no `finally`, and the worker's `exit` event cannot reach
 * a thread blocked in its transaction). 0 elsewhere (the heartbeat remains).
 */
function osThreadId(): number {
  try {
    const tid = Number(Deno.readLinkSync("/proc/thread-self").split("/").pop());
    return Number.isInteger(tid) && tid > 0 && tid <= 0x7fffffff ? tid : 0;
  } catch {
    return 0;
  }
}
