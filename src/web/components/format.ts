/** Formatting for pages: money (cents, per currency), counts, dates. */

/** Money: the one formatter of the program (rounded once to the currency's minor unit). */
export { formatExact, formatMoney } from "../../domain/money_format.ts";

const COUNT = new Intl.NumberFormat("en-US");

/** A whole number with thousands separators. */
export function formatCount(n: number): string {
  return COUNT.format(n);
}

/** An ISO timestamp as "YYYY-MM-DD HH:MM UTC". */
export function formatWhen(iso: string | null | undefined): string {
  if (!iso) return "";
  return iso.replace("T", " ").replace(/:\d\d(\.\d+)?Z$/, " UTC");
}

/** Bytes as "12.3 MB". */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) (v /= 1024, i++);
  return `${v.toFixed(1)} ${units[i]}`;
}
