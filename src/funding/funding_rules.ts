/**
 * THE resolver of fund splits and fund expiries: the config's `funding`
 * (read-only) merged with the splits and expiries stored in the database
 * (edited on the web). The stated rule:
 *
 * - a database split wins over a config split of the same project for the
 *   months both cover (the web edits override the config file, as the review
 *   patterns do); `splitFor` takes the first split listed, so the database's
 *   come first;
 * - a fund's expiry date stored in the database replaces the config's.
 *
 * Flags (split_not_100, expired_fund), the generate gate, statements and the
 * GL journal all read the rules from here.
 */

import type { AppContext } from "../app_context.ts";
import { type FundingRules, fundingRules, type FundSplit } from "../domain/funding.ts";
import { listFundExpiryRows, listFundSplitRows } from "../storage/mod.ts";

/** The splits stored in the database, as domain splits. */
export function storedFundSplits(ctx: Pick<AppContext, "db">): FundSplit[] {
  return listFundSplitRows(ctx.db).map((r) => ({
    projectId: r.project_id,
    from: r.from_month,
    until: r.until_month,
    shares: r.shares.map((s) => ({ fundOrg: s.fund_org, hundredths: s.hundredths })),
  }));
}

/** The funding rules in force: database splits first (they win), then the config's. */
export function loadFundingRules(ctx: Pick<AppContext, "db" | "config">): FundingRules {
  const fromConfig = fundingRules(ctx.config.funding);
  const expires = { ...fromConfig.expires };
  for (const e of listFundExpiryRows(ctx.db)) expires[e.fund_org] = e.expires;
  return { splits: [...storedFundSplits(ctx), ...fromConfig.splits], expires };
}
