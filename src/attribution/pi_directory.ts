/**
 * The PI directory: each PI's canonical email, name, department and alias
 * emails. Charges under an alias are attributed to the canonical PI (at
 * ingest and by `attribution apply`); emails greet the PI by the directory's
 * name when the charges carry no pi_name. Every change is audited.
 */

import { audit } from "../audit/mod.ts";
import type { AppContext } from "../app_context.ts";
import { NotFoundError, UserError } from "../domain/errors.ts";
import { isValidEmail } from "../domain/flags.ts";
import { anyChargeOfPi, findPiRow, listPiRows, type PiRow, upsertPi } from "../storage/mod.ts";

/** A PI of the directory. */
export interface DirectoryPi {
  email: string;
  name: string;
  department: string;
  aliases: string[];
}

function toPi(r: PiRow): DirectoryPi {
  return {
    email: r.email,
    name: r.name,
    department: r.department,
    aliases: r.aliases ? r.aliases.split(";") : [],
  };
}

/** Every PI, by email. */
export function listPis(ctx: AppContext): DirectoryPi[] {
  return listPiRows(ctx.db).map(toPi);
}

/** The PI whose canonical or alias email is `email`, or null. */
export function findPi(ctx: AppContext, email: string): DirectoryPi | null {
  const r = findPiRow(ctx.db, email.trim().toLowerCase());
  return r ? toPi(r) : null;
}

/** The canonical email of `email` (itself when it is no alias). */
export function canonicalPiEmail(ctx: AppContext, email: string): string {
  return findPi(ctx, email)?.email ?? email.trim().toLowerCase();
}

/** True when `email` names a PI of the directory or of any charge (canonical or alias). */
export function knownPiEmail(ctx: AppContext, email: string): boolean {
  const e = email.trim().toLowerCase();
  return findPi(ctx, e) !== null || anyChargeOfPi(ctx.db, e);
}

/**
 * Save one PI (audited): `add` refuses an email already in the directory,
 * `edit` one that is not, `upsert` either. An alias (or the email itself)
 * that is already an email of another PI is refused: an email belongs to one
 * PI only.
 */
export function savePi(
  ctx: AppContext,
  pi: DirectoryPi,
  mode: "add" | "edit" | "upsert" = "upsert",
): DirectoryPi {
  return ctx.db.transaction(() => {
    const clean = checkPi(pi, "PI");
    const before = findPiRow(ctx.db, clean.email);
    if (before && before.email.toLowerCase() !== clean.email) {
      throw new UserError(`${clean.email} is an alias of PI ${before.email}.`, {
        location: { key: "email" },
        hint: `Edit ${before.email} instead, or remove the alias from it first.`,
      });
    }
    if (mode === "add" && before) {
      throw new UserError(`PI ${clean.email} is already in the directory.`, {
        location: { key: "email" },
        hint: "Edit that PI instead.",
      });
    }
    if (mode === "edit" && !before) {
      throw new NotFoundError(`PI ${clean.email} is not in the directory.`, {
        hint: "Add the PI first.",
      });
    }
    for (const alias of clean.aliases) {
      const owner = findPiRow(ctx.db, alias);
      if (owner && owner.email.toLowerCase() !== clean.email) {
        throw new UserError(`alias ${alias} is already an email of PI ${owner.email}.`, {
          location: { key: "aliases" },
          hint: `Remove it from ${owner.email} first, or leave it out here.`,
        });
      }
    }
    const at = ctx.now().toISOString();
    upsertPi(ctx.db, { ...clean, by: ctx.actor, at });
    audit(ctx, "pi.save", { before: before ? toPi(before) : null, after: clean }, {
      entity: "pi",
      entityId: clean.email,
      at,
    });
    return clean;
  });
}

