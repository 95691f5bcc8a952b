/** Periods capability. */
export { assertPeriodsOpen } from "./period_rules.ts";
