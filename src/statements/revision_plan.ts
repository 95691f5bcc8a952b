/**
 * A generate run's plan: for each statement model, keep the stored revision
 * (same content) or write a new or revised one with its number; and the PDFs
 * of the plan drawn ahead of the write transaction, with progress reports.
 */

import type { AppContext } from "../app_context.ts";
import {
  latestStatementsByGroup,
  maxStatementSequence,
  type StatementRow,
} from "../storage/mod.ts";
import { STATEMENT_MONEY_RULE, type StatementModel } from "./statement_model.ts";
import { statementContentHash } from "./statement_hash.ts";
import { issuedModel } from "./payment_terms.ts";
import { renderStatementPdf, type StatementDocument, type StatementLook } from "./statement_pdf.ts";
import { rowTotals } from "./statement_summary.ts";
import type { ProgressListener } from "./progress.ts";

/** What a run does with one statement: keep it, or write a new or revised revision. */
export interface Revision {
  model: StatementModel;
  hash: string;
  prev: StatementRow | undefined;
  status: "new" | "revised" | "unchanged";
  number: string;
  revision: number;
}

/** The run's decisions against the statements stored now (reads only). */
export function planRevisions(
  ctx: AppContext,
  period: string,
  grouping: "project" | "pi",
  models: StatementModel[],
  piEmails: string[],
  projectIds: string[],
): Revision[] {
  const existing = latestStatementsByGroup(ctx.db, period, grouping);
  const modelled = new Set(models.map((m) => m.groupKey));
  const all = [...models];
  for (const prev of existing.values()) {
    const inScope = (!piEmails.length || piEmails.includes(prev.pi_email)) &&
      (!projectIds.length || projectIds.includes(prev.project_id ?? ""));
    if (inScope && prev.charges > 0 && !modelled.has(prev.group_key)) {
      all.push(emptyModelLike(prev, period, grouping));
    }
  }
  let nextSeq = maxStatementSequence(ctx.db, period) + 1;
  return all.map((model) => {
    const hash = statementContentHash(model);
    const prev = existing.get(model.groupKey);
    if (prev && prev.content_hash === hash) {
      return {
        model,
        hash,
        prev,
        status: "unchanged",
        number: prev.number,
        revision: prev.revision,
      };
    }
    return {
      model,
      hash,
      prev,
      status: prev ? "revised" : "new",
      number: prev?.number ?? `${period}-${String(nextSeq++).padStart(4, "0")}`,
      revision: (prev?.revision ?? 0) + 1,
    };
  });
}

/** A drawn PDF and the time it states. */
export interface Drawing {
  bytes: Uint8Array;
  generatedAt: string;
}

/** The same decision in a later plan has the same key (same number, revision, content, base). */
export function drawingKey(d: Revision): string {
  return [d.number, d.revision, d.hash, d.prev?.id ?? 0].join("|");
}

/** Draw the PDFs of the plan's new and revised statements, reporting progress between them. */
export async function drawRevisions(
  ctx: AppContext,
  look: StatementLook,
  plan: Revision[],
  onProgress: ProgressListener | undefined,
): Promise<Map<string, Drawing>> {
  const todo = plan.filter((d) => d.status !== "unchanged");
  const drawn = new Map<string, Drawing>();
  onProgress?.({ step: "render", done: 0, total: todo.length });
  for (const [i, d] of todo.entries()) {
    const generatedAt = ctx.now().toISOString();
    drawn.set(drawingKey(d), {
      bytes: renderStatementPdf(statementDocument(ctx, d, generatedAt), look),
      generatedAt,
    });
    onProgress?.({ step: "render", done: i + 1, total: todo.length, item: d.number });
    await new Promise((r) => setTimeout(r, 0)); // let the server answer (the progress polls)
  }
  return drawn;
}

/** The document of a revision issued at `generatedAt` (its payment block dated then). */
export function statementDocument(
  ctx: AppContext,
  d: Revision,
  generatedAt: string,
): StatementDocument {
  const { model, number, revision, hash, prev } = d;
  return {
    model: issuedModel(ctx, model, generatedAt),
    number,
    revision,
    contentHash: hash,
    generatedAt,
    replaces: prev
      ? {
        revision: prev.revision,
        billed: rowTotals(prev).map((t) => ({ currency: t.currency, billed: t.billed })),
      }
      : null,
  };
}

/** A statement whose charges all disappeared (re-import, rejection): a zero revision. */
function emptyModelLike(
  prev: StatementRow,
  period: string,
  grouping: "project" | "pi",
): StatementModel {
  return {
    moneyRule: STATEMENT_MONEY_RULE,
    period,
    grouping,
    groupKey: prev.group_key,
    pi: { email: prev.pi_email, name: prev.pi_name },
    project: prev.project_id,
    projects: [],
    fundOrgs: [],
    references: [],
    chargeCount: 0,
    sections: [],
  };
}
