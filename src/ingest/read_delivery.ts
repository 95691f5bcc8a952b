/**
 * Read the files of a delivery into a sink: header plan per file, every row
 * parsed and handed over in batches (memory stays flat), row errors collected
 * (up to 20) across all files. Each file's bytes are hashed (SHA-256) on the
 * way through. Two drivers share the row handling: streamed (any file, gzip
 * too) and blocking (disk or memory files, not gzip), which lets a first
 * import run inside one synchronous write transaction.
 */

import { createHash, type Hash } from "node:crypto";
import { fingerprintPlan } from "../domain/fingerprint.ts";
import type { PackedBatch } from "./staged_charge_packing.ts";
import type { ImportFileRecord, StagedCharge } from "../storage/mod.ts";
import { type CsvRow, CsvTokenizer } from "./csv_tokenizer.ts";
import { CurrencyCheck } from "./currency_check.ts";
import { isGzip, TextChunkDecoder } from "./decode_text_stream.ts";
import { planHeader } from "./focus_header.ts";
import type { IngestFile } from "./ingest_file.ts";
import { chargeFinisher, type DeliveryFinishing } from "./finish_charge.ts";
import { parseChargeRow, type RowReader } from "./parse_charge_row.ts";
import { readCsvRows } from "./read_csv_rows.ts";
import { RowErrorList } from "./row_errors.ts";

/** Settings that apply to every row of a delivery. */
export interface DeliveryReadOptions {
  defaultCurrency: string;
  /** Attribution rules, flag rules, expected period (compiled once per delivery). */
  finishing: DeliveryFinishing;
  onProgress?: (rowsRead: number) => void;
}

/** What reading a delivery found. */
export interface DeliveryRead {
  files: ImportFileRecord[];
  rows: number;
  errors: RowErrorList;
}

/** Takes the parsed rows (only while no row error was found). */
export interface RowSink {
  add(rows: StagedCharge[]): void;
  /** Rows packed by the parse worker (staged_charge_packing.ts); without it they are unpacked for add(). */
  addPacked?(batch: PackedBatch): void;
}

/**
 * Bytes per blocking read: 32 KB. Each read's text (and the cells sliced from
 * it) must stay below V8's large-object size (128 KB): larger strings are
 * allocated in the old generation and live until a full GC, which with
 * 256 KB reads let the heap grow to ~180 MB and cost ~25 % of the parse time.
 */
const READ_SIZE = 1 << 15;

/** Read all `files` (streamed) into `sink`; on any error nothing more is added (the caller refuses). */
export async function readDelivery(
  files: IngestFile[],
  sink: RowSink,
  opts: DeliveryReadOptions,
): Promise<DeliveryRead> {
  const state = new DeliveryRowHandler(sink, opts);
  for (const original of files) {
    if (state.errors.full) break;
    const hash = createHash("sha256");
    let bytes = 0;
    let stream: ReadableStream<Uint8Array> | null = null;
    const hashed: IngestFile = {
      name: original.name,
      async open() {
        stream = (await original.open()).pipeThrough(
          new TransformStream<Uint8Array, Uint8Array>({
            transform(chunk, controller) {
              hash.update(chunk);
              bytes += chunk.length;
              controller.enqueue(chunk);
            },
          }),
        );
        return stream;
      },
    };
    const file = state.beginFile(original.name);
    for await (const batch of readCsvRows(hashed)) {
      if (!file.rows(batch)) break;
    }
    const s = stream as ReadableStream<Uint8Array> | null;
    if (s && !s.locked) s.cancel().catch(() => {}); // reading stopped early
    file.end(hash, bytes);
  }
  return state.result();
}

/**
 * The total size of `files` when every one can be read with blocking reads
 * (openSync, not gzip); null when one cannot.
 */
export function blockingReadBytes(files: IngestFile[]): number | null {
  let total = 0;
  for (const f of files) {
    if (!f.openSync) return null;
    const r = f.openSync();
    try {
      const head = new Uint8Array(2);
      let n = 0;
      while (n < 2) {
        const got = r.read(head.subarray(n));
        if (got === null) break;
        n += got;
      }
      if (isGzip(head.subarray(0, n))) return null;
      total += r.size();
    } finally {
      r.close();
    }
  }
  return total;
}

