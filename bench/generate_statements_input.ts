/**
 * FOCUS input for the `generate` benchmark: in one month, `statements` PIs with
 * one project and `chargesEach` charges each (a one-page statement apiece);
 * in the next month one PI with `bigCharges` charges (the 0.4 "77-page"
 * statement). Every row is attributed (nothing held for review).
 */

import { FOCUS_BENCH_HEADER, prng } from "./generate_focus.ts";

/** What to generate. */
export interface StatementsGenOptions {
  /** Month of the small statements (YYYY-MM). */
  smallPeriod: string;
  /** Month of the big statement (YYYY-MM). */
  bigPeriod: string;
  statements: number;
  chargesEach: number;
  bigCharges: number;
}

/** The PI of the big statement. */
export const BIG_PI = "big.lab@example.edu";

const SERVICES = ["Amazon EC2", "Amazon S3", "HPC Cluster", "Research Storage - Projects"];

function row(rand: () => number, period: string, pi: string, project: string, i: number): string {
  const p = (n: number) => String(n).padStart(2, "0");
  const day = 1 + (i % 28);
  const billed = (1 + Math.floor(rand() * 100_000)) / 100;
  const service = SERVICES[i % SERVICES.length];
  const tags = JSON.stringify({ pi_email: pi, project_id: project, fund_org: "D01-F0001" })
    .replaceAll('"', '""');
  const cells = [
    "123456789012",
    "Research Computing",
    `${period}-01T00:00:00Z`,
    `${period}-28T00:00:00Z`,
    `${period}-${p(day)}T00:00:00Z`,
    `${period}-${p(day)}T23:59:59Z`,
    "USD",
    billed.toFixed(2),
    (billed * 1.2).toFixed(2),
    billed.toFixed(2),
    billed.toFixed(2),
    "0.25",
    "0.25",
    "4",
    "Hours",
    "4",
    "Hours",
    "Usage",
    "",
    `${service} usage`,
    "Usage-Based",
    "AWS",
    "Amazon Web Services",
    "AWS",
    service,
    "Compute",
    "us-east-1",
    `res-${project}-${i}`,
    `resource ${i}`,
    "Instance",
    "sub-001",
    "SKU0001",
    `"${tags}"`,
    "Hours:Instance",
    "",
  ];
  return cells.join(",") + "\n";
}

/** The whole file as text (a few MB at most). */
export function statementsCsv(o: StatementsGenOptions): string {
  const rand = prng(7);
  const out: string[] = [FOCUS_BENCH_HEADER.join(",") + "\n"];
  for (let s = 0; s < o.statements; s++) {
    const pi = `pi${String(s).padStart(4, "0")}@example.edu`;
    for (let k = 0; k < o.chargesEach; k++) {
      out.push(row(rand, o.smallPeriod, pi, `proj-${s}`, s * o.chargesEach + k));
    }
  }
  for (let k = 0; k < o.bigCharges; k++) {
    out.push(row(rand, o.bigPeriod, BIG_PI, "big-project", k));
  }
  return out.join("");
}
