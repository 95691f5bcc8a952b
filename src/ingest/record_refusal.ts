/** A refused delivery kept in the record (refused_imports), audited in the same transaction. */

import { audit } from "../audit/mod.ts";
import type { AppContext } from "../app_context.ts";
import type { UserError } from "../domain/errors.ts";
import { insertRefusedImport, sourceKey } from "../storage/mod.ts";
import type { DeliveryJob } from "./ingest_delivery.ts";

/**
 * Keep a refused delivery in the record (table refused_imports, and audited
 * as `import.refused`, with the files and the first errors), so import
 * history shows what was tried and why it was refused. Nothing of the
 * delivery itself was stored.
 */
export function recordRefusal(ctx: AppContext, job: DeliveryJob, e: UserError): void {
  try {
    const at = ctx.now().toISOString();
    const refused = {
      source: job.sourceName,
      files: job.charges.parts.map((f) => f.name),
      mode: job.mode,
      error: e.oneLine(),
      details: e.details.slice(0, 20),
    };
    ctx.db.transaction(() => {
      insertRefusedImport(ctx.db, { at, actor: ctx.actor, ...refused });
      audit(ctx, "import.refused", refused, {
        entity: "source",
        entityId: sourceKey(job.sourceName),
        at,
      });
    });
  } catch {
    // the refusal itself is what the user must see; a failed note of it must not hide it
  }
}
