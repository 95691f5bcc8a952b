/**
 * The import plan of uploaded files (the web's imports page): each file gets a source and an expected
 * period (guessed from its name, editable); files with the same source and
 * period form one delivery, ingested by the same service as the CLI (dry run
 * for the preview, for real on commit; period locks and all rules are its).
 */

import type { AppContext } from "../app_context.ts";
import { UserError } from "../domain/errors.ts";
import { isPeriod } from "../domain/period.ts";
import { guessPeriodFromFileName, guessSourceFromFileName } from "./file_name_guess.ts";
import { ingestDelivery, type IngestSummary } from "./ingest_delivery.ts";
import { fileFromPath } from "./ingest_file.ts";
import { type NewSourceName, newSourceName } from "../sources/mod.ts";

/** Files uploaded and staged on disk, in upload order. */
export interface UploadedFiles {
  files: readonly { name: string; bytes: number; path: string }[];
}

/** The source and expected period chosen for one staged file. */
export interface FileChoice {
  index: number;
  name: string;
  bytes: number;
  source: string;
  period: string;
}

/** The outcome of one delivery (a group of files). */
export interface DeliveryOutcome {
  source: string;
  period: string;
  files: string[];
  summary: IngestSummary | null;
  /** The refusal: one line, plus row errors (file:line: column: ...). */
  error: { message: string; details: string[] } | null;
  /** The source is neither registered nor known: importing asks before creating it. */
  newSource: NewSourceName | null;
}

/** Guess each file's source (imports.known_sources) and period (YYYY-MM, YYYY_MM, YYYYMM). */
export function guessChoices(ctx: AppContext, upload: UploadedFiles): FileChoice[] {
  return upload.files.map((f, index) => ({
    index,
    name: f.name,
    bytes: f.bytes,
    source: guessSourceFromFileName(f.name, ctx.config) ?? "",
    period: guessPeriodFromFileName(f.name) ?? "",
  }));
}

/** The choices as edited in the form (fields source_N and period_N). */
export function formChoices(upload: UploadedFiles, get: (key: string) => string): FileChoice[] {
  return upload.files.map((f, index) => ({
    index,
    name: f.name,
    bytes: f.bytes,
    source: get(`source_${index}`).trim().slice(0, 100),
    period: get(`period_${index}`).trim().slice(0, 7),
  }));
}

/** Group files by (source, period), in upload order. */
function groups(choices: FileChoice[]): FileChoice[][] {
  const by = new Map<string, FileChoice[]>();
  for (const c of choices) {
    const key = `${c.source.toLowerCase()}\u0000${c.period}`;
    by.set(key, [...(by.get(key) ?? []), c]);
  }
  return [...by.values()];
}

/** The refusal as the page shows it: a row error the one line already names is not listed again. */
function refusal(e: UserError): DeliveryOutcome["error"] {
  const message = e.webLine();
  return { message, details: e.details.filter((d) => !message.includes(d)).slice(0, 20) };
}

/**
 * Ingest every delivery of the plan (dryRun: nothing is written). Each
 * delivery succeeds or is refused on its own; a refusal never stops the others.
 */
export async function runImportPlan(
  ctx: AppContext,
  upload: UploadedFiles,
  choices: FileChoice[],
  dryRun: boolean,
  /** Source names (any case) the user agreed to create ("Create the new source" boxes). */
  newSources: readonly string[] = [],
): Promise<DeliveryOutcome[]> {
  const agreed = new Set(newSources.map((n) => n.trim().toLowerCase()));
  const out: DeliveryOutcome[] = [];
  for (const group of groups(choices)) {
    const { source, period } = group[0];
    const outcome: DeliveryOutcome = {
      source,
      period,
      files: group.map((g) => g.name),
      summary: null,
      error: null,
      newSource: null,
    };
    try {
      if (!source) {
        throw new UserError(`no source for ${group.map((g) => g.name).join(", ")}.`, {
          hint: "Type the source (e.g. AWS) next to the file.",
        });
      }
      if (period && !isPeriod(period)) {
        throw new UserError(`'${period}' is not a billing period.`, { hint: "Write YYYY-MM." });
      }
      outcome.newSource = newSourceName(ctx, source) ?? null;
      outcome.summary = await ingestDelivery(ctx, {
        files: group.map((g) => fileFromPath(upload.files[g.index].path, g.name)),
        source,
        period: period || undefined,
        dryRun,
        newSource: agreed.has(source.trim().toLowerCase()),
      });
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      outcome.error = refusal(e);
    }
    out.push(outcome);
  }
  return out;
}
