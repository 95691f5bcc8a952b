/**
 * The GL lines of a period from sums made in SQL: SQLite adds up the
 * cent-rounded charges per (fund/org, source, account tag, currency), so
 * about a thousand groups reach JS instead of every charge of the period.
 */

import type { AppContext } from "../app_context.ts";
import type { Config } from "../config/mod.ts";
import { RuleError } from "../domain/errors.ts";
import { iterateJournalCharges, loadJournalGroups } from "./journal_charges.ts";
import {
  buildJournalEntries,
  buildJournalEntriesFromGroups,
  type JournalEntries,
  refusalOrderMatters,
} from "./journal_entries.ts";

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
 * invalid journal with a RuleError). When a refusal lists several accounts of
 * one fund/org and source, their order follows the statement order of the
 * charges, so the refusal is rebuilt from the charges themselves (slow, but
 * only on that refusal) to keep its text exactly as before.
 *
 * `people: false` (for a journal that prints no PI or project: `-f gl` whose
 * descriptions name neither) leaves the lines' piEmail and projectId empty and
 * saves SQLite collecting them; a refusal is still rebuilt with them, since
 * refusals name the PIs.
 */
export function glJournalEntries(
  ctx: AppContext,
  period: string,
  includePending: boolean,
  opts: { people?: boolean } = {},
): GlJournal {
  const people = opts.people ?? true;
  const groups = loadJournalGroups(ctx.db, ctx.config, period, includePending, people);
  const charges = groups.reduce((n, g) => n + g.charges, 0);
  try {
    return { journal: buildJournalEntriesFromGroups(groups, period, ctx.config), charges };
  } catch (e) {
    if (!(e instanceof RuleError)) throw e;
    if (!people) return glJournalEntries(ctx, period, includePending, { people: true });
    if (!refusalOrderMatters(groups)) throw e;
    // throws the same problems, listed in the statement order
    buildJournalEntries(
      iterateJournalCharges(ctx.db, ctx.config, period, includePending),
      period,
      ctx.config,
    );
    throw e;
  }
}
