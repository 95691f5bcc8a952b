/**
 * Review flags: why a charge must be looked at before it is billed. A charge
 * can carry several reasons; all are kept, in a stable order (the order of
 * FLAG_ORDER, `pattern:` reasons in the configured order).
 */

import { fundExpired, type FundingRules, splitFor, splitTotals100 } from "./funding.ts";

/** The attribution and descriptive fields the flag rules look at. */
export interface FlagInput {
  piEmail: string | null;
  projectId: string | null;
  fundOrg: string | null;
  serviceName: string | null;
  resourceId: string | null;
  resourceName: string | null;
  /** The charge's billing period (YYYY-MM). */
  period: string;
  /** The period the user declared for the delivery (`-p`), if any. */
  expectedPeriod?: string | null;
  /** False when the Tags cell was not a JSON object. */
  tagsValid: boolean;
}

/** A compiled `review.flag_patterns` entry: its source text (named in the reason) and regex. */
export interface FlagPattern {
  source: string;
  /** Case-insensitive regex. */
  regex: RegExp;
}

/** The configured rules (config values, or the web Settings overrides). */
export interface FlagRules {
  flagPatterns: FlagPattern[];
  /** When non-empty, a fund/org must match at least one. */
  fundOrgPatterns: RegExp[];
  /** Fund splits and expiries (config `funding`); absent = none. */
  funding?: FundingRules;
}

/** The fixed reasons in the order they are listed (`pattern:<regex>` sits after invalid_fund_org). */
export const FLAG_ORDER = [
  "missing_pi_email",
  "invalid_pi_email",
  "missing_project_id",
  "missing_fund_org",
  "invalid_fund_org",
  "split_not_100",
  "expired_fund",
  "pattern:",
  "period_mismatch",
  "invalid_tags",
] as const;

const EMAIL_RE = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)*\.[^\s@.]{2,}$/;

/** True when `text` looks like `local@domain.tld`. */
export function isValidEmail(text: string): boolean {
  // RFC 5321 limits: 64 characters before the @, 254 in all
  return text.length <= 254 && text.lastIndexOf("@") <= 64 && EMAIL_RE.test(text);
}

/** The flag reasons of a charge; empty when it can be billed as is. */
export function flagReasons(input: FlagInput, rules: FlagRules): string[] {
  const reasons: string[] = [];
  if (!input.piEmail) reasons.push("missing_pi_email");
  else if (!isValidEmail(input.piEmail)) reasons.push("invalid_pi_email");
  if (!input.projectId) reasons.push("missing_project_id");
  const funding = rules.funding;
  const split = funding && funding.splits.length > 0
    ? splitFor(funding, input.projectId, input.period)
    : null;
  if (split !== null) {
    // a split project is billed to the split's funds, not to the charge's own fund/org
    if (
      rules.fundOrgPatterns.length > 0 &&
      split.shares.some((s) => !rules.fundOrgPatterns.some((re) => testRegex(re, s.fundOrg)))
    ) reasons.push("invalid_fund_org");
    if (!splitTotals100(split)) reasons.push("split_not_100");
    if (split.shares.some((s) => fundExpired(funding!, s.fundOrg, input.period))) {
      reasons.push("expired_fund");
    }
  } else if (!input.fundOrg) reasons.push("missing_fund_org");
  else {
    if (
      rules.fundOrgPatterns.length > 0 &&
      !rules.fundOrgPatterns.some((re) => testRegex(re, input.fundOrg!))
    ) reasons.push("invalid_fund_org");
    if (funding && fundExpired(funding, input.fundOrg, input.period)) {
      reasons.push("expired_fund");
    }
  }
  for (const p of rules.flagPatterns) {
    if (
      (input.serviceName !== null && testRegex(p.regex, input.serviceName)) ||
      (input.resourceId !== null && testRegex(p.regex, input.resourceId)) ||
      (input.resourceName !== null && testRegex(p.regex, input.resourceName))
    ) reasons.push(`pattern:${p.source}`);
  }
  if (input.expectedPeriod && input.period !== input.expectedPeriod) {
    reasons.push("period_mismatch");
  }
  if (!input.tagsValid) reasons.push("invalid_tags");
  return reasons;
}

/** `test` that is safe with /g and /y regexes (resets lastIndex). */
function testRegex(re: RegExp, text: string): boolean {
  re.lastIndex = 0;
  return re.test(text);
}
