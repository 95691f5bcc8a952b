/**
 * `convert slurm` over a generated sacct export of N lines (and N/10 for the
 * memory growth): target <= 10 s at 1,000,000 lines with flat memory (peak RSS
 * at most 1.5x the N/10 run). The note gives the CPU time (user + system),
 * which a loaded machine does not inflate the way it does wall time.
 */

import type { BenchSettings, ResultRow } from "./bench_cases.ts";
import { SACCT_BENCH_RATES, writeSacct } from "./generate_sacct.ts";
import { measureCli, type Sample, stats, WORK } from "./measure.ts";

async function sacctFile(lines: number): Promise<string> {
  const path = `${WORK}sacct_${lines}.txt`;
  try {
    await Deno.stat(path);
  } catch {
    await Deno.mkdir(WORK, { recursive: true });
    await writeSacct(`${path}.tmp`, lines);
    await Deno.rename(`${path}.tmp`, path);
  }
  return path;
}

/** The convert case: one row per size. */
export async function convertCase(s: BenchSettings, sizes: number[]): Promise<ResultRow[]> {
  const rates = `${WORK}rates_bench.yaml`;
  await Deno.mkdir(WORK, { recursive: true });
  await Deno.writeTextFile(rates, SACCT_BENCH_RATES);
  const out: ResultRow[] = [];
  let smallerRss: [number, number] | null = null;
  for (const lines of sizes) {
    const file = await sacctFile(lines);
    const mb = (await Deno.stat(file)).size / 1e6;
    const runs: Sample[] = [];
    for (let i = 0; i < s.runs; i++) {
      runs.push(
        await measureCli([
          "convert",
          "slurm",
          "-p",
          "2026-09",
          "--rates",
          rates,
          file,
          "-o",
          `${WORK}convert_out.csv`,
        ]),
      );
    }
    const rss = runs.map((r) => r.rssMb).filter((x): x is number => x !== null);
    const peak = rss.length ? Math.max(...rss) : 0;
    const growth = smallerRss ? peak / smallerRss[1] : null;
    const median = stats(runs.map((r) => r.ms)).median;
    const cpu = runs.map((r) => r.cpuMs).filter((x): x is number => typeof x === "number");
    const report = /rows: (\d+)/.exec(runs[0].stderr)?.[1] ?? "?";
    const big = lines >= 1_000_000;
    out.push({
      case: "convert slurm",
      size: `${lines.toLocaleString("en-US")} sacct lines, ${mb.toFixed(0)} MB`,
      times: runs.map((r) => r.ms),
      rss,
      target: big ? "<= 10 s; <= 1.5x RSS of 1/10 size" : "-",
      ok: big ? median <= 10_000 && (growth === null || growth <= 1.5) : null,
      note: [
        cpu.length ? `CPU ${(stats(cpu).median / 1000).toFixed(2)} s` : "",
        `${report} FOCUS rows`,
        growth
          ? `peak RSS ${growth.toFixed(2)}x the ${smallerRss![0].toLocaleString("en-US")}-line run`
          : "",
      ].filter(Boolean).join("; "),
    });
    smallerRss = [lines, peak];
  }
  return out;
}
