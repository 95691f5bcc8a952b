-- One index less on every import (issue 21): charges_period_pi (period, pi_email, project_id)
-- cost ~2.0 s of a 1,000,000-row first import's index builds and ~50 bytes per charge. Every
-- query the test suite prepares that used it (EXPLAIN QUERY PLAN over the web, statements,
-- journal, review, attribution, CLI and storage tests) has the same prefix in
-- charges_period_pi_cost (period, pi_email, billed_cost): the charge browser's PI filter
-- (equality or IN on pi_email) and iterateBillableCharges, whose PI/project order now sorts
-- each PI's charges by project (the index gives the PI order).
DROP INDEX IF EXISTS charges_period_pi;