/** Read all `files` with blocking reads into `sink` (see blockingReadBytes). */
export function readDeliveryBlocking(
  files: IngestFile[],
  sink: RowSink,
  opts: DeliveryReadOptions,
): DeliveryRead {
  const state = new DeliveryRowHandler(sink, opts);
  const buf = new Uint8Array(READ_SIZE);
  for (const original of files) {
    if (state.errors.full) break;
    const hash = createHash("sha256");
    let bytes = 0;
    const file = state.beginFile(original.name);
    const reader = original.openSync!();
    try {
      const decoder = new TextChunkDecoder(original.name);
      const tokenizer = new CsvTokenizer(original.name);
      let more = true;
      while (more) {
        const n = reader.read(buf);
        if (n === null) break;
        if (n === 0) continue;
        const chunk = buf.subarray(0, n);
        hash.update(chunk);
        bytes += n;
        const text = decoder.decode(chunk, false);
        if (text) more = file.rows(tokenizer.push(text));
      }
      if (more) {
        const text = decoder.decode(new Uint8Array(0), true);
        if (text) more = file.rows(tokenizer.push(text));
        if (more) file.rows(tokenizer.end());
      }
    } finally {
      reader.close();
    }
    file.end(hash, bytes);
  }
  return state.result();
}

/** The row handling shared by both drivers. */
class DeliveryRowHandler {
  readonly errors = new RowErrorList();
  readonly records: ImportFileRecord[] = [];
  total = 0;
  readonly #sink: RowSink;
  readonly #opts: DeliveryReadOptions;

  constructor(sink: RowSink, opts: DeliveryReadOptions) {
    this.#sink = sink;
    this.#opts = opts;
  }

  /** Start a file; feed its row batches to rows(), then call end(). */
  beginFile(name: string) {
    const { errors, records } = this;
    const opts = this.#opts;
    const sink = this.#sink;
    let reader: RowReader | null = null;
    let currency: CurrencyCheck | null = null;
    let rows = 0;
    let refused = false;
    const staged: StagedCharge[] = [];
    return {
      /** Handle a batch; false = stop reading this file. */
      rows: (batch: CsvRow[]): boolean => {
        if (batch.length === 0) return true;
        let start = 0;
        if (reader === null) {
          const plan = planHeader(batch[0].cells);
          for (const p of plan.problems) {
            errors.add({ file: name, line: 1, column: p.column, what: p.what, hint: p.hint });
          }
          reader = {
            fileName: name,
            plan,
            defaultCurrency: opts.defaultCurrency,
            finisher: chargeFinisher(opts.finishing, fingerprintPlan(batch[0].cells), plan.names),
            dateCache: new Map(),
          };
          currency = new CurrencyCheck(plan, name);
          if (plan.problems.length > 0) {
            refused = true;
            return false;
          }
          start = 1;
        }
        for (let i = start; i < batch.length; i++) {
          rows++;
          currency!.check(batch[i].cells, batch[i].line, errors);
          const charge = parseChargeRow(reader, batch[i].line, batch[i].cells, errors);
          if (charge !== null && errors.count === 0) staged.push(charge);
          if (errors.full) break;
        }
        if (errors.count === 0) sink.add(staged);
        staged.length = 0;
        opts.onProgress?.(this.total + rows);
        return !errors.full;
      },
      end: (hash: Hash, bytes: number): void => {
        if (reader === null) {
          errors.add({
            file: name,
            line: 1,
            what: "empty file, no header.",
            hint: "A FOCUS file starts with a header line naming its columns.",
          });
          return;
        }
        this.total += rows;
        if (!refused) {
          records.push({
            name,
            sha256: hash.digest("hex"),
            bytes,
            rows,
            focusVersion: reader.plan.focusVersion,
            columns: reader.plan.names,
            ...(currency!.defaulted > 0 ? { currencyDefaulted: currency!.defaulted } : {}),
          });
        }
      },
    };
  }

  result(): DeliveryRead {
    return { files: this.records, rows: this.total, errors: this.errors };
  }
}
