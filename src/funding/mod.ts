/** Funding capability: fund splits and fund expiry dates (config + database, one resolver). */
export { loadFundingRules, storedFundSplits } from "./funding_rules.ts";
export {
  deleteFundSplitById,
  type FundExpiryListing,
  type FundSplitInput,
  type FundSplitListing,
  listFundExpiries,
  listFundSplits,
  saveFundSplit,
  setFundExpiry,
} from "./fund_split_service.ts";