function checkPi(pi: DirectoryPi, where: string): DirectoryPi {
  const email = pi.email.trim().toLowerCase();
  if (!isValidEmail(email)) {
    throw new UserError(`${where}: '${pi.email}' is not an email address.`, {
      hint: "The first column is the PI's canonical email.",
    });
  }
  const aliases = [...new Set(pi.aliases.map((a) => a.trim().toLowerCase()).filter((a) => a))];
  for (const a of aliases) {
    if (!isValidEmail(a)) {
      throw new UserError(`${where}: alias '${a}' is not an email address.`, {
        hint: "Separate alias emails with ';'.",
      });
    }
  }
  return {
    email,
    name: pi.name.trim(),
    department: pi.department.trim(),
    aliases: aliases.filter((a) => a !== email),
  };
}

/** What an import did. */
export interface PiImportOutcome {
  added: number;
  updated: number;
  pis: number;
}

/**
 * Import `email,name,department,aliases` rows (a header line first; aliases
 * separated by `;`). All-or-nothing; one audit entry.
 */
export function importPis(
  ctx: AppContext,
  fileName: string,
  rows: { line: number; cells: string[] }[],
): PiImportOutcome {
  if (rows.length === 0) {
    throw new UserError(`${fileName} is empty.`, {
      hint: "The first line is the header: email,name,department,aliases.",
    });
  }
  const header = rows[0].cells.map((c) => c.trim().toLowerCase());
  const col = (n: string) => header.indexOf(n);
  if (col("email") < 0) {
    throw new UserError(`${fileName}: no email column.`, {
      location: { file: fileName, line: 1 },
      hint: "The header is email,name,department,aliases.",
    });
  }
  const get = (cells: string[], n: string) => col(n) < 0 ? "" : (cells[col(n)] ?? "");
  const lines = rows.slice(1).filter((r) => r.cells.some((c) => c.trim() !== ""));
  const pis = lines.map((r) =>
    checkPi({
      email: get(r.cells, "email"),
      name: get(r.cells, "name"),
      department: get(r.cells, "department"),
      aliases: get(r.cells, "aliases").split(";"),
    }, `${fileName}:${r.line}`)
  );
  return ctx.db.transaction(() => {
    checkImportedEmails(ctx, fileName, pis, lines.map((r) => r.line));
    const at = ctx.now().toISOString();
    let added = 0;
    for (const p of pis) {
      if (!findPiRow(ctx.db, p.email)) added++;
      upsertPi(ctx.db, { ...p, by: ctx.actor, at });
    }
    const outcome = { added, updated: pis.length - added, pis: listPiRows(ctx.db).length };
    audit(ctx, "pi.import", {
      file: fileName,
      rows: pis.length,
      ...outcome,
      emails: pis.map((p) => p.email),
    }, { entity: "pi", at });
    return outcome;
  });
}

/**
 * After an import every email names one PI: an alias may not be another
 * PI's email or alias, in the file or in the directory (a PI of the file
 * replaces its own aliases, so those are free).
 */
function checkImportedEmails(
  ctx: AppContext,
  fileName: string,
  pis: DirectoryPi[],
  lines: number[],
): void {
  const owner = new Map<string, string>();
  const inFile = new Set(pis.map((p) => p.email));
  for (const r of listPiRows(ctx.db)) {
    owner.set(r.email.toLowerCase(), r.email.toLowerCase());
    if (inFile.has(r.email.toLowerCase())) continue;
    for (const a of r.aliases ? r.aliases.split(";") : []) {
      owner.set(a.toLowerCase(), r.email.toLowerCase());
    }
  }
  pis.forEach((p, i) => {
    const other = owner.get(p.email);
    if (other !== undefined && other !== p.email) {
      throw new UserError(`${p.email} is an alias of PI ${other}.`, {
        location: { file: fileName, line: lines[i] },
        hint: `List its details under ${other}, or remove the alias from ${other} first.`,
      });
    }
    owner.set(p.email, p.email);
  });
  pis.forEach((p, i) => {
    for (const a of p.aliases) {
      const other = owner.get(a);
      if (other !== undefined && other !== p.email) {
        throw new UserError(`alias ${a} of ${p.email} is already an email of PI ${other}.`, {
          location: { file: fileName, line: lines[i] },
          hint: "An email belongs to one PI: list it under one PI only.",
        });
      }
      owner.set(a, p.email);
    }
  });
}
