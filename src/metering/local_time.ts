/**
 * sacct times: local wall-clock text without an offset ("2024-03-21T13:40:23")
 * read in a named time zone, durations ("2-22:03:04", "14:00:49", seconds),
 * and the words Slurm prints for a missing time ("Unknown", "None").
 */

import { UserError } from "../domain/errors.ts";

/** Texts Slurm prints for "no time". */
export function isNoTime(text: string): boolean {
  return text === "" || text === "Unknown" || text === "None" || text === "NONE" ||
    text === "None assigned";
}

const LOCAL_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(Z|[+-]\d{2}:?\d{2})?$/;

/** Reads local times of one time zone into UTC epoch seconds (offsets cached per hour). */
export class LocalTimeReader {
  readonly zone: string;
  readonly #utc: boolean;
  readonly #format: Intl.DateTimeFormat | null;
  readonly #offsets = new Map<number, number>();

  constructor(zone: string) {
    this.zone = zone;
    this.#utc = zone === "UTC" || zone === "Etc/UTC" || zone === "Z";
    try {
      this.#format = this.#utc ? null : new Intl.DateTimeFormat("en-US", {
        timeZone: zone,
        hourCycle: "h23",
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        second: "2-digit",
      });
    } catch {
      throw new UserError(`unknown time zone '${zone}'.`, {
        hint: "Give an IANA name such as UTC, Europe/Amsterdam or America/New_York.",
      });
    }
  }

  /** Offset (seconds east of UTC) of the zone at UTC epoch second `t`. */
  offsetAt(t: number): number {
    if (this.#utc) return 0;
    const hour = Math.floor(t / 3600);
    const cached = this.#offsets.get(hour);
    if (cached !== undefined) return cached;
    const parts = this.#format!.formatToParts(new Date(hour * 3600_000));
    const v = (type: string) => Number(parts.find((p) => p.type === type)!.value);
    const asUtc = Date.UTC(
      v("year"),
      v("month") - 1,
      v("day"),
      v("hour"),
      v("minute"),
      v("second"),
    );
    const offset = Math.round(asUtc / 1000) - hour * 3600;
    this.#offsets.set(hour, offset);
    return offset;
  }

  /**
   * UTC epoch seconds of a sacct time, or null when it is not a time. A time
   * with its own Z/offset keeps it; a local time skipped by a daylight-saving
   * change is read with the offset before the change.
   */
  parse(text: string): number | null {
    const m = LOCAL_RE.exec(text);
    if (!m) return null;
    const mo = Number(m[2]),
      d = Number(m[3]),
      h = Number(m[4]),
      mi = Number(m[5]),
      s = Number(m[6]);
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
    const wall = Date.UTC(Number(m[1]), mo - 1, d, h, mi, s) / 1000;
    if (new Date(wall * 1000).getUTCDate() !== d) return null; // 2025-02-30
    if (m[7]) {
      if (m[7] === "Z") return wall;
      const sign = m[7][0] === "-" ? -1 : 1;
      const digits = m[7].slice(1).replace(":", "");
      return wall - sign * (Number(digits.slice(0, 2)) * 3600 + Number(digits.slice(2)) * 60);
    }
    if (this.#utc) return wall;
    const first = wall - this.offsetAt(wall);
    const second = wall - this.offsetAt(first);
    return second === first ? first : wall - this.offsetAt(second);
  }
}

const DURATION_RE = /^(?:(\d+)-)?(?:(\d+):)?(\d+):(\d+)(?:\.\d+)?$/;

/**
 * Seconds of a sacct duration: Elapsed "[D-]HH:MM:SS" (or "MM:SS"), or
 * ElapsedRaw whole seconds. Null when it is neither.
 */
export function parseDuration(text: string, raw: boolean): number | null {
  if (raw) return /^\d+$/.test(text) ? Number(text) : null;
  const m = DURATION_RE.exec(text);
  if (!m) return null;
  const [, d = "0", h = "0", mi, s] = m;
  if (Number(mi) > 59 || Number(s) > 59) return null;
  return ((Number(d) * 24 + Number(h)) * 60 + Number(mi)) * 60 + Number(s);
}

/** UTC ISO text of epoch seconds ("2026-09-01T00:00:00Z"). */
export function isoSeconds(t: number): string {
  return new Date(t * 1000).toISOString().replace(".000Z", "Z");
}

/** [start, next start) of a "YYYY-MM" period in UTC epoch seconds. */
export function periodSeconds(period: string): [number, number] {
  const [y, m] = period.split("-").map(Number);
  return [Date.UTC(y, m - 1, 1) / 1000, Date.UTC(y, m, 1) / 1000];
}
