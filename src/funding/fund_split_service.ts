/**
 * Fund splits and fund expiry dates as a user edits them on the web: the
 * config's are listed read-only, the database's are added, changed and
 * deleted here, each change audited in its transaction. A stored split's
 * percents must total exactly 100.00, checked in integer hundredths of a
 * percent (never floats); two stored splits of one project may not cover the
 * same month.
 */

import { audit } from "../audit/mod.ts";
import type { AppContext } from "../app_context.ts";
import { NotFoundError, UserError } from "../domain/errors.ts";
import { formatHundredths, fundingRules, percentHundredths } from "../domain/funding.ts";
import {
  deleteFundExpiry,
  deleteFundSplit,
  findFundExpiryRow,
  findFundSplitRow,
  type FundSplitRow,
  insertFundSplit,
  listFundExpiryRows,
  listFundSplitRows,
  updateFundSplit,
  upsertFundExpiry,
} from "../storage/mod.ts";

/** A split as listed. Percents as text with two decimals ("60.00"). */
export interface FundSplitListing {
  origin: "config" | "database";
  /** Database id (null for config splits). */
  id: number | null;
  projectId: string;
  from: string;
  until: string | null;
  funds: { fundOrg: string; percent: string }[];
  /** Sum of the percents ("100.00" unless a config split is off: flagged split_not_100). */
  total: string;
  updatedBy: string | null;
  updatedAt: string | null;
}

/** A split as entered (percent as decimal text). */
export interface FundSplitInput {
  projectId: string;
  from: string;
  until?: string | null;
  funds: { fundOrg: string; percent: string }[];
}

