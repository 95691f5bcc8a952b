-- The partial indexes of the charges awaiting review (about 1 % of a period) carry the columns
-- the review queries read, so they no longer visit every pending charge's table row:
-- charges_review answers the pending counts and sums per currency and the counts per flag
-- reason from the index alone; charges_pending_order tests a reason filter on the index's flags
-- before reading the page's rows. At 1,000,000 charges with 10,000 pending, a review page
-- filtered by a reason no charge has: 35 ms -> 0.8 ms. The queries name them (INDEXED BY).

DROP INDEX charges_review;
CREATE INDEX charges_review
  ON charges (review_status, period, billing_currency, billed_cost, list_cost, flags)
  WHERE review_status = 'pending';

DROP INDEX charges_pending_order;
CREATE INDEX charges_pending_order ON charges (period, pi_email, project_id, flags)
  WHERE review_status = 'pending';
