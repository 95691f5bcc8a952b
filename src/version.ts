/**
 * Version, build stamp, supported FOCUS versions and database schema version.
 * Kept free of heavy imports: `openchargeback version` must start fast and
 * never opens the database.
 */

import { BUILD_INFO } from "./build_info.ts";
import { FOCUS_VERSIONS } from "./focus/focus_columns.ts";
import { SCHEMA_VERSION } from "./storage/migrations/mod.ts";

/** The program's version (semantic versioning). */
export const VERSION = "0.5.0-dev";

/** What `openchargeback version --json` prints. */
export interface VersionInfo {
  version: string;
  /** Git commit the binary was built from, or null in a development checkout. */
  commit: string | null;
  /** UTC build date (ISO 8601), or null in a development checkout. */
  buildDate: string | null;
  /** "development build" or "release build". */
  build: string;
  /** FOCUS specification versions whose column names are read. */
  focusVersions: string[];
  /** Pre-1.0 column names also read (AmortizedCost, ChargeType, ...). */
  legacyColumnNames: string;
  /** The database schema version this program writes. */
  schemaVersion: number;
  /** The Deno runtime version. */
  runtime: string;
}

/** Collect the version information (pure: no files, no database). */
export function versionInfo(
  build: { commit: string | null; date: string | null } = BUILD_INFO,
): VersionInfo {
  const stamped = build.commit !== null || build.date !== null;
  return {
    version: VERSION,
    commit: build.commit,
    buildDate: build.date,
    build: stamped ? "release build" : "development build",
    focusVersions: [...FOCUS_VERSIONS],
    legacyColumnNames: "0.5-era column names",
    schemaVersion: SCHEMA_VERSION,
    runtime: `Deno ${Deno.version.deno}`,
  };
}

/** The human text of `openchargeback version`. */
export function formatVersionText(info: VersionInfo): string {
  const build = info.commit !== null || info.buildDate !== null
    ? `commit ${info.commit ?? "unknown"}, built ${info.buildDate ?? "unknown"}`
    : info.build;
  return [
    `openchargeback ${info.version} (${build})`,
    `FOCUS versions:  ${info.focusVersions.join(", ")} (and ${info.legacyColumnNames})`,
    `schema version:  ${info.schemaVersion}`,
    `runtime:         ${info.runtime}`,
  ].join("\n");
}

/**
 * The JavaScript statement the build script puts in front of the program to
 * stamp it (see src/build_info.ts). Refuses anything but a commit id and a date.
 */
export function buildStampPreamble(commit: string, date: string): string {
  if (!/^[0-9a-f]{7,40}$/i.test(commit)) throw new Error(`not a git commit id: ${commit}`);
  if (Number.isNaN(new Date(date).getTime())) throw new Error(`not a date: ${date}`);
  return `globalThis.__OPENCHARGEBACK_BUILD__ = ${JSON.stringify({ commit, date })};\n`;
}
