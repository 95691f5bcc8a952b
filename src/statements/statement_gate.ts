/**
 * The gate before statements: a charge that would go on a statement without
 * a valid PI email or a fund/org (no split in force for its project) stops
 * `generate`, which then lists those charges with the command that fixes them
 * and uses no statement number. The web statements page shows the same.
 */

import { countOf, plural } from "../domain/plural.ts";
import type { AppContext } from "../app_context.ts";
import { RuleError } from "../domain/errors.ts";
import { isValidEmail } from "../domain/flags.ts";
import { splitFor } from "../domain/funding.ts";
import { loadFundingRules } from "../funding/mod.ts";
import { formatMoneyCode } from "../domain/money_format.ts";
import { type AttributionGapRow, billablePiEmails, listAttributionGaps } from "../storage/mod.ts";

/** A charge that cannot be billed as attributed. */
export interface AttributionGap {
  id: number;
  source: string;
  piEmail: string | null;
  projectId: string | null;
  fundOrg: string | null;
  billedCost: number;
  currency: string;
  /** What is wrong: "no PI email", "PI email 'x' is not valid", "no fund/org". */
  problems: string[];
  /** The command that fixes it. */
  fix: string;
  /** The page that fixes it. */
  page: string;
}

/** The billable charges of `period` (in scope) that a statement cannot carry. */
export function attributionGaps(
  ctx: AppContext,
  period: string,
  piEmails: string[] = [],
  projectIds: string[] = [],
): AttributionGap[] {
  const bad = billablePiEmails(ctx.db, period).filter((e) => !isValidEmail(e));
  const funding = loadFundingRules(ctx);
  const splitProjects = funding.splits.filter((s) =>
    splitFor(funding, s.projectId, period) !== null
  )
    .map((s) => s.projectId);
  return listAttributionGaps(ctx.db, period, bad, splitProjects, piEmails, projectIds).map(toGap);
}

function toGap(r: AttributionGapRow): AttributionGap {
  const problems: string[] = [];
  if (!r.pi_email?.trim()) problems.push("no PI email");
  else if (!isValidEmail(r.pi_email)) problems.push(`PI email '${r.pi_email}' is not valid`);
  if (!r.fund_org?.trim()) problems.push("no fund/org");
  return {
    id: r.id,
    source: r.source_name,
    piEmail: r.pi_email,
    projectId: r.project_id,
    fundOrg: r.fund_org,
    billedCost: r.billed_cost,
    currency: r.billing_currency,
    problems,
    fix: `openchargeback review assign --id ${r.id} --pi EMAIL --project ${
      r.project_id ?? "PROJECT"
    } --fund ${r.fund_org?.trim() || "FUND"} --note '...'`,
    page: `/charges/${r.id}`,
  };
}

/** Refuse (RuleError listing the charges) when any charge in scope has a gap. */
export function assertStatementsAttributable(
  ctx: AppContext,
  period: string,
  piEmails: string[] = [],
  projectIds: string[] = [],
): void {
  const gaps = attributionGaps(ctx, period, piEmails, projectIds);
  if (gaps.length === 0) return;
  throw new RuleError(
    `generate refused: ${countOf(gaps.length, "billable charge")} in ${period} ${
      plural(gaps.length, "has", "have")
    } no valid PI email or fund/org; no statement was numbered.`,
    {
      hint: "Assign them (openchargeback review assign, or the charge's page on the web), " +
        "or add an attribution rule and run: openchargeback attribution apply -p " + period + ".",
      details: gaps.slice(0, 50).map((g) =>
        `charge ${g.id} (${g.source}, ${formatMoneyCode(g.billedCost, g.currency)}): ${
          g.problems.join(", ")
        }; fix: ${g.fix} (web: ${g.page})`
      ),
    },
  );
}
