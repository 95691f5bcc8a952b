/**
 * Uploads waiting between the import preview (dry run) and the commit: the
 * files are written once to a private temporary folder and named by a random
 * token that only the session which uploaded them can use. Staged uploads
 * expire after an hour; a commit that succeeds removes them.
 */

import { randomBytes } from "node:crypto";
import { UserError } from "../../domain/errors.ts";

/** One staged file. */
export interface StagedFile {
  /** The upload's own file name (shown in messages). */
  name: string;
  path: string;
  bytes: number;
}

/** A staged upload. */
export interface StagedUpload {
  token: string;
  owner: string;
  dir: string;
  files: StagedFile[];
  expiresAt: number;
}

const TTL_MS = 60 * 60 * 1000;
const STAGED = new Map<string, StagedUpload>();

/** The file name without folders, as a browser may send "C:\\x\\aws.csv". */
export function uploadBaseName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  return [...base].filter((ch) => ch >= " ").join("").slice(0, 200) || "upload.csv";
}

async function dropExpired(now: number): Promise<void> {
  for (const [token, s] of STAGED) {
    if (s.expiresAt <= now) {
      STAGED.delete(token);
      await Deno.remove(s.dir, { recursive: true }).catch(() => {});
    }
  }
}

/** Write `files` to a new private folder; returns the staged upload. */
export async function stageUploads(owner: string, files: File[]): Promise<StagedUpload> {
  if (files.length === 0) {
    throw new UserError("no files were uploaded.", {
      hint: "Choose or drop one or more CSV files.",
    });
  }
  await dropExpired(Date.now());
  const dir = await Deno.makeTempDir({ prefix: "oc-upload-" });
  const staged: StagedFile[] = [];
  try {
    for (const [i, f] of files.entries()) {
      const path = `${dir}/${i}.upload`;
      await Deno.writeFile(path, f.stream(), { mode: 0o600 });
      staged.push({ name: uploadBaseName(f.name), path, bytes: f.size });
    }
  } catch (e) {
    await Deno.remove(dir, { recursive: true }).catch(() => {});
    throw e;
  }
  const token = randomBytes(18).toString("base64url");
  const upload = { token, owner, dir, files: staged, expiresAt: Date.now() + TTL_MS };
  STAGED.set(token, upload);
  return upload;
}

/** The staged upload of `token` if `owner` made it and it has not expired. */
export function findStagedUpload(owner: string, token: string): StagedUpload {
  const s = STAGED.get(token);
  if (!s || s.owner !== owner || s.expiresAt <= Date.now()) {
    throw new UserError("this upload has expired or is not yours.", {
      hint: "Upload the files again.",
    });
  }
  return s;
}

/** Remove a staged upload and its files. */
export async function discardStagedUpload(token: string): Promise<void> {
  const s = STAGED.get(token);
  if (!s) return;
  STAGED.delete(token);
  await Deno.remove(s.dir, { recursive: true }).catch(() => {});
}
