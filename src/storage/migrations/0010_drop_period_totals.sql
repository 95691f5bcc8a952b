-- charges_period_totals (0004) served the dashboard's period totals before the charge rollups
-- (0006) did; no query plan uses it any more (the id range of a period and the pending totals
-- run on charges_period_pi and the partial charges_review index). Dropping it takes one index
-- off every import (about 1.5 s of the index builds at 1,000,000 rows) and 34 bytes off every
-- stored charge (dbstat on the bench shape: 1,037 -> 1,004 bytes per charge).
DROP INDEX IF EXISTS charges_period_totals;
