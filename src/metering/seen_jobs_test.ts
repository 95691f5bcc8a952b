import { deepEqual } from "node:assert/strict";
import { SeenJobs } from "./seen_jobs.ts";

Deno.test("SeenJobs: once per (cluster, id, start), numeric or not, requeued runs kept apart", () => {
  const s = new SeenJobs();
  const got = [
    s.add("c", "100", 10), // first
    s.add("c", "100", 10), // duplicate
    s.add("c", "100", 20), // requeued: another run
    s.add("c", "100", 20), // its duplicate
    s.add("c", "100", 10), // the first again
    s.add("d", "100", 10), // another cluster
    s.add("c", "100_3", 10),
    s.add("c", "100_3", 10),
    s.add("c", "100+1", 10),
  ];
  deepEqual(got, [true, false, true, false, false, true, true, false, true]);
});
