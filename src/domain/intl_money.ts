/**
 * The Intl money text of statements and their emails, kept in the domain so
 * both capabilities share it without importing each other
 * (domain/money_format.ts is the formatter that replaces it).
 */

import { formatMicros } from "./money.ts";

const formatters = new Map<string, Intl.NumberFormat>();

/**
 * Format cents-rounded micro-units in `currency` with Intl.NumberFormat
 * ("$1,234.50", "€12.00", "JPY 1,235" as the locale prints it). The value is
 * passed as an exact decimal string, never through a float sum. An unknown
 * currency code falls back to "CODE 1,234.50".
 */
export function formatMoney(micros: number, currency: string): string {
  let fmt = formatters.get(currency);
  if (!fmt) {
    try {
      fmt = new Intl.NumberFormat("en-US", {
        style: "currency",
        currency,
        minimumFractionDigits: 2,
        maximumFractionDigits: 2,
      });
    } catch {
      fmt = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
      const plain = fmt;
      fmt = {
        format: (v: string) => `${currency} ${plain.format(v as unknown as number)}`,
      } as unknown as Intl.NumberFormat;
    }
    formatters.set(currency, fmt);
  }
  // Intl.NumberFormat accepts exact decimal strings (ES2023 NumberFormat v3).
  return fmt.format(formatMicros(micros, 2) as unknown as number);
}
