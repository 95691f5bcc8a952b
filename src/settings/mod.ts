/** Settings capability: review pattern overrides (with a tester) and database facts. */
export { databaseAnswers, type DatabaseFacts, databaseFacts } from "./database_facts.ts";
export {
  compilePattern,
  type EffectivePatterns,
  effectivePatterns,
  type PatternKind,
  patternLines,
  type PatternTestResult,
  resetPatterns,
  savePatterns,
  TEST_SCAN_LIMIT,
  testPatterns,
} from "./review_patterns.ts";
