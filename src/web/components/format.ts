/** Formatting for pages: money (cents, per currency), counts, dates. */

import { formatMicros } from "../../domain/money.ts";

const MONEY = new Map<string, Intl.NumberFormat>();

/**
 * Micro-units as money in `currency`, rounded to cents once (half away from
 * zero, by formatMicros): 19086750000 USD -> "$19,086.75". The decimal string
 * is handed to Intl unchanged, so no float is involved.
 */
export function formatMoney(micros: number, currency: string): string {
  let f = MONEY.get(currency);
  if (!f) {
    try {
      f = new Intl.NumberFormat("en-US", { style: "currency", currency });
    } catch {
      return `${formatMicros(micros, 2)} ${currency}`;
    }
    MONEY.set(currency, f);
  }
  return f.format(formatMicros(micros, 2) as unknown as number);
}

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
