/** Guesses for the web import page: the source and the period from an upload's file name. */

import type { Config } from "../config/mod.ts";

/**
 * The `imports.known_sources` name whose `pattern` occurs in the file name
 * (case-insensitive); the longest pattern wins, so `azure-local_2025-01.csv`
 * is "Azure Local", not "Azure". Null when none matches.
 */
export function guessSourceFromFileName(fileName: string, config: Config): string | null {
  const base = (fileName.split(/[\\/]/).pop() ?? fileName).toLowerCase();
  let best: { name: string; length: number } | null = null;
  for (const s of config.imports.known_sources) {
    const pattern = s.pattern.trim().toLowerCase();
    if (!pattern || !base.includes(pattern)) continue;
    if (!best || pattern.length > best.length) best = { name: s.name, length: pattern.length };
  }
  return best?.name ?? null;
}

const PERIOD_IN_NAME = /(?<!\d)(20\d\d)[-_]?(0[1-9]|1[0-2])(?!\d)/;

/** The billing period written in a file name as YYYY-MM, YYYY_MM or YYYYMM; null when none. */
export function guessPeriodFromFileName(fileName: string): string | null {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const m = PERIOD_IN_NAME.exec(base);
  return m ? `${m[1]}-${m[2]}` : null;
}
