/**
 * Splitting a fund/org with `journal.fund_org_regex`: its named groups
 * (Python `(?P<name>...)` accepted, as 0.4 configs write them) become fields
 * such as `fund` and `orgn` that GL columns and templates use.
 */

import { compileConfigRegex, pythonRegexToJs } from "../config/mod.ts";

/** A compiled fund/org splitter; `regex` is null when none is configured. */
export interface FundOrgSplitter {
  regex: RegExp | null;
  source: string;
  /** Named groups in the order they appear in the pattern. */
  groupNames: string[];
}

/** The fields of a fund/org: the named groups plus the GL defaults. */
export interface FundOrgFields {
  /** Whether the fund/org matched the regex (true when no regex is set). */
  matched: boolean;
  fund: string;
  orgn: string;
  program: string;
  activity: string;
  location: string;
  /** Every named group of the regex ("" when a group did not take part). */
  groups: Record<string, string>;
}

/**
 * Compile `journal.fund_org_regex`. Like 0.4 (Python `re.match`) the match is
 * anchored at the start of the fund/org.
 */
export function compileFundOrgSplitter(source: string): FundOrgSplitter {
  if (!source.trim()) return { regex: null, source: "", groupNames: [] };
  const regex = compileConfigRegex(`^(?:${source})`, "journal.fund_org_regex");
  const names = [...pythonRegexToJs(source).matchAll(/\(\?<([A-Za-z_][A-Za-z0-9_]*)>/g)]
    .map((m) => m[1]);
  return { regex, source, groupNames: [...new Set(names)] };
}

/**
 * Split a fund/org. Without a regex (or without a `fund` group) the whole
 * fund/org is the fund and `orgn` is empty, as in 0.4.
 */
export function splitFundOrg(splitter: FundOrgSplitter, fundOrg: string): FundOrgFields {
  const m = splitter.regex ? splitter.regex.exec(fundOrg) : null;
  const groups: Record<string, string> = {};
  for (const name of splitter.groupNames) groups[name] = m?.groups?.[name] ?? "";
  const pick = (name: string, fallback: string) =>
    m?.groups?.[name] !== undefined ? m.groups[name] : fallback;
  return {
    matched: splitter.regex === null || m !== null,
    fund: pick("fund", fundOrg),
    orgn: pick("orgn", ""),
    program: pick("program", ""),
    activity: pick("activity", ""),
    location: pick("location", ""),
    groups,
  };
}
