/**
 * The charges a journal bills, under the statements' money rule: a
 * statement's amount due is the exact sum of its charges rounded once to the
 * currency's minor unit, and its cents are allocated by largest remainder
 * (`domain/allocate.ts`) over whatever a journal line splits it by (fund/org,
 * source, account; or its printed lines). Journals are built from those
 * allocated amounts, so every journal adds up to the sum of the statements'
 * amounts due. Charges are grouped as the statements group them
 * (`statements.per`), whether or not `generate` has run: a journal gives the
 * same figures before and after it.
 */

import type { Config } from "../config/mod.ts";
import { allocateByParts, allocateByWeights } from "../domain/allocate.ts";
import { type FundingRules, fundingRules, type FundShare, splitFor } from "../domain/funding.ts";
import { roundToMinor } from "../domain/currency.ts";
import { knownSourceFor } from "../sources/mod.ts";
import { statementGroupKey, statementLineAmounts } from "../statements/mod.ts";
import {
  type BillableChargeRow,
  type Database,
  iterateBillableCharges,
  listBillableGroups,
} from "../storage/mod.ts";

/** One billable charge as the journal sees it. Money in micro-units. */
export interface JournalCharge {
  id: number;
  period: string;
  /** The statement the charge is on (statementGroupKey under statements.per). */
  statementKey: string;
  /** Canonical source key ("aws"). */
  sourceKey: string;
  /** Source name printed in journals ("AWS"). */
  source: string;
  piEmail: string;
  projectId: string;
  fundOrg: string;
  /** The charge's own account code tag ("" when none). */
  accountCode: string;
  serviceName: string;
  resourceId: string;
  resourceName: string;
  currency: string;
  /** The exact stored amounts. */
  billedExact: number;
  listExact: number;
  /** The charge's line on its statement (allocated, whole minor units). */
  listCents: number;
  billedCents: number;
  /** listCents - billedCents. */
  discountCents: number;
  /** Awaiting review (only present with includePending). */
  pending: boolean;
  /**
   * The fund split of the charge's project in force in the period (null or
   * absent: not split). Journals debit each fund its share of the charge
   * (fund_shares.ts) instead of the charge's own fund/org.
   */
  split?: FundShare[] | null;
}

/**
 * Charges of one (fund/org, source, account tag, currency): what a GL journal
 * needs of them. `billedCents` is the sum of the statements' shares of this
 * group (each statement's amount due allocated over its groups).
 */
export interface JournalChargeGroup {
  sourceKey: string;
  source: string;
  /** Trimmed, as on JournalCharge. */
  fundOrg: string;
  /** The charges' own account code tag, trimmed ("" when none). */
  accountCode: string;
  currency: string;
  /** Sum of the statements' allocated shares (micro-units, whole minor units). */
  billedCents: number;
  /** The exact sum of the group's charges (micro-units). */
  billedExact: number;
  charges: number;
  pendingCharges: number;
  /** Distinct PI emails and project ids ("" for none). */
  piEmails: string[];
  projectIds: string[];
}

/** Charges of one statement and one (source, fund/org, account tag, currency), exact. */
export interface StatementPart {
  piEmail: string;
  projectId: string;
  sourceKey: string;
  source: string;
  fundOrg: string;
  accountCode: string;
  currency: string;
  billedExact: number;
  charges: number;
  pendingCharges: number;
}

/** The journal name of a source: its known_sources display name, else the stored one. */
function sourceLabel(config: Config, key: string, storedDisplayName: string): string {
  const known = knownSourceFor(config, key);
  return known?.display_name || known?.name || storedDisplayName || key;
}

const SEP = "\u0000";

/**
 * Allocate each statement's amount due over its (source, fund/org, account,
 * currency) parts and add the shares up per part across statements. Ties go
 * to the part first in (source, fund/org, account) order. Groups come in
 * source, fund/org, account, currency order.
 */
export function allocateJournalGroups(
  parts: Iterable<StatementPart>,
  grouping: "project" | "pi",
  splitOf: ProjectSplits = () => null,
): JournalChargeGroup[] {
  // statement + currency -> part key -> merged part
  const statements = new Map<
    string,
    Map<string, StatementPart & { pis: Set<string>; projects: Set<string> }>
  >();
  for (const p of parts) {
    const sKey = statementGroupKey(grouping, p.piEmail, p.projectId) + SEP + p.currency;
    let byPart = statements.get(sKey);
    if (!byPart) statements.set(sKey, byPart = new Map());
    const key = [p.sourceKey, p.fundOrg, p.accountCode, p.currency].join(SEP);
    const m = byPart.get(key);
    if (m) {
      m.billedExact += p.billedExact;
      m.charges += p.charges;
      m.pendingCharges += p.pendingCharges;
      m.pis.add(p.piEmail);
      m.projects.add(p.projectId);
    } else {
      byPart.set(key, { ...p, pis: new Set([p.piEmail]), projects: new Set([p.projectId]) });
    }
  }
  const out = new Map<string, JournalChargeGroup & { pis: Set<string>; projects: Set<string> }>();
  for (const byPart of statements.values()) {
    const keys = [...byPart.keys()].sort();
    const list = keys.map((k) => byPart.get(k)!);
    const currency = list[0].currency;
    const exact = list.map((p) => p.billedExact);
    const total = roundToMinor(exact.reduce((a, b) => a + b, 0), currency);
    const shares = allocateByParts(total, exact, currency);
    // a split project's share goes to its funds, allocated by percent (largest remainder)
    type Merged = StatementPart & { pis: Set<string>; projects: Set<string> };
    const expanded: {
      p: Merged;
      key: string;
      share: number;
      exact: number;
      counts: boolean;
    }[] = [];
    list.forEach((p, i) => {
      const split = splitOf(p.projectId);
      if (split === null) {
        expanded.push({ p, key: keys[i], share: shares[i], exact: p.billedExact, counts: true });
        return;
      }
      const fundShares = allocateByWeights(shares[i], split.map((f) => f.hundredths), currency);
      split.forEach((f, k) => {
        const key = [p.sourceKey, f.fundOrg, p.accountCode, p.currency].join(SEP);
        expanded.push({
          p: { ...p, fundOrg: f.fundOrg } as Merged,
          key,
          share: fundShares[k],
          exact: Math.round(p.billedExact * f.hundredths / 10000),
          counts: k === 0,
        });
      });
    });
    expanded.forEach(({ p, key, share, exact, counts }) => {
      let g = out.get(key);
      if (!g) {
        g = {
          sourceKey: p.sourceKey,
          source: p.source,
          fundOrg: p.fundOrg,
          accountCode: p.accountCode,
          currency: p.currency,
          billedCents: 0,
          billedExact: 0,
          charges: 0,
          pendingCharges: 0,
          piEmails: [],
          projectIds: [],
          pis: new Set(),
          projects: new Set(),
        };
        out.set(key, g);
      }
      g.billedCents += share;
      g.billedExact += exact;
      if (counts) {
        g.charges += p.charges;
        g.pendingCharges += p.pendingCharges;
      }
      for (const x of p.pis) g.pis.add(x);
      for (const x of p.projects) g.projects.add(x);
    });
  }
  return [...out.keys()].sort().map((k) => {
    const { pis, projects, ...g } = out.get(k)!;
    return { ...g, piEmails: [...pis].sort(), projectIds: [...projects].sort() };
  });
}

