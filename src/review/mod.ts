/** Review capability: the queue of flagged charges and the decisions on them. */
export {
  approveCharges,
  type ApproveSelector,
  listPendingCharges,
  type PendingCharge,
  rejectCharges,
  type ReviewFilter,
  type ReviewOutcome,
} from "./review_service.ts";
export { parseFlagReasons, reasonMatches } from "./flag_reasons.ts";
export { pendingChargeJson, reviewOutcomeJson } from "./review_json.ts";
