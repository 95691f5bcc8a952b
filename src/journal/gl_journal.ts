/**
 * The GL lines of a period from sums made in SQL: SQLite adds up the exact
 * amounts per (PI, project, fund/org, source, account tag, currency), a few
 * rows per statement reach JS instead of every charge of the period, and each
 * statement's amount due is allocated over its groups there.
 */

import type { AppContext } from "../app_context.ts";
import type { Config } from "../config/mod.ts";
import { loadFundingRules } from "../funding/mod.ts";
import { loadJournalGroups } from "./journal_charges.ts";
import { buildJournalEntriesFromGroups, type JournalEntries } from "./journal_entries.ts";

/** A period's GL lines and the number of charges they bill. */
export interface GlJournal {
  journal: JournalEntries;
  charges: number;
}

/** Whether the configured debit/credit descriptions print PIs or projects. */
export function descriptionsNamePeople(config: Config): boolean {
  const j = config.journal;
  return /\{(pi_email|project_id)\}/.test(j.debit_description + j.credit_description);
}

/**
 * Build the balanced GL lines of a period's billable charges (refusing an
 * invalid journal with a RuleError). `opts.people` is accepted for the
 * formats' sake; the groups always carry their PIs and projects now (they are
 * grouped per statement).
 */
export function glJournalEntries(
  ctx: AppContext,
  period: string,
  includePending: boolean,
  _opts: { people?: boolean } = {},
): GlJournal {
  const groups = loadJournalGroups(
    ctx.db,
    ctx.config,
    period,
    includePending,
    loadFundingRules(ctx),
  );
  const charges = groups.reduce((n, g) => n + g.charges, 0);
  return { journal: buildJournalEntriesFromGroups(groups, period, ctx.config), charges };
}
