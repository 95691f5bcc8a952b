/** Text of journal lines: descriptions, truncation and the reference id. */

/** Values of the description placeholders. */
export interface DescriptionValues {
  source: string;
  period: string;
  fund_org: string;
  pi_email: string;
  project_id: string;
}

/** Truncate to `max` characters (code points, so no half emoji); max <= 0 keeps all. */
export function truncateText(text: string, max: number): string {
  if (max <= 0) return text;
  const chars = [...text];
  return chars.length > max ? chars.slice(0, max).join("") : text;
}

/**
 * Fill `{source}`, `{period}`, `{fund_org}`, `{pi_email}`, `{project_id}` in a
 * description template (other braces are kept as written), then truncate to
 * `max` characters (`journal.description_max`), dropping trailing spaces.
 */
export function formatDescription(
  template: string,
  max: number,
  values: DescriptionValues,
): string {
  const filled = template.replace(
    /\{(source|period|fund_org|pi_email|project_id)\}/g,
    (_, k: keyof DescriptionValues) => values[k],
  );
  return truncateText(filled, max).trimEnd();
}

/** The journal's reference id: "OC" + YYYYMM of the period (8 characters, fits Banner). */
export function journalReferenceId(period: string): string {
  return `OC${period.replace("-", "")}`;
}

/** First and last day ("YYYY-MM-DD") of a "YYYY-MM" period. */
export function periodBounds(period: string): { start: string; end: string } {
  const [y, m] = period.split("-").map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { start: `${period}-01`, end: `${period}-${String(last).padStart(2, "0")}` };
}
