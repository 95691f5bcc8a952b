/**
 * Reading one sacct export line by line for `convert slurm`: the header (or
 * the named / XDMoD default columns), job steps dropped after a field-count
 * check, and a wrong field count refusing the file with its line.
 */

import { UserError } from "../domain/errors.ts";
import { planColumns, type SacctColumns, XDMOD_COLUMNS } from "./sacct_fields.ts";
import type { SlurmConvertOptions } from "./slurm_convert.ts";
import type { SlurmReport } from "./slurm_report.ts";
import { lineBatches } from "./text_lines.ts";

/** Read one file's lines into `onLine`; a wrong field count refuses the file. */
export async function readSacctFile(
  path: string,
  opts: SlurmConvertOptions,
  report: SlurmReport,
  onLine: (cells: string[], line: number, columns: SacctColumns) => void,
): Promise<void> {
  const d = opts.delimiter;
  let columns: SacctColumns | null = null;
  let lines = 0;
  let header = false;
  for await (const batch of lineBatches(path)) {
    for (let i = 0; i < batch.lines.length; i++) {
      const text = batch.lines[i];
      const line = batch.first + i;
      lines = line;
      if (text === "") continue;
      if (columns !== null && columns.jobId === 0 && isStepLine(text, d)) {
        // a step: dropped; only its field count is checked (no split, no allocation)
        const n = fieldCount(text, d);
        if (n !== columns.count && !(n === columns.count + 1 && text.endsWith(d))) {
          refuseFieldCount(path, line, n, columns.count, header);
        }
        report.stepsDropped++;
        continue;
      }
      let cells = text.split(d);
      if (columns === null) {
        header = cells[0].trim().toLowerCase() === "jobid";
        if (header && cells.length > 1 && cells[cells.length - 1] === "") {
          cells = cells.slice(0, -1);
        }
        columns = planColumns(
          header ? cells : opts.columns ?? XDMOD_COLUMNS,
          header
            ? `${path}:1`
            : `${path} (${opts.columns ? "--columns" : "XDMoD's default columns"})`,
        );
        if (header) continue;
      }
      // --parsable ends every line with the delimiter: one empty field more
      if (cells.length === columns.count + 1 && cells[cells.length - 1] === "") cells.pop();
      if (cells.length !== columns.count) {
        refuseFieldCount(path, line, cells.length, columns.count, header);
      }
      onLine(cells, line, columns);
    }
  }
  report.files.push({ name: path, lines, header, delimiter: d });
}

/** True when the line's first field (JobID) names a step ("123.batch"). */
function isStepLine(text: string, d: string): boolean {
  const end = text.indexOf(d);
  const dot = text.indexOf(".");
  return dot >= 0 && (end < 0 || dot < end);
}

/** Fields of a line: delimiters + 1. */
function fieldCount(text: string, d: string): number {
  let n = 1;
  for (let at = text.indexOf(d); at >= 0; at = text.indexOf(d, at + d.length)) n++;
  return n;
}

function refuseFieldCount(
  path: string,
  line: number,
  got: number,
  want: number,
  header: boolean,
): never {
  throw new UserError(
    `${path}:${line}: ${got} fields where the ${
      header ? "header names" : "columns name"
    } ${want}; the file is refused.`,
    {
      hint: header
        ? "Check the delimiter (--delimiter) and that no field contains it."
        : "Name the columns of this export with --columns (or check --delimiter).",
    },
  );
}
