/**
 * Where a delivery's parsed rows go, period by period: rows of a period the
 * source holds no charges in are inserted straight into `charges` (inside the
 * write transaction) or, in a dry run, only counted; rows of a period the
 * source already has charges in go to the TEMP stage, to be compared with
 * what is stored. Also keeps the delivery's totals (rows, flagged, costs per
 * currency) and its periods.
 */

import {
  CHARGE_FIELDS,
  type ChargeStage,
  type DeliveryDiff,
  type DirectChargeWriter,
  type StagedCharge,
  type StageTotals,
} from "../storage/mod.ts";

import type { PackedBatch } from "./staged_charge_packing.ts";

/** Where the fields the sink reads are in a packed row. */
const AT_PERIOD = CHARGE_FIELDS.indexOf("period");
const AT_FLAGS = CHARGE_FIELDS.indexOf("flags");
const AT_CURRENCY = CHARGE_FIELDS.indexOf("billingCurrency");
const AT_BILLED = CHARGE_FIELDS.indexOf("billedCost");
const AT_LIST = CHARGE_FIELDS.indexOf("listCost");

/** How the rows of one period are handled. */
export type PeriodRoute = "insert" | "count" | "stage";

/** The routing rules of a delivery. */
export interface SinkRouting {
  stage: ChargeStage;
  /** Inserts rows of new periods (write transaction open), or null. */
  direct: DirectChargeWriter | null;
  /**
   * Whether the source holds charges in a period (stage it) or not (insert or
   * count it); null = stage every period.
   */
  hasCharges: ((period: string) => boolean) | null;
  /** Called once per period routed to `insert`, before its first row (creates the period). */
  onInsertPeriod?: (period: string) => void;
}

/** Receives a delivery's rows in batches. */
export class DeliverySink {
  readonly #routing: SinkRouting;
  readonly #routes = new Map<string, PeriodRoute>();
  readonly #currencies = new Map<string, { rows: number; billed: number; list: number }>();
  #rows = 0;
  #flagged = 0;
  /** Rows inserted or counted without the stage. */
  #direct = 0;
  #staged: StagedCharge[] = [];
  #inserted: StagedCharge[] = [];

  constructor(routing: SinkRouting) {
    this.#routing = routing;
  }

  /** Take a batch of parsed rows (in delivery order). */
  add(rows: StagedCharge[]): void {
    const staged = this.#staged;
    const inserted = this.#inserted;
    let lastPeriod = "";
    let route: PeriodRoute = "stage";
    for (const r of rows) {
      if (r.period !== lastPeriod) {
        lastPeriod = r.period;
        route = this.#routes.get(lastPeriod) ?? this.#route(lastPeriod);
      }
      if (route === "stage") staged.push(r);
      else if (route === "insert") inserted.push(r);
      else this.#direct++;
      this.#rows++;
      if (r.flags !== null) this.#flagged++;
      this.#count(r.billingCurrency, r.billedCost, r.listCost);
    }
    if (staged.length) this.#routing.stage.add(staged);
    if (inserted.length) {
      this.#routing.direct!.add(inserted);
      this.#direct += inserted.length;
    }
    staged.length = 0;
    inserted.length = 0;
  }

  /**
   * Take a batch packed by the parse worker: a batch whose rows all go
   * straight into `charges` is inserted as it is (no row objects); any other
   * is unpacked and taken by add().
   */
  addPacked(batch: PackedBatch): void {
    const v = batch.values;
    const n = CHARGE_FIELDS.length;
    let lastPeriod = "";
    let allInsert = this.#routing.direct !== null;
    for (let k = 0; k < v.length && allInsert; k += n) {
      const period = v[k + AT_PERIOD] as string;
      if (period === lastPeriod) continue;
      lastPeriod = period;
      allInsert = (this.#routes.get(period) ?? this.#route(period)) === "insert";
    }
    if (!allInsert) return this.add(batch.rows());
    for (let k = 0; k < v.length; k += n) {
      this.#rows++;
      if (v[k + AT_FLAGS] !== null) this.#flagged++;
      this.#count(
        v[k + AT_CURRENCY] as string,
        v[k + AT_BILLED] as number,
        v[k + AT_LIST] as number,
      );
    }
    this.#routing.direct!.addPacked(batch);
    this.#direct += batch.rowCount;
  }

  #count(currency: string, billed: number, list: number): void {
    const c = this.#currencies.get(currency);
    if (c) {
      c.rows++;
      c.billed += billed;
      c.list += list;
    } else {
      this.#currencies.set(currency, { rows: 1, billed, list });
    }
  }

  #route(period: string): PeriodRoute {
    const { hasCharges, direct } = this.#routing;
    const route: PeriodRoute = hasCharges === null || hasCharges(period)
      ? "stage"
      : direct
      ? "insert"
      : "count";
    if (route === "insert") this.#routing.onInsertPeriod?.(period);
    this.#routes.set(period, route);
    return route;
  }

  /** The delivery's periods, sorted. */
  periods(): string[] {
    return [...this.#routes.keys()].sort();
  }

  /** Row count, flagged count and cost sums per currency (sorted by currency). */
  totals(): StageTotals {
    const byCurrency = [...this.#currencies.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([currency, c]) => ({ currency, ...c }));
    for (const c of byCurrency) {
      if (!Number.isSafeInteger(c.billed) || !Number.isSafeInteger(c.list)) {
        throw new Error("money sum overflowed the exact range");
      }
    }
    return { rows: this.#rows, flagged: this.#flagged, byCurrency };
  }

  /** Rows inserted (or, in a dry run, counted) without the stage: all of them are added. */
  get directRows(): number {
    return this.#direct;
  }

  /** The whole delivery's diff, given the stage's (`null`: nothing staged). */
  diff(staged: DeliveryDiff | null): DeliveryDiff {
    return {
      added: this.#direct + (staged?.added ?? 0),
      removed: staged?.removed ?? 0,
      unchanged: staged?.unchanged ?? 0,
    };
  }
}
