/** The content hash of a statement model: equal hashes mean an unchanged statement. */

import { createHash } from "node:crypto";
import type { StatementModel } from "./statement_model.ts";

/**
 * Canonical JSON of a model's content: everything but the payment block (the
 * issue's dates and terms), so it has no clock values and is stable.
 */
export function canonicalModelJson(model: StatementModel): string {
  const { payment: _issue, ...content } = model;
  return JSON.stringify(content);
}

/** sha256 (hex) of the canonical model: equal hashes mean an unchanged statement. */
export function statementContentHash(model: StatementModel): string {
  return createHash("sha256").update(canonicalModelJson(model)).digest("hex");
}