/** A fund expiry as listed. */
export interface FundExpiryListing {
  origin: "config" | "database";
  fundOrg: string;
  expires: string;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

function total(hundredths: number[]): string {
  return formatHundredths(hundredths.reduce((a, h) => a + h, 0));
}

/** Every split: the config's (read-only), then the database's (these win). */
export function listFundSplits(ctx: AppContext): FundSplitListing[] {
  const fromConfig: FundSplitListing[] = fundingRules(ctx.config.funding).splits.map((s) => ({
    origin: "config",
    id: null,
    projectId: s.projectId,
    from: s.from,
    until: s.until,
    funds: s.shares.map((x) => ({ fundOrg: x.fundOrg, percent: formatHundredths(x.hundredths) })),
    total: total(s.shares.map((x) => x.hundredths)),
    updatedBy: null,
    updatedAt: null,
  }));
  return [...fromConfig, ...listFundSplitRows(ctx.db).map(toListing)];
}

function toListing(r: FundSplitRow): FundSplitListing {
  return {
    origin: "database",
    id: r.id,
    projectId: r.project_id,
    from: r.from_month,
    until: r.until_month,
    funds: r.shares.map((x) => ({ fundOrg: x.fund_org, percent: formatHundredths(x.hundredths) })),
    total: total(r.shares.map((x) => x.hundredths)),
    updatedBy: r.updated_by,
    updatedAt: r.updated_at,
  };
}

/** Check a split as entered; the shares in hundredths. */
function checkSplit(ctx: AppContext, input: FundSplitInput, exceptId?: number) {
  const projectId = input.projectId.trim();
  if (!projectId) {
    throw new UserError("fund split: the project is empty.", {
      location: { key: "project_id" },
      hint: "Name the project_id whose charges are split.",
    });
  }
  const from = input.from.trim();
  if (!MONTH.test(from)) {
    throw new UserError(`fund split: from '${input.from}' is not a month.`, {
      location: { key: "from" },
      hint: "Write YYYY-MM, e.g. 2026-01.",
    });
  }
  const until = input.until?.trim() || null;
  if (until !== null && !MONTH.test(until)) {
    throw new UserError(`fund split: until '${input.until}' is not a month.`, {
      location: { key: "until" },
      hint: "Write YYYY-MM, or leave it empty for no end.",
    });
  }
  if (until !== null && until < from) {
    throw new UserError(`fund split: until ${until} is before from ${from}.`, {
      location: { key: "until" },
      hint: "The until month is the last month in force, inclusive.",
    });
  }
  const entered = input.funds.filter((f) => f.fundOrg.trim() || f.percent.trim());
  if (entered.length < 2) {
    throw new UserError("fund split: name at least two funds.", {
      location: { key: "funds" },
      hint: "A project billed to one fund needs no split: tag its fund_org.",
    });
  }
  const seen = new Set<string>();
  const shares = entered.map((f, i) => {
    const fundOrg = f.fundOrg.trim();
    const where = { key: `funds[${i}]` };
    if (!fundOrg) {
      throw new UserError(`fund split: fund ${i + 1} has a percent but no fund/org.`, {
        location: where,
        hint: "Write the fund/org, or clear its percent.",
      });
    }
    if (seen.has(fundOrg)) {
      throw new UserError(`fund split: fund/org ${fundOrg} is listed twice.`, {
        location: where,
        hint: "List each fund once with its whole percent.",
      });
    }
    seen.add(fundOrg);
    const hundredths = percentHundredths(f.percent);
    if (hundredths === null || hundredths === 0) {
      throw new UserError(`fund split: '${f.percent}' is not a percent for ${fundOrg}.`, {
        location: { key: `funds[${i}].percent` },
        hint: 'Write a number above 0 with at most two decimals, e.g. "60" or "33.34".',
      });
    }
    return { fundOrg, hundredths };
  });
  const sum = shares.reduce((a, s) => a + s.hundredths, 0);
  if (sum !== 10000) {
    throw new UserError(`fund split: the percents total ${formatHundredths(sum)}, not 100.00.`, {
      location: { key: "funds" },
      hint: "Change the percents so they total exactly 100.00.",
    });
  }
  const overlap = listFundSplitRows(ctx.db).find((r) =>
    r.id !== exceptId && r.project_id === projectId &&
    r.from_month <= (until ?? "9999-12") && from <= (r.until_month ?? "9999-12")
  );
  if (overlap) {
    throw new UserError(
      `fund split: project ${projectId} already has a split from ${overlap.from_month}${
        overlap.until_month ? ` until ${overlap.until_month}` : ""
      } covering these months.`,
      {
        location: { key: "from" },
        hint: "Edit that split, or give this one months it does not cover.",
      },
    );
  }
  return { projectId, from, until, shares };
}

/** Add a split, or replace stored split `id`; audited. */
export function saveFundSplit(
  ctx: AppContext,
  input: FundSplitInput,
  id?: number,
): FundSplitListing {
  return ctx.db.transaction(() => {
    const old = id === undefined ? undefined : requireSplit(ctx, id);
    const s = checkSplit(ctx, input, id);
    const at = ctx.now().toISOString();
    const write = { ...s, by: ctx.actor, at };
    const after = {
      projectId: s.projectId,
      from: s.from,
      until: s.until,
      funds: s.shares.map((x) => ({ fundOrg: x.fundOrg, percent: formatHundredths(x.hundredths) })),
    };
    let savedId: number;
    if (old) {
      updateFundSplit(ctx.db, old.id, write);
      savedId = old.id;
      audit(ctx, "funding.split.change", { before: plain(toListing(old)), after }, {
        entity: "fund_split",
        entityId: old.id,
        at,
      });
    } else {
      savedId = insertFundSplit(ctx.db, write);
      audit(ctx, "funding.split.add", after, { entity: "fund_split", entityId: savedId, at });
    }
    return toListing(findFundSplitRow(ctx.db, savedId)!);
  });
}

function plain(l: FundSplitListing) {
  return { projectId: l.projectId, from: l.from, until: l.until, funds: l.funds };
}

/** Delete stored split `id`; audited. */
export function deleteFundSplitById(ctx: AppContext, id: number): void {
  ctx.db.transaction(() => {
    const old = requireSplit(ctx, id);
    deleteFundSplit(ctx.db, id);
    audit(ctx, "funding.split.delete", plain(toListing(old)), {
      entity: "fund_split",
      entityId: id,
      at: ctx.now().toISOString(),
    });
  });
}

function requireSplit(ctx: AppContext, id: number): FundSplitRow {
  const row = findFundSplitRow(ctx.db, id);
  if (!row) {
    throw new NotFoundError(`no stored fund split #${id}.`, {
      hint: "Splits of the config file are changed in the config file.",
    });
  }
  return row;
}

/** Every fund expiry: the config's, then the database's (these replace the config's). */
export function listFundExpiries(ctx: AppContext): FundExpiryListing[] {
  const fromConfig: FundExpiryListing[] = ctx.config.funding.funds.filter((f) => f.expires).map((
    f,
  ) => ({ origin: "config", fundOrg: f.fund_org.trim(), expires: f.expires!.trim() }));
  const stored: FundExpiryListing[] = listFundExpiryRows(ctx.db).map((r) => ({
    origin: "database",
    fundOrg: r.fund_org,
    expires: r.expires,
  }));
  return [...fromConfig, ...stored];
}

/** Set (or, with an empty date, remove) a fund's stored expiry date; audited. */
export function setFundExpiry(ctx: AppContext, fundOrgText: string, expiresText: string): void {
  const fundOrg = fundOrgText.trim();
  const expires = expiresText.trim();
  if (!fundOrg) {
    throw new UserError("fund expiry: the fund/org is empty.", {
      location: { key: "fund_org" },
      hint: "Name the fund/org that expires.",
    });
  }
  if (expires && !DATE.test(expires)) {
    throw new UserError(`fund expiry: '${expiresText}' is not a date.`, {
      location: { key: "expires" },
      hint: "Write YYYY-MM-DD, the last day the fund may be charged.",
    });
  }
  ctx.db.transaction(() => {
    const before = findFundExpiryRow(ctx.db, fundOrg)?.expires ?? null;
    const at = ctx.now().toISOString();
    if (!expires) {
      if (before === null) {
        throw new NotFoundError(`fund ${fundOrg} has no stored expiry date.`, {
          hint: "Expiry dates of the config file are changed in the config file.",
        });
      }
      deleteFundExpiry(ctx.db, fundOrg);
      audit(ctx, "funding.expiry.delete", { fundOrg, before }, {
        entity: "fund",
        entityId: fundOrg,
        at,
      });
      return;
    }
    upsertFundExpiry(ctx.db, { fundOrg, expires, by: ctx.actor, at });
    audit(ctx, "funding.expiry.set", { fundOrg, before, after: expires }, {
      entity: "fund",
      entityId: fundOrg,
      at,
    });
  });
}
