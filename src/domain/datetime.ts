/**
 * FOCUS datetimes: ISO 8601 with or without `T`, with or without seconds,
 * milliseconds and `Z`/offset. Parsed by hand (no Date string parsing quirks).
 */

const DT_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/** Parsed datetime: epoch milliseconds (UTC) and the canonical ISO text. */
export interface ParsedDateTime {
  epochMs: number;
  iso: string;
}

/**
 * Parse a FOCUS datetime, or return null when it is not one (e.g. "2025-13-45",
 * "5/1/25", "garbage"). A date without a time is midnight UTC.
 */
export function parseFocusDateTime(text: string): ParsedDateTime | null {
  const m = DT_RE.exec(text.trim());
  if (!m) return null;
  const [, ys, mos, ds, hs = "0", mis = "0", ss = "0", frac = "", tz] = m;
  const y = Number(ys), mo = Number(mos), d = Number(ds);
  const h = Number(hs), mi = Number(mis), s = Number(ss);
  if (y < 1900 || y > 2200 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  if (h > 23 || mi > 59 || s > 59) return null;
  const ms = frac ? Number(frac.slice(0, 3).padEnd(3, "0")) : 0;
  let offsetMin = 0;
  if (tz && tz.toUpperCase() !== "Z") {
    const sign = tz[0] === "-" ? -1 : 1;
    const digits = tz.slice(1).replace(":", "");
    const oh = Number(digits.slice(0, 2)), om = Number(digits.slice(2, 4));
    if (oh > 23 || om > 59) return null;
    offsetMin = sign * (oh * 60 + om);
  }
  const epochMs = Date.UTC(y, mo - 1, d, h, mi, s, ms) - offsetMin * 60_000;
  return { epochMs, iso: new Date(epochMs).toISOString().replace(".000Z", "Z") };
}

/** "YYYY-MM" of an epoch time in UTC. */
export function periodOfEpoch(epochMs: number): string {
  const d = new Date(epochMs);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
}

function daysInMonth(y: number, mo: number): number {
  return new Date(Date.UTC(y, mo, 0)).getUTCDate();
}
