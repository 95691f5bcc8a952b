/** Review capability: the queue of flagged charges and the decisions on them. */
export {
  approveCharges,
  type ApproveSelector,
  listPendingCharges,
  type PendingCharge,
  planRejection,
  rejectCharges,
  type ReviewFilter,
  type ReviewOutcome,
} from "./review_service.ts";
export { reopenRejections } from "./review_reopen.ts";
export { pendingChargeJson, reviewOutcomeJson } from "./review_json.ts";
export {
  pendingReasons,
  pendingReviewCount,
  readReviewQueue,
  type ReviewQueuePage,
  type ReviewQueueQuery,
} from "./review_queue_page.ts";
export { assignCharges, type AssignOutcome, type AssignRequest } from "./review_assign.ts";
