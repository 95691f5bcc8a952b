/** Flag reasons as stored on a charge: a JSON array of strings, or NULL. */

/** The reasons of a stored `flags` cell ([] for NULL; the raw text when not a JSON array). */
export function parseFlagReasons(flags: string | null): string[] {
  if (flags === null || flags.trim() === "") return [];
  try {
    const v = JSON.parse(flags);
    if (Array.isArray(v)) return v.map((x) => String(x));
  } catch {
    // fall through: keep the raw text visible rather than hide it
  }
  return [flags];
}
