/**
 * The money rule of one currency section of a statement: its total is the
 * exact sum of its charges rounded once to the currency's minor unit; the
 * lines printed under it are allocated by largest remainder
 * (`domain/allocate.ts`) so that they add up to it exactly.
 *
 * Levels (each allocated under the one above, so every printed figure is
 * within one minor unit of its exact value):
 *   section total (amount due; list price)
 *     -> one part per service of the regular lines (the "Charges by service"
 *        rows, by service name) and one per credit/refund/adjustment line
 *        (in printed order)
 *       -> the regular lines of each service (in printed order)
 * Amount due and list price are allocated separately; a line's discount is
 * its list minus its billed.
 */

import { allocateByParts } from "../domain/allocate.ts";
import { roundToMinor } from "../domain/currency.ts";

/** One line's exact amounts (micro-units) and where it is printed. */
export interface ExactLine {
  billedExact: number;
  listExact: number;
  /** false for credits, refunds, adjustments and corrections (printed apart). */
  regular: boolean;
  service: string;
}

/** A "Charges by service" row, allocated. */
export interface AllocatedService {
  service: string;
  charges: number;
  billed: number;
  list: number;
}

/** The allocated figures of a section (micro-units, whole minor units). */
export interface AllocatedSection {
  /** Per line, in the order given. */
  billed: number[];
  list: number[];
  /** Regular lines by service, sorted by service name. */
  services: AllocatedService[];
  /** round(exact billed sum): the amount due. */
  totalBilled: number;
  /** round(exact list sum). */
  totalList: number;
  /** The exact sums. */
  exactBilled: number;
  exactList: number;
}

function sum(xs: readonly number[]): number {
  let t = 0;
  for (const x of xs) t += x;
  if (!Number.isSafeInteger(t)) throw new Error("money sum overflowed the exact range");
  return t;
}

/** Allocate a section's lines (given in their printed order). */
export function allocateSection(lines: readonly ExactLine[], currency: string): AllocatedSection {
  const byService = new Map<string, number[]>();
  const others: number[] = [];
  lines.forEach((l, i) => {
    if (!l.regular) return others.push(i);
    const list = byService.get(l.service);
    if (list) list.push(i);
    else byService.set(l.service, [i]);
  });
  const services = [...byService.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const groups = [...services.map((s) => byService.get(s)!), ...others.map((i) => [i])];
  const billed = new Array<number>(lines.length).fill(0);
  const list = new Array<number>(lines.length).fill(0);
  const pick = (amount: (l: ExactLine) => number, out: number[]) => {
    const exact = sum(lines.map(amount));
    const total = roundToMinor(exact, currency);
    const parts = groups.map((g) => sum(g.map((i) => amount(lines[i]))));
    const top = allocateByParts(total, parts, currency);
    groups.forEach((g, k) => {
      const inner = allocateByParts(top[k], g.map((i) => amount(lines[i])), currency);
      g.forEach((i, j) => (out[i] = inner[j]));
    });
    return { exact, total, top };
  };
  const b = pick((l) => l.billedExact, billed);
  const l = pick((l) => l.listExact, list);
  return {
    billed,
    list,
    services: services.map((service, k) => ({
      service,
      charges: byService.get(service)!.length,
      billed: b.top[k],
      list: l.top[k],
    })),
    totalBilled: b.total,
    totalList: l.total,
    exactBilled: b.exact,
    exactList: l.exact,
  };
}
