/**
 * The pieces of one sacct line: which column is which (from a header, from
 * --columns, or XDMoD's documented default order), job ids (steps, array
 * ranges, heterogeneous components) and AllocTRES.
 */

import { UserError } from "../domain/errors.ts";

/**
 * XDMoD's documented `--format` list (docs/resource-manager-slurm.md), the
 * default column order of a file without a header.
 */
export const XDMOD_COLUMNS = (
  "jobid,jobidraw,cluster,partition,qos,account,group,gid,user,uid,submit,eligible,start,end," +
  "elapsed,exitcode,state,nnodes,ncpus,reqcpus,reqmem,reqtres,alloctres,timelimit,nodelist,jobname"
).split(",");

/** Where the columns the converter reads are (-1 = absent). */
export interface SacctColumns {
  count: number;
  jobId: number;
  jobIdRaw: number;
  state: number;
  start: number;
  end: number;
  elapsed: number;
  elapsedRaw: number;
  account: number;
  user: number;
  partition: number;
  allocTres: number;
  ncpus: number;
  cluster: number;
  qos: number;
  nodeList: number;
}

/** Map column names (any case) to positions; refuse when a needed one is missing. */
export function planColumns(names: string[], where: string): SacctColumns {
  const lower = names.map((n) => n.trim().toLowerCase());
  const at = (n: string) => lower.indexOf(n);
  const c: SacctColumns = {
    count: names.length,
    jobId: at("jobid"),
    jobIdRaw: at("jobidraw"),
    state: at("state"),
    start: at("start"),
    end: at("end"),
    elapsed: at("elapsed"),
    elapsedRaw: at("elapsedraw"),
    account: at("account"),
    user: at("user"),
    partition: at("partition"),
    allocTres: at("alloctres"),
    ncpus: at("ncpus"),
    cluster: at("cluster"),
    qos: at("qos"),
    nodeList: at("nodelist"),
  };
  const missing: string[] = [];
  if (c.jobId < 0) missing.push("JobID");
  if (c.state < 0) missing.push("State");
  if (c.start < 0) missing.push("Start");
  if (c.elapsed < 0 && c.elapsedRaw < 0) missing.push("Elapsed or ElapsedRaw");
  if (c.user < 0) missing.push("User");
  if (c.partition < 0) missing.push("Partition");
  if (c.allocTres < 0) missing.push("AllocTRES");
  if (missing.length) {
    throw new UserError(`${where}: the columns lack ${missing.join(", ")}.`, {
      hint: "Run sacct with --format naming them (docs/integrations.md), or name the " +
        "columns of a file without a header with --columns.",
    });
  }
  return c;
}

/** One job (allocation) a JobID names: array ranges give several. */
export interface JobIdParts {
  /** A step (`123.batch`, `123.0`): dropped. */
  step: boolean;
  /** The identity of each job the id names (array task "123_4", het "123+1"). */
  ids: string[];
  /** True when the id was an array range (`123_[1-3,7]`). */
  range: boolean;
}

const ARRAY_RANGE_RE = /^(\d+)_\[([0-9,\-%:]+)\]$/;

/** Parse a JobID; null when it is not one (e.g. "abc"). */
export function parseJobId(text: string): JobIdParts | null {
  if (text.includes(".")) return { step: true, ids: [], range: false };
  const m = ARRAY_RANGE_RE.exec(text);
  if (m) {
    const ids: string[] = [];
    for (const part of m[2].replace(/%\d+$/, "").split(",")) {
      const r = /^(\d+)(?:-(\d+))?(?::(\d+))?$/.exec(part);
      if (!r) return null;
      const from = Number(r[1]), to = r[2] === undefined ? from : Number(r[2]);
      const step = r[3] === undefined ? 1 : Number(r[3]);
      if (to < from || step < 1 || to - from > 1_000_000) return null;
      for (let i = from; i <= to; i += step) ids.push(`${m[1]}_${i}`);
    }
    return { step: false, ids, range: true };
  }
  if (!/^\d+(?:_\d+)?(?:\+\d+)?$/.test(text)) return null;
  return { step: false, ids: [text], range: false };
}

/** AllocTRES as counts: mem in KiB, everything else as written. */
export interface Tres {
  /** name -> count (mem in KiB). */
  values: Map<string, number>;
  /** GPUs: untyped gres/gpu when present, else the sum of the typed entries. */
  gpus: number;
}

const MEM_UNIT: Record<string, number> = {
  K: 1,
  M: 1024,
  G: 1024 ** 2,
  T: 1024 ** 3,
  P: 1024 ** 4,
};

/** Parse AllocTRES ("billing=8,cpu=8,gres/gpu:a100=1,gres/gpu=1,mem=32G,node=1"); null if malformed. */
export function parseTres(text: string): Tres | null {
  const values = new Map<string, number>();
  let untyped = -1, typed = 0;
  if (text === "") return { values, gpus: 0 };
  for (const item of text.split(",")) {
    const eq = item.indexOf("=");
    if (eq <= 0) return null;
    const name = item.slice(0, eq), raw = item.slice(eq + 1);
    let value: number;
    if (name === "mem" || name === "vmem") {
      const m = /^(\d+(?:\.\d+)?)([KMGTP])?$/.exec(raw);
      if (!m) return null;
      value = Math.round(Number(m[1]) * MEM_UNIT[m[2] ?? "M"]);
    } else {
      if (!/^\d+$/.test(raw)) return null;
      value = Number(raw);
    }
    values.set(name, value);
    if (name === "gres/gpu") untyped = value;
    else if (name.startsWith("gres/gpu:")) typed += value;
  }
  return { values, gpus: untyped >= 0 ? untyped : typed };
}

/** TRES names Slurm has that the converter knows (others are reported). */
export function isKnownTres(name: string): boolean {
  return name === "cpu" || name === "mem" || name === "node" || name === "billing" ||
    name === "energy" || name === "fs/disk" || name === "vmem" || name === "pages" ||
    name === "gres/gpu" || name.startsWith("gres/gpu:");
}
