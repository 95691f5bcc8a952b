/**
 * A deterministic sacct --parsable2 export for the convert benchmark: `lines`
 * lines (header included) of jobs and their steps in 2026-09 (some starting in
 * August), 2,000 users in 400 accounts (a tenth of their jobs in a second account), CPU, GPU (typed + untyped) and
 * multi-node jobs, some array tasks, PENDING and RUNNING jobs. Streamed to disk.
 */

export const SACCT_BENCH_HEADER =
  "JobID|JobIDRaw|Cluster|Partition|QOS|Account|User|State|Start|End|ElapsedRaw|NCPUS|NNodes|ReqTRES|AllocTRES";

/** The rate card the benchmark converts with (cascade: standard, long, gpu). */
export const SACCT_BENCH_RATES = `currency: USD
skus:
  - id: cpu-std
    service: HPC Compute
    unit: core-hours
    measure: {tres: cpu}
    match: {cluster: [cascade], partition: [standard, long]}
    history:
      - {from: 2026-01, list: "0.0180"}
    subsidy:
      - {from: 2026-01, percent: "25"}
  - id: cpu-gpu
    service: HPC Compute
    unit: core-hours
    measure: {tres: cpu}
    match: {cluster: [cascade], partition: [gpu]}
    history:
      - {from: 2026-01, list: "0.0100"}
  - id: gpu
    service: HPC GPU
    unit: gpu-hours
    measure: {tres: gres/gpu}
    match: {cluster: [cascade], partition: [gpu]}
    history:
      - {from: 2026-01, list: "1.2500"}
outages:
  - {cluster: cascade, partition: [standard], start: "2026-09-14T06:00:00Z", end: "2026-09-14T18:00:00Z", reason: "cooling failure"}
`;

function iso(t: number): string {
  return new Date(t * 1000).toISOString().slice(0, 19);
}

/** Write `lines` lines to `path`. */
export async function writeSacct(path: string, lines: number): Promise<void> {
  const f = await Deno.open(path, { write: true, create: true, truncate: true });
  const enc = new TextEncoder();
  let seed = 20;
  const rand = (n: number) => { // mulberry32
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
  const parts = ["standard", "standard", "long", "gpu"];
  const start0 = Date.UTC(2026, 7, 29) / 1000; // 2026-08-29
  let buf = SACCT_BENCH_HEADER + "\n";
  let n = 1;
  let id = 5_000_000;
  while (n < lines) {
    id++;
    const part = parts[rand(4)];
    const u = rand(2000); // a user works in one account, now and then in a second one
    const user = `u${u}`;
    const acct = `acct${rand(10) === 0 ? (u * 7 + 3) % 400 : u % 400}`;
    const cpus = 1 + rand(64);
    const nodes = cpus > 48 ? 2 : 1;
    const gpus = part === "gpu" ? 1 + rand(4) : 0;
    const start = start0 + rand(33 * 86400);
    const elapsed = 60 + rand(3 * 86400);
    const pending = rand(20) === 0;
    const running = !pending && rand(25) === 0;
    const state = pending
      ? "PENDING"
      : running
      ? "RUNNING"
      : rand(10) === 0
      ? "FAILED"
      : "COMPLETED";
    const tres = `billing=${cpus},cpu=${cpus},${
      gpus ? `gres/gpu:a100=${gpus},gres/gpu=${gpus},` : ""
    }mem=${cpus * 4}G,node=${nodes}`;
    const jobId = rand(10) === 0 ? `${id}_${rand(100)}` : String(id);
    const s = pending ? "Unknown" : iso(start);
    const e = pending || running ? "Unknown" : iso(start + elapsed);
    const el = pending ? 0 : elapsed;
    buf +=
      `${jobId}|${id}|cascade|${part}|normal|${acct}|${user}|${state}|${s}|${e}|${el}|${cpus}|${nodes}|` +
      `billing=${cpus},cpu=${cpus},node=${nodes}|${pending ? "" : tres}\n`;
    n++;
    if (!pending) {
      for (const step of ["batch", "extern"]) {
        if (n >= lines) break;
        buf +=
          `${jobId}.${step}|${id}.${step}|cascade|${part}|normal|${acct}||COMPLETED|${s}|${e}|${el}|${cpus}|${nodes}||${tres}\n`;
        n++;
      }
    }
    if (buf.length > 1 << 20) {
      await f.write(enc.encode(buf));
      buf = "";
    }
  }
  await f.write(enc.encode(buf));
  f.close();
}

if (import.meta.main) await writeSacct(Deno.args[0], Number(Deno.args[1] ?? 1_000_000));
