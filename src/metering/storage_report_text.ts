/** The `convert storage` report as text for stderr. */

import { countOf } from "../domain/plural.ts";
import type { StorageReport } from "./storage_convert.ts";

/** The report as lines of text. */
export function formatStorageReport(r: StorageReport): string {
  const out = [
    `convert storage ${r.period} (${r.basis} basis; rates ${r.rateCard})`,
    ...r.files.map((f) => `  ${f.name}: ${f.lines} lines`),
    `  snapshots: ${r.snapshots} of ${countOf(r.keys, "key")}`,
  ];
  for (const g of r.gaps) {
    out.push(
      `  warning: gap of ${g.days} days in ${g.filesystem ? `${g.filesystem}/` : ""}${g.key}: ` +
        `${g.from} to ${g.to} (the earlier value is held)`,
    );
  }
  for (const k of r.lateKeys) {
    out.push(
      `  note: ${k.filesystem ? `${k.filesystem}/` : ""}${k.key} first appears ${k.first} ` +
        "(nothing billed before)",
    );
  }
  for (const f of r.unknownFilesystems) {
    out.push(
      `  warning: no SKU for filesystem '${f.filesystem}': ${countOf(f.keys, "key")} not billed`,
    );
  }
  if (r.unmappedKeys.length) {
    out.push(
      `  unmapped keys (rows without PI tags, held for review): ${r.unmappedKeys.join(", ")}`,
    );
  }
  if (r.refusedLineCount) {
    out.push(`  refused lines: ${r.refusedLineCount}`);
    for (const l of r.refusedLines) out.push(`    ${l.file}:${l.line}: ${l.reason}`);
  }
  out.push(
    `  rows: ${r.rows}; list ${r.totals.listCost}, free tier ${r.totals.free}, subsidy ` +
      `${r.totals.subsidy}, billed ${r.totals.billedCost} ${r.currency}`,
  );
  return out.join("\n");
}
