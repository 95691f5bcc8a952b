/** Statements capability: PDF statements (numbered, revisable) and their delivery. */
export {
  type GenerateOptions,
  type GenerateResult,
  generateStatements,
  statementLook,
} from "./generate_statements.ts";
export {
  planStatementSend,
  type SendOptions,
  type SendPlan,
  type SendResult,
  sendStatements,
} from "./send_statements.ts";
export { type Progress, type ProgressListener, progressText } from "./progress.ts";
export { getStatementPdfPath, listStatements } from "./list_statements.ts";
export {
  type CurrencyAmount,
  listStatementGroups,
  type PiStatementGroup,
  STATEMENT_SORTS,
  type StatementGroups,
  type StatementSort,
} from "./statement_groups.ts";
export {
  buildStatementModels,
  type CurrencySection,
  STATEMENT_MONEY_RULE,
  statementGroupKey,
  type StatementLine,
  statementLineAmounts,
  type StatementModel,
} from "./statement_model.ts";
export { canonicalModelJson, statementContentHash } from "./statement_hash.ts";
export {
  chargedToText,
  type DisputeRoute,
  paymentSettings,
  type StatementPayment,
  statementPayment,
} from "./payment_terms.ts";
export { renderStatementPdf, type StatementDocument, type StatementLook } from "./statement_pdf.ts";
export type { CurrencyTotals, StatementListEntry, StatementSummary } from "./statement_summary.ts";
export { SOFTWARE_VERSION } from "./software_version.ts";
export {
  findStatementRevision,
  listStatementEmails,
  type StatementEmail,
  type StatementRevisionRef,
} from "./period_statements.ts";
export {
  assertStatementsAttributable,
  type AttributionGap,
  attributionGaps,
} from "./statement_gate.ts";
