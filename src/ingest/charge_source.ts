/**
 * The charge-source seam: where the charges of one delivery come from. The
 * delivery (ingest_delivery.ts) knows nothing of CSV: it asks its source how
 * to read (blocking, inside one write transaction, or streamed), hands it a
 * sink for finished charges (src/domain/charge.ts) and records the parts the
 * source names. FOCUS CSV files are the first source (`focusCsvSource`);
 * metered usage and re-attribution plug in here with their own reader.
 *
 * @example
 * ```ts
 * const charges = focusCsvSource([fileFromPath("aws_2026-10.csv")]);
 * await ingestDelivery(ctx, { charges, source: "aws" });
 * ```
 */

import type { IngestFile } from "./ingest_file.ts";
import { useParseWorker } from "./parse_worker_entry.ts";
import {
  blockingReadBytes,
  type DeliveryRead,
  type DeliveryReadOptions,
  readDelivery,
  readDeliveryBlocking,
  type RowSink,
} from "./read_delivery.ts";
import { readDeliveryInWorker } from "./read_delivery_in_worker.ts";

/** A source of charges for one delivery. */
export interface ChargeSource {
  /** What it reads, as named in import history; also the unchanged-redelivery identity (their SHA-256). */
  readonly parts: readonly IngestFile[];
  /** Bytes readable with blocking reads, or null when it must be streamed (gzip, standard input). */
  blockingBytes(): number | null;
  /** Read every charge into `sink` with blocking reads (called inside the write transaction). */
  readBlocking(sink: RowSink, opts: DeliveryReadOptions, bytes: number): DeliveryRead;
  /** Read every charge into `sink`, streamed. */
  read(sink: RowSink, opts: DeliveryReadOptions): Promise<DeliveryRead>;
}

/** FOCUS CSV files (plain or gzip, on disk, in memory or standard input) as a charge source. */
export function focusCsvSource(files: readonly IngestFile[]): ChargeSource {
  const list = [...files];
  return {
    parts: list,
    blockingBytes: () => blockingReadBytes(list),
    readBlocking(sink, opts, bytes) {
      // two cores: a parse worker parses while this thread inserts (parse_worker_entry.ts)
      if (list.every((f) => f.path !== undefined) && useParseWorker(bytes)) {
        return readDeliveryInWorker(list.map((f) => ({ name: f.name, path: f.path! })), sink, opts);
      }
      return readDeliveryBlocking(list, sink, opts);
    },
    read: (sink, opts) => readDelivery(list, sink, opts),
  };
}
