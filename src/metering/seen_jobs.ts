/**
 * The requeue rule: a job is counted once per (cluster, JobIDRaw, Start).
 * Numeric ids (the usual case) are kept as numbers in a Map (id -> first
 * Start), a few bytes per job, so memory stays near flat on a month of a big
 * cluster; other ids (array tasks, het components) and second runs of a
 * requeued job go to a Set of text keys.
 */

const NUMERIC_RE = /^\d{1,15}$/;

/** Remembers the (cluster, identity, start) already counted. */
export class SeenJobs {
  readonly #first = new Map<string, Map<number, number>>();
  readonly #more = new Set<string>();

  /** True the first time (cluster, identity, start) is seen; false for a duplicate. */
  add(cluster: string, identity: string, start: number): boolean {
    if (NUMERIC_RE.test(identity)) {
      let byId = this.#first.get(cluster);
      if (!byId) this.#first.set(cluster, byId = new Map());
      const id = Number(identity);
      const first = byId.get(id);
      if (first === undefined) {
        byId.set(id, start);
        return true;
      }
      if (first === start) return false;
    }
    const key = `${cluster}\u0000${identity}\u0000${start}`;
    if (this.#more.has(key)) return false;
    this.#more.add(key);
    return true;
  }
}
