/** Attribution capability: who pays (rules, reassignment, the PI directory). */
export {
  compiledRules,
  loadAttributionPlan,
  loadFlagRules,
  storedRuleSpec,
} from "./attribution_plan.ts";
export {
  applyAttribution,
  type AttributionApplyOutcome,
  type AttributionGroupChange,
} from "./apply_attribution.ts";
export {
  addAttributionRule,
  deleteAttributionRuleByName,
  listAttributionRules,
  moveAttributionRule,
  type RuleListing,
  type RuleTestResult,
  testAttributionRule,
  updateAttributionRuleByName,
} from "./rule_service.ts";
export {
  matchStoredRule,
  parseProvenance,
  recomputeFlags,
  statusAfter,
  storedAttribution,
  viewStoredCharge,
} from "./reattribute.ts";
export {
  canonicalPiEmail,
  type DirectoryPi,
  findPi,
  importPis,
  knownPiEmail,
  listPis,
  type PiImportOutcome,
  savePi,
} from "./pi_directory.ts";
export { type RuleMatchCount, type RulesTestResult, testRulesOnPeriod } from "./rule_tester.ts";
