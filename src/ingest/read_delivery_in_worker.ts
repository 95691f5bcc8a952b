/**
 * Read a delivery with a parse worker: the worker reads and parses the files
 * while this thread (holding the write transaction) inserts the rows, so the
 * two halves of an import run on two cores. Synchronous like
 * readDeliveryBlocking (the batches are received with receiveMessageOnPort,
 * waiting on a shared counter), so the delivery still runs in one write
 * transaction and the event loop never sees it half-written.
 */

import { MessageChannel, receiveMessageOnPort, Worker } from "node:worker_threads";
import { UserError } from "../domain/errors.ts";
import type { ImportFileRecord } from "../storage/mod.ts";
import { parseWorkerEntry, parseWorkerHeapMb } from "./parse_worker_entry.ts";
import {
  CONSUMED,
  COUNTER_SLOTS,
  HEARTBEAT,
  PARSE_WORKER_ROLE,
  type ParseWorkerInput,
  type ParseWorkerMessage,
  POSTED,
  THREAD_ID,
} from "./parse_worker_protocol.ts";
import type { DeliveryRead, DeliveryReadOptions, RowSink } from "./read_delivery.ts";
import { RowErrorList } from "./row_errors.ts";
import { BatchUnpacker } from "./staged_charge_packing.ts";

/**
 * Longest time without a heartbeat (the worker bumps it at every batch of
 * 1,000 rows and every second it waits) before the worker is declared stuck.
 * Covers its start (loading the program: ~0.2-1 s) on a loaded machine.
 */
const STALL_MS = 60_000;
/** How often a waiting reader checks that the worker still works. */
const ALIVE_CHECK_MS = 250;
/** A worker thread without heartbeat or CPU time this long has died (Linux). */
const IDLE_MS = 2_000;

/**
 * Read `files` (on disk: name shown, path read) into `sink` with a parse
 * worker. Same result as readDeliveryBlocking.
 */
export function readDeliveryInWorker(
  files: { name: string; path: string }[],
  sink: RowSink,
  opts: DeliveryReadOptions,
): DeliveryRead {
  const workerEntry = parseWorkerEntry();
  if (workerEntry === null) throw new Error("parse worker not enabled");
  const counters = new SharedArrayBuffer(COUNTER_SLOTS * 4);
  const shared = new Int32Array(counters);
  const { port1, port2 } = new MessageChannel();
  const { onProgress, ...options } = opts;
  const input: ParseWorkerInput = {
    role: PARSE_WORKER_ROLE,
    files,
    options,
    counters,
    port: port2 as unknown as MessagePort,
  };
  const worker = new Worker(new URL(workerEntry), {
    workerData: input,
    transferList: [port2],
    // a bounded old generation: V8 sizes its heap growth by it (flatter
    // memory), and a runaway worker dies of it instead of taking the machine
    resourceLimits: { maxOldGenerationSizeMb: parseWorkerHeapMb() },
  });
  const unpacker = new BatchUnpacker();
  const what = files.length === 1 ? files[0].name : `the ${files.length} files of the delivery`;
  let received = 0;
  /** Messages received so far. */
  let messages = 0;
  try {
    for (;;) {
      const m = nextMessage(port1, shared, messages++, what);
      if (m.type === "rows") {
        const batch = unpacker.unpack(m.json);
        if (sink.addPacked) sink.addPacked(batch);
        else sink.add(batch.rows());
        received += batch.rowCount;
        Atomics.add(shared, CONSUMED, 1);
        Atomics.notify(shared, CONSUMED);
        onProgress?.(received);
        continue;
      }
      if (m.type === "done") return deliveryRead(m.files, m.rows, m.errors, m.errorsFull);
      if (m.type === "user-error") {
        throw new UserError(m.message, {
          location: m.location,
          hint: m.hint,
          details: m.details,
        });
      }
      throw new Error(`parse worker failed: ${m.message}\n${m.stack ?? ""}`);
    }
  } finally {
    port1.close();
    worker.terminate();
  }
}

