/**
 * An independent reading of an accepted file, to check what ingest stored:
 * the data rows and the exact sum of BilledCost in micro-units (BigInt
 * decimal arithmetic, half away from zero), without any of our own parsers.
 */

import Papa from "papaparse";

/** Rows and billed sum of a CSV text, or null when it is not a clean CSV. */
export function referenceTotals(bytes: Uint8Array): { rows: number; billedMicros: bigint } | null {
  let text = new TextDecoder().decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const parsed = Papa.parse<string[]>(text, { delimiter: ",", skipEmptyLines: false });
  if (parsed.errors.length) return null;
  const rows = parsed.data.filter((r) => !(r.length === 1 && r[0] === ""));
  if (rows.length === 0) return null;
  const header = rows[0].map((h) => h.trim().toLowerCase());
  const col = header.indexOf("billedcost");
  if (col < 0) return null;
  let sum = 0n;
  for (const r of rows.slice(1)) {
    const micros = decimalToMicros(r[col] ?? "");
    if (micros === null) return null;
    sum += micros;
  }
  return { rows: rows.length - 1, billedMicros: sum };
}

/** "12.3456789" -> 12345679n (micro-units, half away from zero); null when not a decimal. */
export function decimalToMicros(cell: string): bigint | null {
  const m = /^\s*([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/.exec(cell);
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) return null;
  const digits = BigInt((m[2] || "0") + (m[3] ?? ""));
  const scale = (m[3] ?? "").length - Number(m[4] ?? "0") - 6; // value = digits / 10^scale micros
  let micros: bigint;
  if (scale <= 0) micros = digits * 10n ** BigInt(-scale);
  else {
    const div = 10n ** BigInt(scale);
    micros = digits / div;
    if ((digits % div) * 2n >= div) micros += 1n;
  }
  return m[1] === "-" ? -micros : micros;
}
