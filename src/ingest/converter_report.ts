/**
 * The report of the converter that produced a delivery (`convert slurm|storage
 * --report FILE`), stored with the delivery: `ingest --report FILE` appends it
 * to the audit log as `import.converter_report` on the import's id, so
 * `audit list` shows what was read, skipped and refused for that month.
 */

import { audit } from "../audit/mod.ts";
import type { AppContext } from "../app_context.ts";
import { UserError } from "../domain/errors.ts";

/** Read a converter report (JSON) before anything is imported; a UserError when it is not one. */
export function readConverterReport(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = Deno.readTextFileSync(path);
  } catch (e) {
    throw new UserError(`cannot read the report ${path}: ${(e as Error).message}.`);
  }
  try {
    const value = JSON.parse(text);
    if (value && typeof value === "object" && !Array.isArray(value)) return value;
  } catch { /* refused below */ }
  throw new UserError(`${path} is not a converter report (a JSON object).`, {
    hint: "Write it with openchargeback convert ... --report FILE.",
  });
}

/** Store `report` with the delivery `importId` (one audit entry, one transaction). */
export function recordConverterReport(
  ctx: AppContext,
  importId: number,
  period: string | undefined,
  report: Record<string, unknown>,
): void {
  ctx.db.transaction(() =>
    audit(ctx, "import.converter_report", { report }, {
      entity: "import",
      entityId: importId,
      period,
      at: ctx.now().toISOString(),
    })
  );
}
