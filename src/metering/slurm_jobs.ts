/**
 * One sacct line to the jobs it bills: steps dropped, array ranges expanded,
 * heterogeneous components kept apart, never-started jobs skipped by reason,
 * times read in the zone of the export, Elapsed trusted over End - Start.
 */

import { isNoTime, type LocalTimeReader, parseDuration } from "./local_time.ts";
import { parseJobId, parseTres, type SacctColumns, type Tres } from "./sacct_fields.ts";

/** Slurm job states (the first word of State; "CANCELLED by 123" is CANCELLED). */
const STATES = new Set([
  "BOOT_FAIL",
  "CANCELLED",
  "COMPLETED",
  "COMPLETING",
  "DEADLINE",
  "FAILED",
  "NODE_FAIL",
  "OUT_OF_MEMORY",
  "PENDING",
  "PREEMPTED",
  "RUNNING",
  "REQUEUED",
  "REQUEUE_FED",
  "REQUEUE_HOLD",
  "RESIZING",
  "REVOKED",
  "SIGNALING",
  "SPECIAL_EXIT",
  "STAGE_OUT",
  "STOPPED",
  "SUSPENDED",
  "TIMEOUT",
]);

/** A job to bill: identity, times (UTC epoch seconds) and TRES. */
export interface SacctJob {
  /** Identity for the requeue rule (JobIDRaw, an array task, a het component): once per Start. */
  identity: string;
  jobId: string;
  cluster: string;
  account: string;
  user: string;
  partition: string;
  qos: string;
  start: number;
  end: number;
  /** End was Unknown: still running, billed to Start + Elapsed. */
  running: boolean;
  /** End - Start minus Elapsed, when End is known (0 = they agree). */
  endGap: number;
  tres: Tres;
  /** AllocTRES was empty: cpu = NCPUS. */
  fallback: boolean;
}

/** The outcome of a line. */
export type LineOutcome =
  | { kind: "step" }
  | { kind: "skip"; reason: string; count: number }
  | { kind: "refuse"; reason: string }
  | { kind: "jobs"; jobs: SacctJob[] };

/** Read one line's cells into jobs. `cluster` is used when the export has no Cluster column. */
export function jobsOfLine(
  cells: string[],
  c: SacctColumns,
  times: LocalTimeReader,
  defaultCluster: string,
): LineOutcome {
  const jobIdText = cells[c.jobId];
  const id = parseJobId(jobIdText);
  if (id === null) return { kind: "refuse", reason: `JobID '${jobIdText}' is not a job id` };
  if (id.step) return { kind: "step" };
  const count = id.ids.length;
  const stateText = cells[c.state];
  const state = stateText.split(" ")[0].toUpperCase();
  if (!STATES.has(state)) return { kind: "skip", reason: `unknown state ${state}`, count };
  if (state === "PENDING") return { kind: "skip", reason: "never started: PENDING", count };
  const startText = cells[c.start];
  if (isNoTime(startText)) {
    return { kind: "skip", reason: `never started: Start=${startText || "empty"}`, count };
  }
  if (c.nodeList >= 0 && cells[c.nodeList] === "None assigned") {
    return { kind: "skip", reason: "never started: NodeList=None assigned", count };
  }
  const start = times.parse(startText);
  if (start === null) return { kind: "refuse", reason: `Start '${startText}' is not a time` };
  const raw = c.elapsedRaw >= 0;
  const elapsedText = cells[raw ? c.elapsedRaw : c.elapsed];
  const elapsed = parseDuration(elapsedText, raw);
  if (elapsed === null) {
    return {
      kind: "refuse",
      reason: `${raw ? "ElapsedRaw" : "Elapsed"} '${elapsedText}' is not a duration`,
    };
  }
  const endText = c.end >= 0 ? cells[c.end] : "Unknown";
  let endGap = 0;
  const running = isNoTime(endText) || state === "RUNNING";
  if (!isNoTime(endText)) {
    const end = times.parse(endText);
    if (end === null) return { kind: "refuse", reason: `End '${endText}' is not a time` };
    endGap = end - start - elapsed;
  }
  const tresText = cells[c.allocTres];
  const parsed = parseTres(tresText);
  if (parsed === null) return { kind: "refuse", reason: `AllocTRES '${tresText}' is not TRES` };
  let tres = parsed;
  let fallback = false;
  if (tresText === "") {
    if (c.ncpus < 0) {
      return { kind: "refuse", reason: "AllocTRES is empty and the export has no NCPUS column" };
    }
    const ncpus = cells[c.ncpus];
    if (!/^\d+$/.test(ncpus)) return { kind: "refuse", reason: `NCPUS '${ncpus}' is not a count` };
    tres = { values: new Map([["cpu", Number(ncpus)]]), gpus: 0 };
    fallback = true;
  }
  const cluster = c.cluster >= 0 && cells[c.cluster] !== "" ? cells[c.cluster] : defaultCluster;
  const raw0 = c.jobIdRaw >= 0 && cells[c.jobIdRaw] !== "" ? cells[c.jobIdRaw] : jobIdText;
  const het = /\+(\d+)$/.exec(jobIdText);
  const jobs: SacctJob[] = id.ids.map((task) => {
    // an array task is named by its task id (range records share the array's JobIDRaw)
    const identity = task.includes("_")
      ? task
      : het && !raw0.includes("+")
      ? `${raw0}+${het[1]}`
      : raw0;
    return {
      identity,
      jobId: task,
      cluster,
      account: c.account >= 0 ? cells[c.account] : "",
      user: cells[c.user],
      partition: cells[c.partition],
      qos: c.qos >= 0 ? cells[c.qos] : "",
      start,
      end: start + elapsed,
      running,
      endGap,
      tres,
      fallback,
    };
  });
  return { kind: "jobs", jobs };
}
