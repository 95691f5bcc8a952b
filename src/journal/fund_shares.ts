/**
 * A split project's amounts debited to its funds: an amount already allocated
 * in whole minor units (a charge's statement line, a summary row's share of
 * its statement) is divided over the split's funds by percent with the
 * largest-remainder rule of `domain/allocate.ts` (allocateByWeights, ties to
 * the first fund in the split's order), exactly as the GL lines divide a
 * statement part. The shares add up exactly to the amount, so a journal
 * listing them still adds up to the statements. Pure code.
 */

import { allocateByWeights } from "../domain/allocate.ts";
import { formatHundredths, type FundShare } from "../domain/funding.ts";

/** One fund's share of a set of amounts (same order as given). */
export interface FundPortion {
  fundOrg: string;
  /** The fund's percent in hundredths (6000 = 60.00 %); null when not split. */
  hundredths: number | null;
  /** The shares of each amount given, whole minor units (micro-units). */
  amounts: number[];
}

/**
 * Divide `amounts` (micro-units, whole minor units of `currency`) over the
 * funds of `split`, or hand them whole to `fundOrg` when there is no split.
 */
export function fundPortions(
  fundOrg: string,
  split: readonly FundShare[] | null | undefined,
  amounts: readonly number[],
  currency: string,
): FundPortion[] {
  if (!split || split.length === 0) return [{ fundOrg, hundredths: null, amounts: [...amounts] }];
  const weights = split.map((f) => f.hundredths);
  const shares = amounts.map((a) => allocateByWeights(a, weights, currency));
  return split.map((f, k) => ({
    fundOrg: f.fundOrg,
    hundredths: f.hundredths,
    amounts: shares.map((s) => s[k]),
  }));
}

/** The "Fund Percent" cell of a journal line: "60.00", or "" when not split. */
export function fundPercentCell(hundredths: number | null): string {
  return hundredths === null ? "" : formatHundredths(hundredths);
}
