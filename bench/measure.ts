/**
 * Measuring one command: wall time around the process, peak RSS from
 * `/usr/bin/time -v` (falls back to none when it is missing), and the
 * statistics of repeated runs (median, min, max).
 */

import { fileURLToPath } from "node:url";
import { V8_FLAGS_ARG } from "../scripts/build.ts";

/** Absolute path of the repository's main.ts. */
export const MAIN = fileURLToPath(new URL("../main.ts", import.meta.url));
/** bench/work: generated inputs and cached databases (git-ignored). */
export const WORK = fileURLToPath(new URL("./work/", import.meta.url));

/** One measured process run. */
export interface Sample {
  ms: number;
  /** Peak resident set size in MB, or null when unknown. */
  rssMb: number | null;
  /** User + system CPU time in ms (from /usr/bin/time -v), or null when unknown. */
  cpuMs?: number | null;
  code: number;
  stdout: string;
  stderr: string;
}

let timeAvailable: boolean | null = null;

/** True when `/usr/bin/time -v` works here. */
export function hasGnuTime(): boolean {
  if (timeAvailable === null) {
    try {
      timeAvailable = Deno.statSync("/usr/bin/time").isFile;
    } catch {
      timeAvailable = false;
    }
  }
  return timeAvailable;
}

/** Run `cmd args` once (cwd, env), measuring wall time and peak RSS. */
export async function measure(
  cmd: string,
  args: string[],
  opts: { cwd?: string; env?: Record<string, string> } = {},
): Promise<Sample> {
  const gnu = hasGnuTime();
  const command = new Deno.Command(gnu ? "/usr/bin/time" : cmd, {
    args: gnu ? ["-v", cmd, ...args] : args,
    cwd: opts.cwd,
    env: { NO_COLOR: "1", ...opts.env },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  });
  const t0 = performance.now();
  const out = await command.output();
  const ms = performance.now() - t0;
  let stderr = new TextDecoder().decode(out.stderr);
  let rssMb: number | null = null;
  let cpuMs: number | null = null;
  if (gnu) {
    const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
    if (m) rssMb = Number(m[1]) / 1024;
    const user = /User time \(seconds\): ([\d.]+)/.exec(stderr);
    const sys = /System time \(seconds\): ([\d.]+)/.exec(stderr);
    if (user && sys) cpuMs = (Number(user[1]) + Number(sys[1])) * 1000;
    const cut = stderr.indexOf("\tCommand being timed:");
    if (cut >= 0) stderr = stderr.slice(0, cut);
  }
  return { ms, rssMb, cpuMs, code: out.code, stdout: new TextDecoder().decode(out.stdout), stderr };
}

/** Run `openchargeback args` (deno run main.ts, with the program's V8 flags) once, measured; throws on a non-zero exit. */
export async function measureCli(
  args: string[],
  opts: { cwd?: string; env?: Record<string, string>; allowFail?: boolean } = {},
): Promise<Sample> {
  const s = await measure(
    Deno.execPath(),
    ["run", "-A", "--quiet", V8_FLAGS_ARG, MAIN, ...args],
    opts,
  );
  if (s.code !== 0 && !opts.allowFail) {
    throw new Error(`openchargeback ${args.join(" ")} exited ${s.code}:\n${s.stderr}${s.stdout}`);
  }
  return s;
}

/** Median, min and max of numbers (NaN when empty). */
export interface Stats {
  median: number;
  min: number;
  max: number;
  n: number;
}

/** Statistics of `values`. */
export function stats(values: number[]): Stats {
  if (values.length === 0) return { median: NaN, min: NaN, max: NaN, n: 0 };
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return { median, min: s[0], max: s[s.length - 1], n: s.length };
}

/** The p-th percentile (0-100, nearest rank) of `values`. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * s.length));
  return s[rank - 1];
}

/** The machine and its load, for the results file. */
export function machineInfo(): string[] {
  const read = (p: string) => {
    try {
      return Deno.readTextFileSync(p);
    } catch {
      return "";
    }
  };
  const cpu = /model name\s*:\s*(.*)/.exec(read("/proc/cpuinfo"))?.[1] ?? "unknown";
  const memKb = Number(/MemTotal:\s*(\d+)/.exec(read("/proc/meminfo"))?.[1] ?? 0);
  const sqlite = (() => {
    try {
      const o = new Deno.Command("sqlite3", { args: ["--version"], stdout: "piped" }).outputSync();
      return new TextDecoder().decode(o.stdout).split(" ")[0];
    } catch {
      return "not installed";
    }
  })();
  return [
    `- CPU: ${cpu}, ${navigator.hardwareConcurrency} cores (nproc)`,
    `- memory: ${(memKb / 1024 / 1024).toFixed(1)} GB`,
    `- OS: ${Deno.build.os} ${Deno.build.arch}, ${read("/proc/sys/kernel/osrelease").trim()}`,
    `- deno ${Deno.version.deno} (V8 ${Deno.version.v8}), sqlite3 shell ${sqlite}`,
  ];
}

/** The 1/5/15-minute load averages as text. */
export function loadAverage(): string {
  try {
    return Deno.readTextFileSync("/proc/loadavg").split(" ").slice(0, 3).join(" ");
  } catch {
    return "unknown";
  }
}