/**
 * Wait (blocking) for the worker's next message. The worker bumps POSTED
 * after each message (and when it stops); a message counted there can still
 * be in transit for a moment, so that case polls briefly instead of waiting
 * for the next bump.
 */
function nextMessage(
  port: InstanceType<typeof MessageChannel>["port1"],
  shared: Int32Array,
  messagesReceived: number,
  what: string,
): ParseWorkerMessage {
  const watch = new WorkerWatch(shared);
  for (;;) {
    const posted = Atomics.load(shared, POSTED);
    const got = receiveMessageOnPort(port);
    if (got) return got.message as ParseWorkerMessage;
    if (posted > messagesReceived) {
      Atomics.wait(shared, POSTED, posted, 0.05); // in transit
      continue;
    }
    if (Atomics.wait(shared, POSTED, posted, ALIVE_CHECK_MS) !== "timed-out") continue;
    // a quarter of a second without a message: is the worker still working?
    const state = watch.check();
    if (state === "working") continue;
    const last = receiveMessageOnPort(port); // posted just before it ended
    if (last) return last.message as ParseWorkerMessage;
    throw workerDied(what, state === "stalled" ? "stopped responding" : "stopped");
  }
}

/**
 * Whether the worker still works, seen from a thread that cannot receive its
 * `exit` or `error` events (they need the event loop, and this thread is
 * blocked in its write transaction). On Linux the worker's OS thread is read
 * in /proc: gone, or idle (no heartbeat and no CPU time) for IDLE_MS, means
 * it died (out of memory, a crash: V8 ends its JavaScript, the thread may
 * linger in its event loop). Elsewhere only the heartbeat counts (STALL_MS).
 */
class WorkerWatch {
  readonly #shared: Int32Array;
  #beat: number;
  #cpu = -1;
  #progressAt = Date.now();

  constructor(shared: Int32Array) {
    this.#shared = shared;
    this.#beat = Atomics.load(shared, HEARTBEAT);
  }

  check(): "working" | "gone" | "idle" | "stalled" {
    const now = Date.now();
    const tid = Atomics.load(this.#shared, THREAD_ID);
    const cpu = tid === 0 ? -1 : threadCpuTicks(tid);
    if (cpu === null) return "gone";
    const beat = Atomics.load(this.#shared, HEARTBEAT);
    if (beat !== this.#beat || cpu !== this.#cpu) {
      this.#beat = beat;
      this.#cpu = cpu;
      this.#progressAt = now;
      return "working";
    }
    if (cpu === -1) return now - this.#progressAt > STALL_MS ? "stalled" : "working";
    return now - this.#progressAt > IDLE_MS ? "idle" : "working";
  }
}

/** The CPU time (user + system, clock ticks) of this process's thread `tid`; null when it has ended. */
function threadCpuTicks(tid: number): number | null {
  let stat: string;
  try {
    stat = Deno.readTextFileSync(`/proc/self/task/${tid}/stat`);
  } catch {
    return null;
  }
  // "tid (name) state ppid ...": fields 14 and 15 (utime, stime), counted after the name
  const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  if (f[0] === "Z" || f[0] === "X") return null;
  return Number(f[11]) + Number(f[12]);
}

/** The one-line refusal when the worker died or hung (out of memory, a crash). */
function workerDied(what: string, how: string): UserError {
  return new UserError(
    `the parse worker ${how} while reading ${what} (out of memory or a crash); nothing was stored.`,
    {
      hint:
        "Run the import again; if it fails again, read in one thread with OPENCHARGEBACK_INGEST_WORKER=off and report the problem.",
    },
  );
}

function deliveryRead(
  files: ImportFileRecord[],
  rows: number,
  errors: DeliveryRead["errors"]["items"],
  full: boolean,
): DeliveryRead {
  const list = new RowErrorList();
  for (const e of errors) list.items.push(e);
  list.full = full;
  return { files, rows, errors: list };
}