/** The fund shares of a project's split in force, or null (not split). */
export type ProjectSplits = (projectId: string) => FundShare[] | null;

/**
 * The splits in force in `period`: of `funding` (the config's and the
 * database's, as src/funding resolves them), else of the config alone.
 */
export function projectSplits(
  config: Config,
  period: string,
  funding: FundingRules = fundingRules(config.funding),
): ProjectSplits {
  if (funding.splits.length === 0) return () => null;
  return (projectId) => splitFor(funding, projectId || null, period)?.shares ?? null;
}

/** The parts of charges taken one by one (each a part of one). */
export function chargeParts(charges: Iterable<JournalCharge>): Generator<StatementPart> {
  return (function* () {
    for (const c of charges) {
      yield {
        piEmail: c.piEmail,
        projectId: c.projectId,
        sourceKey: c.sourceKey,
        source: c.source,
        fundOrg: c.fundOrg,
        accountCode: c.accountCode,
        currency: c.currency,
        billedExact: c.billedExact,
        charges: 1,
        pendingCharges: c.pending ? 1 : 0,
      };
    }
  })();
}

/**
 * The billable charges of a period summed in SQL per (PI, project, fund/org,
 * source, account tag, currency), exact, then allocated per statement
 * (allocateJournalGroups): the same groups as from every JournalCharge,
 * without reading each charge into JS.
 */
export function loadJournalGroups(
  db: Database,
  config: Config,
  period: string,
  includePending: boolean,
  funding?: FundingRules,
): JournalChargeGroup[] {
  const parts = listBillableGroups(db, { period, includePending }).map((g) => ({
    piEmail: g.pi_email ?? "",
    projectId: g.project_id ?? "",
    sourceKey: g.source_name,
    source: sourceLabel(config, g.source_name, g.source_display_name),
    fundOrg: (g.fund_org ?? "").trim(),
    accountCode: (g.account_code ?? "").trim(),
    currency: g.billing_currency,
    billedExact: g.billed_exact,
    charges: g.charges,
    pendingCharges: g.pending,
  }));
  return allocateJournalGroups(
    parts,
    config.statements.per,
    projectSplits(config, period, funding),
  );
}

/** Convert a stored billable charge with its statement line's allocated amounts. */
export function toJournalCharge(
  row: BillableChargeRow,
  config: Config,
  line: { billed: number; list: number },
  splitOf: ProjectSplits = () => null,
): JournalCharge {
  return {
    id: row.id,
    period: row.period,
    statementKey: statementGroupKey(config.statements.per, row.pi_email, row.project_id),
    sourceKey: row.source_name,
    source: sourceLabel(config, row.source_name, row.source_display_name),
    piEmail: row.pi_email ?? "",
    projectId: row.project_id ?? "",
    fundOrg: (row.fund_org ?? "").trim(),
    accountCode: (row.account_code ?? "").trim(),
    serviceName: row.service_name ?? "",
    resourceId: row.resource_id ?? "",
    resourceName: row.resource_name ?? "",
    currency: row.billing_currency,
    billedExact: row.billed_cost,
    listExact: row.list_cost,
    listCents: line.list,
    billedCents: line.billed,
    discountCents: line.list - line.billed,
    pending: row.review_status === "pending",
    split: splitOf(row.project_id ?? ""),
  };
}

/**
 * The billable charges of a period in the stable statement order, each with
 * its statement line's allocated amounts (the period's charges are read
 * together: a statement's lines are allocated under its total) and its
 * project's fund split in force (`funding`: the config's and the database's,
 * as src/funding resolves them; else the config's alone).
 */
export function loadJournalCharges(
  db: Database,
  config: Config,
  period: string,
  includePending: boolean,
  funding?: FundingRules,
): JournalCharge[] {
  const rows = [...iterateBillableCharges(db, { period, includePending })];
  const lines = statementLineAmounts(rows, config.statements.per);
  const splitOf = projectSplits(config, period, funding);
  return rows.map((row, i) => toJournalCharge(row, config, lines[i], splitOf));
}
