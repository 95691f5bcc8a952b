/**
 * Read the files of a delivery into a staging table: header plan per file,
 * every row parsed and staged in batches (memory stays flat), row errors
 * collected (up to 20) across all files. Each file's bytes are hashed
 * (SHA-256) on the way through.
 */

import { createHash } from "node:crypto";
import type { Config } from "../config/mod.ts";
import { fingerprintPlan } from "../domain/fingerprint.ts";
import type { FlagRules } from "../domain/flags.ts";
import type { ChargeStage, ImportFileRecord, StagedCharge } from "../storage/mod.ts";
import { planHeader } from "./focus_header.ts";
import type { IngestFile } from "./ingest_file.ts";
import { parseChargeRow, type RowReader } from "./parse_charge_row.ts";
import { readCsvRows } from "./read_csv_rows.ts";
import { RowErrorList } from "./row_errors.ts";

/** Settings that apply to every row of a delivery. */
export interface DeliveryReadOptions {
  tagMapping: Config["tag_mapping"];
  defaultCurrency: string;
  rules: FlagRules;
  expectedPeriod: string | null;
  onProgress?: (rowsRead: number) => void;
}

/** What reading a delivery found. */
export interface DeliveryRead {
  files: ImportFileRecord[];
  rows: number;
  errors: RowErrorList;
}

/** Read all `files` into `stage`; on any error nothing more is staged (the caller refuses). */
export async function readDelivery(
  files: IngestFile[],
  stage: ChargeStage,
  opts: DeliveryReadOptions,
): Promise<DeliveryRead> {
  const errors = new RowErrorList();
  const records: ImportFileRecord[] = [];
  let total = 0;
  for (const original of files) {
    if (errors.full) break;
    const hashed = hashingFile(original);
    let reader: RowReader | null = null;
    let rows = 0;
    let refused = false;
    for await (const batch of readCsvRows(hashed.file)) {
      let start = 0;
      if (reader === null) {
        const plan = planHeader(batch[0].cells);
        for (const p of plan.problems) {
          errors.add({
            file: original.name,
            line: 1,
            column: p.column,
            what: p.what,
            hint: p.hint,
          });
        }
        reader = {
          fileName: original.name,
          plan,
          fingerprint: fingerprintPlan(batch[0].cells),
          tagMapping: opts.tagMapping,
          defaultCurrency: opts.defaultCurrency,
          rules: opts.rules,
          expectedPeriod: opts.expectedPeriod,
          dateCache: new Map(),
        };
        if (plan.problems.length > 0) {
          refused = true;
          break;
        }
        start = 1;
      }
      const staged: StagedCharge[] = [];
      for (let i = start; i < batch.length; i++) {
        rows++;
        const charge = parseChargeRow(reader, batch[i].line, batch[i].cells, errors);
        if (charge !== null && errors.count === 0) staged.push(charge);
        if (errors.full) break;
      }
      if (errors.count === 0) stage.add(staged);
      opts.onProgress?.(total + rows);
      if (errors.full) break;
    }
    hashed.cancel();
    if (reader === null) {
      errors.add({
        file: original.name,
        line: 1,
        what: "empty file, no header.",
        hint: "A FOCUS file starts with a header line naming its columns.",
      });
      continue;
    }
    total += rows;
    if (!refused) {
      records.push({
        name: original.name,
        sha256: hashed.sha256(),
        bytes: hashed.bytes(),
        rows,
        focusVersion: reader.plan.focusVersion,
        columns: reader.plan.names,
      });
    }
  }
  return { files: records, rows: total, errors };
}

/** Wrap a file so its raw bytes are hashed as they are read. */
function hashingFile(file: IngestFile) {
  const hash = createHash("sha256");
  let bytes = 0;
  let stream: ReadableStream<Uint8Array> | null = null;
  let digest: string | null = null;
  return {
    file: {
      name: file.name,
      async open() {
        const raw = await file.open();
        stream = raw.pipeThrough(
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
    } satisfies IngestFile,
    sha256: () => (digest ??= hash.digest("hex")),
    bytes: () => bytes,
    /** Release the file when reading stopped early. */
    cancel() {
      if (stream && !stream.locked) stream.cancel().catch(() => {});
    },
  };
}
