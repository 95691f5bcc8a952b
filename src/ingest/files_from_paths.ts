/** Files named on the command line, checked before anything is read. */

import { UserError } from "../domain/errors.ts";
import { fileFromPath, type IngestFile } from "./ingest_file.ts";

/** IngestFiles for `paths`; throws a UserError naming a path that is missing or not a file. */
export function filesFromPaths(paths: string[]): IngestFile[] {
  return paths.map((path) => {
    let info: Deno.FileInfo;
    try {
      info = Deno.statSync(path);
    } catch (e) {
      if (e instanceof Deno.errors.NotFound) {
        throw new UserError(`file not found: ${path}.`, { hint: "Check the file name and path." });
      }
      throw new UserError(`cannot read ${path}: ${(e as Error).message}.`);
    }
    if (!info.isFile) {
      throw new UserError(`${path} is not a file.`, { hint: "Name CSV files (.csv or .csv.gz)." });
    }
    return fileFromPath(path);
  });
}
