/**
 * The conservation check: for each SKU, the usage of the billed jobs (summed
 * job by job, exact, in unit-seconds) equals the usage of the output rows
 * (summed row by row, exact); and the printed PricingQuantity of the rows,
 * each rounded once half away from zero to a micro-unit, adds up to the exact
 * total rounded to a micro-unit within half a micro-unit per row.
 */

import { divRound, MICRO_N, quantityText } from "./decimal.ts";

/** One SKU's line of the check. */
export interface ConservationLine {
  sku: string;
  unit: string;
  rows: number;
  /** Σ PricingQuantity of the rows as printed. */
  pricingQuantity: string;
  /** Σ clipped usage of the billed jobs (exact total, rounded once to the micro-unit). */
  usage: string;
  /** The same, exact: TRES count x clipped seconds (mem in KiB x seconds), an integer. */
  usageSeconds: string;
  /** pricingQuantity - usage in micro-units (the rounding of each row). */
  roundingMicro: number;
  holds: boolean;
}

/** Accumulates both sides per SKU. */
export class ConservationCheck {
  readonly #jobs = new Map<string, bigint>();
  readonly #rows = new Map<string, { exact: bigint; printed: bigint; rows: number }>();
  readonly #meta = new Map<string, { unit: string; denominator: bigint }>();

  /** A billed job's usage of `sku`: `amount` in unit-seconds (× denominator = 1 unit). */
  job(sku: string, unit: string, denominator: bigint, amount: bigint): void {
    this.#meta.set(sku, { unit, denominator });
    this.#jobs.set(sku, (this.#jobs.get(sku) ?? 0n) + amount);
  }

  /** An output row: its exact amount and its printed quantity (micro-units). */
  row(sku: string, exact: bigint, printedMicro: bigint): void {
    const r = this.#rows.get(sku) ?? { exact: 0n, printed: 0n, rows: 0 };
    r.exact += exact;
    r.printed += printedMicro;
    r.rows++;
    this.#rows.set(sku, r);
  }

  /** The check per SKU, in SKU order. */
  result(): { holds: boolean; skus: ConservationLine[] } {
    const skus: ConservationLine[] = [];
    const ids = [...new Set([...this.#jobs.keys(), ...this.#rows.keys()])].sort();
    for (const id of ids) {
      const { unit, denominator } = this.#meta.get(id) ?? { unit: "", denominator: 1n };
      const jobs = this.#jobs.get(id) ?? 0n;
      const rows = this.#rows.get(id) ?? { exact: 0n, printed: 0n, rows: 0 };
      const usage = divRound(jobs * MICRO_N, denominator);
      const diff = rows.printed - usage;
      const abs = diff < 0n ? -diff : diff;
      skus.push({
        sku: id,
        unit,
        rows: rows.rows,
        pricingQuantity: quantityText(rows.printed),
        usage: quantityText(usage),
        usageSeconds: jobs.toString(),
        roundingMicro: Number(diff),
        holds: rows.exact === jobs && abs * 2n <= BigInt(rows.rows) + 1n,
      });
    }
    return { holds: skus.every((s) => s.holds), skus };
  }
}
