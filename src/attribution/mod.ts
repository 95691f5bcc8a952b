/** Attribution capability: who pays (rules, reassignment, the PI directory). */
export {
  compiledRules,
  loadAttributionPlan,
  loadFlagRules,
  storedRuleSpec,
} from "./attribution_plan.ts";
