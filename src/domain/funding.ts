/**
 * Funds and fund splits (config `funding`): a project's charges split across
 * funds by percent (two decimals, hundredths of a percent inside), in force
 * from one month until another (inclusive; open-ended when no `until`), and
 * funds with a last day they may be charged. Pure: no I/O.
 */

/** One share of a split: the fund and its percent in hundredths (60.00 % = 6000). */
export interface FundShare {
  fundOrg: string;
  hundredths: number;
}

/** A split in force over a range of months. */
export interface FundSplit {
  projectId: string;
  from: string;
  /** Last month, inclusive; null = open-ended. */
  until: string | null;
  shares: FundShare[];
}

/** The funding rules of a config. */
export interface FundingRules {
  splits: FundSplit[];
  /** Fund/org -> last day it may be charged (YYYY-MM-DD). */
  expires: Record<string, string>;
}

/** No splits, no expiries. */
export const NO_FUNDING: FundingRules = { splits: [], expires: {} };

/** "60", "33.34" -> hundredths (6000, 3334); null when not a percent with <= 2 decimals. */
export function percentHundredths(text: string): number | null {
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (m === null) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
}

/** Hundredths as a percent text: 6000 -> "60.00". */
export function formatHundredths(h: number): string {
  return `${Math.trunc(h / 100)}.${String(h % 100).padStart(2, "0")}`;
}

/** Build the rules from config-shaped values. */
export function fundingRules(config: {
  funds: { fund_org: string; expires?: string }[];
  splits: {
    project_id: string;
    from: string;
    until?: string;
    funds: { fund_org: string; percent: string }[];
  }[];
}): FundingRules {
  const expires: Record<string, string> = {};
  for (const f of config.funds) if (f.expires) expires[f.fund_org.trim()] = f.expires.trim();
  return {
    expires,
    splits: config.splits.map((s) => ({
      projectId: s.project_id.trim(),
      from: s.from.trim(),
      until: s.until?.trim() || null,
      shares: s.funds.map((f) => ({
        fundOrg: f.fund_org.trim(),
        hundredths: percentHundredths(f.percent) ?? 0,
      })),
    })),
  };
}

/** The split of `projectId` in force in `period` (the first listed), or null. */
export function splitFor(
  rules: FundingRules,
  projectId: string | null,
  period: string,
): FundSplit | null {
  if (projectId === null) return null;
  for (const s of rules.splits) {
    if (s.projectId === projectId && s.from <= period && (s.until === null || period <= s.until)) {
      return s;
    }
  }
  return null;
}

/** True when the shares total exactly 100.00 %. */
export function splitTotals100(split: FundSplit): boolean {
  return split.shares.reduce((a, s) => a + s.hundredths, 0) === 10000;
}

/** True when `fundOrg` has expired before the first day of `period`. */
export function fundExpired(rules: FundingRules, fundOrg: string, period: string): boolean {
  const last = rules.expires[fundOrg];
  return last !== undefined && `${period}-01` > last;
}
