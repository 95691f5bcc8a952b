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
import { parseWorkerEntry } from "./parse_worker_entry.ts";
import {
  CONSUMED,
  PARSE_WORKER_ROLE,
  type ParseWorkerInput,
  type ParseWorkerMessage,
  POSTED,
} from "./parse_worker_protocol.ts";
import type { DeliveryRead, DeliveryReadOptions, RowSink } from "./read_delivery.ts";
import { RowErrorList } from "./row_errors.ts";
import { BatchUnpacker } from "./staged_charge_packing.ts";

/** Longest wait for the worker's next message before it is declared stuck. */
const STALL_MS = 300_000;

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
  const counters = new SharedArrayBuffer(8);
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
  });
  const unpacker = new BatchUnpacker();
  let received = 0;
  /** Messages received so far. */
  let messages = 0;
  try {
    for (;;) {
      const m = nextMessage(port1, shared, messages++);
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
): ParseWorkerMessage {
  const started = Date.now();
  for (;;) {
    const posted = Atomics.load(shared, POSTED);
    const got = receiveMessageOnPort(port);
    if (got) return got.message as ParseWorkerMessage;
    if (Date.now() - started > STALL_MS) throw new Error("the parse worker stopped responding");
    if (posted > messagesReceived) Atomics.wait(shared, POSTED, posted, 0.05); // in transit
    else Atomics.wait(shared, POSTED, posted, 250);
  }
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
