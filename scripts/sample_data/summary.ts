/**
 * Expected figures of the sample files, computed from the cells as written
 * (integer micro-units via parseMicros): rows, billed and list totals per file
 * and per month, and which rows the sample config flags and why.
 */

import { microsToDecimal, parseMicros } from "../../src/domain/money.ts";
import type { SampleFile } from "./sample_file.ts";

/** The review patterns of sample_data/config.example.yaml. */
export const SAMPLE_FLAG_PATTERNS = ["gpu"];
export const SAMPLE_FUND_ORG_PATTERNS = ["^[A-Z]{2,6}-[0-9]{5}$"];

/** A row the sample config flags. */
export interface FlaggedRow {
  file: string;
  line: number;
  reasons: string[];
  pi: string;
  project: string;
  service: string;
  billed: string;
}

/** Totals of one file or month. */
export interface Totals {
  rows: number;
  billed: string;
  list: string;
  flagged: number;
}

/** Everything sample_data/README.md and expected.json state. */
export interface SampleSummary {
  files: Record<string, Totals & { source: string; period: string; focusVersion: string }>;
  periods: Record<string, Totals & { pis: number; projects: number }>;
  flagged: FlaggedRow[];
  /** Per period: billed total after approving the pattern/fund-format rows and rejecting the missing-fund rows. */
  billableAfterReview: Record<string, string>;
}

/** Flag reasons of one row under the sample config (the ingest rules). */
export function flagReasons(row: Record<string, string | null>): string[] {
  const reasons: string[] = [];
  const tags = JSON.parse(row.Tags ?? "{}") as Record<string, string>;
  if (!tags.pi_email) reasons.push("missing_pi_email");
  else if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(tags.pi_email)) reasons.push("invalid_pi_email");
  if (!tags.project_id) reasons.push("missing_project_id");
  if (!tags.fund_org) reasons.push("missing_fund_org");
  else if (!SAMPLE_FUND_ORG_PATTERNS.some((p) => new RegExp(p).test(tags.fund_org))) {
    reasons.push("invalid_fund_org");
  }
  for (const p of SAMPLE_FLAG_PATTERNS) {
    const re = new RegExp(p, "i");
    if ([row.ServiceName, row.ResourceId, row.ResourceName].some((v) => v && re.test(v))) {
      reasons.push(`pattern:${p}`);
    }
  }
  return reasons;
}

function money(text: string | null): number {
  const v = parseMicros(text ?? "");
  if (v === null) throw new Error(`not a number: ${text}`);
  return v;
}

/** Compute the summary of `files`. */
export function summarise(files: SampleFile[]): SampleSummary {
  const out: SampleSummary = { files: {}, periods: {}, flagged: [], billableAfterReview: {} };
  const perPeriod = new Map<
    string,
    {
      billed: number;
      list: number;
      rows: number;
      flagged: number;
      billable: number;
      pis: Set<string>;
      projects: Set<string>;
    }
  >();
  for (const f of files) {
    let billed = 0, list = 0, flagged = 0;
    const p = perPeriod.get(f.period) ??
      { billed: 0, list: 0, rows: 0, flagged: 0, billable: 0, pis: new Set(), projects: new Set() };
    perPeriod.set(f.period, p);
    f.rows.forEach((row, i) => {
      const b = money(row.BilledCost);
      billed += b;
      list += money(row.ListCost);
      const tags = JSON.parse(row.Tags ?? "{}") as Record<string, string>;
      p.pis.add(tags.pi_email);
      p.projects.add(tags.project_id);
      const reasons = flagReasons(row);
      const rejected = reasons.includes("missing_fund_org");
      if (!rejected) p.billable += b;
      if (reasons.length === 0) return;
      flagged++;
      out.flagged.push({
        file: f.name,
        line: i + 2,
        reasons,
        pi: tags.pi_email,
        project: tags.project_id,
        service: row.ServiceName ?? "",
        billed: microsToDecimal(b),
      });
    });
    out.files[f.name] = {
      source: f.source,
      period: f.period,
      focusVersion: f.focusVersion,
      rows: f.rows.length,
      billed: microsToDecimal(billed),
      list: microsToDecimal(list),
      flagged,
    };
    p.billed += billed;
    p.list += list;
    p.rows += f.rows.length;
    p.flagged += flagged;
  }
  for (const [period, p] of [...perPeriod].sort()) {
    out.periods[period] = {
      rows: p.rows,
      billed: microsToDecimal(p.billed),
      list: microsToDecimal(p.list),
      flagged: p.flagged,
      pis: p.pis.size,
      projects: p.projects.size,
    };
    out.billableAfterReview[period] = microsToDecimal(p.billable);
  }
  return out;
}
