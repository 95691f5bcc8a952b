/**
 * Test-only seeding of a database with sources, periods, imports and charges
 * (until tests can go through `ingest`). Test code may use SQL.
 */

import { type Database, openDatabase } from "../src/storage/mod.ts";
import { parseMicros } from "../src/domain/money.ts";
import type { AppContext } from "../src/app_context.ts";
import { defaultConfig } from "../src/config/mod.ts";
import { runCli, tempWorkspace, write04Config } from "./cli_harness.ts";

/** One charge to insert; money as decimal text. */
export interface SeedCharge {
  source: string;
  period: string;
  pi: string | null;
  project?: string | null;
  fundOrg?: string | null;
  service?: string;
  resource?: string;
  billed: string;
  list: string;
  currency?: string;
  status?: "none" | "pending" | "approved" | "rejected";
  flags?: string[];
  tags?: string;
}

/** The standard scenario: ids are 1..n in this order. */
export const STANDARD_CHARGES: SeedCharge[] = [
  // 1-2: alice, proj-a, clean
  {
    source: "aws",
    period: "2025-01",
    pi: "alice@uni.edu",
    project: "proj-a",
    fundOrg: "BIO-100",
    service: "Amazon EC2",
    resource: "i-1",
    billed: "100.50",
    list: "120.00",
  },
  {
    source: "aws",
    period: "2025-01",
    pi: "alice@uni.edu",
    project: "proj-a",
    fundOrg: "BIO-100",
    service: "Amazon S3",
    resource: "s3-1",
    billed: "20.25",
    list: "25.00",
  },
  // 3: alice, proj-b, flagged by a pattern
  {
    source: "aws",
    period: "2025-01",
    pi: "alice@uni.edu",
    project: "proj-b",
    fundOrg: "CHM-200",
    service: "Amazon EC2",
    resource: "gpu-1",
    billed: "10.00",
    list: "10.00",
    status: "pending",
    flags: ["pattern:gpu"],
  },
  // 4: alice, proj-b, approved (HPC, fully subsidised)
  {
    source: "hpc",
    period: "2025-01",
    pi: "alice@uni.edu",
    project: "proj-b",
    fundOrg: "CHM-200",
    service: "Slurm",
    resource: "job-1",
    billed: "0",
    list: "50.00",
    status: "approved",
    flags: ["missing_fund_org"],
  },
  // 5: bob, proj-c, missing fund/org
  {
    source: "aws",
    period: "2025-01",
    pi: "bob@uni.edu",
    project: "proj-c",
    fundOrg: null,
    service: "Amazon RDS",
    resource: "db-1",
    billed: "5.125",
    list: "6.00",
    status: "pending",
    flags: ["missing_fund_org"],
  },
  // 6: bob, proj-c, rejected
  {
    source: "aws",
    period: "2025-01",
    pi: "bob@uni.edu",
    project: "proj-c",
    fundOrg: "PHY-300",
    service: "Amazon EC2",
    resource: "test-1",
    billed: "7.00",
    list: "7.00",
    status: "rejected",
    flags: ["pattern:test"],
  },
  // 7: bob, proj-c, clean
  {
    source: "hpc",
    period: "2025-01",
    pi: "bob@uni.edu",
    project: "proj-c",
    fundOrg: "PHY-300",
    service: "Slurm",
    resource: "job-2",
    billed: "12.345678",
    list: "20.00",
  },
  // 8-9: carol, two currencies
  {
    source: "aws",
    period: "2025-01",
    pi: "carol@uni.edu",
    project: "proj-d",
    fundOrg: "ENG-400",
    service: "Amazon EC2",
    resource: "i-9",
    billed: "3.00",
    list: "4.00",
    currency: "EUR",
  },
  {
    source: "aws",
    period: "2025-01",
    pi: "carol@uni.edu",
    project: "proj-d",
    fundOrg: "ENG-400",
    service: "Amazon EC2",
    resource: "i-8",
    billed: "2.00",
    list: "2.50",
  },
  // 10: alice, two reasons
  {
    source: "aws",
    period: "2025-01",
    pi: "alice@uni.edu",
    project: "proj-a",
    fundOrg: "BIO-100",
    service: "Amazon SageMaker",
    resource: "gpu-2",
    billed: "1.111111",
    list: "1.50",
    status: "pending",
    flags: ["pattern:gpu|tpu", "missing_fund_org"],
  },
  // 11: 2025-02, alice
  {
    source: "hpc",
    period: "2025-02",
    pi: "alice@uni.edu",
    project: "proj-a",
    fundOrg: "BIO-100",
    service: "Slurm",
    resource: "job-3",
    billed: "40.00",
    list: "80.00",
  },
  // 12: 2024-12 (finalized), alice, pending (left over from before the gate existed)
  {
    source: "aws",
    period: "2024-12",
    pi: "alice@uni.edu",
    project: "proj-a",
    fundOrg: "BIO-100",
    service: "Amazon EC2",
    resource: "i-0",
    billed: "9.99",
    list: "9.99",
    status: "pending",
    flags: ["pattern:gpu"],
  },
];

/** Insert `charges` (creating sources, periods and one import per source) into an open db. */
export function seedCharges(db: Database, charges: SeedCharge[]): number[] {
  const at = "2025-02-01T09:00:00.000Z";
  const ids: number[] = [];
  db.transaction(() => {
    const sourceIds = new Map<string, number>();
    const importIds = new Map<string, number>();
    for (const c of charges) {
      let sid = sourceIds.get(c.source);
      if (sid === undefined) {
        db.run(
          "INSERT INTO sources (name, display_name, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
          c.source,
          c.source.toUpperCase(),
          at,
        );
        sid = db.get<{ id: number }>("SELECT id FROM sources WHERE name = ?", c.source)!.id;
        sourceIds.set(c.source, sid);
        const r = db.run(
          `INSERT INTO imports (source_id, files, mode, periods, rows, added, removed, unchanged,
            flagged, billed_cost, list_cost, status, imported_by, imported_at)
           VALUES (?, '[]', 'replace', '[]', 0, 0, 0, 0, 0, 0, 0, 'imported', 'seed', ?)`,
          sid,
          `2025-02-0${sourceIds.size}T08:00:00.000Z`,
        );
        importIds.set(c.source, r.lastInsertRowid);
      }
      db.run(
        "INSERT INTO periods (period, status, created_at) VALUES (?, 'open', ?) ON CONFLICT DO NOTHING",
        c.period,
        at,
      );
      // through the view charge_values: it stores the texts once (migration 0014)
      db.run(
        `INSERT INTO charge_values (source_id, period, import_id, fingerprint, occurrence, file_name, line_no,
          billing_period_start, billed_cost, list_cost, contracted_cost, effective_cost,
          billing_currency, service_name, resource_id, tags, pi_email, project_id, fund_org,
          flags, review_status)
         VALUES (?, ?, ?, ?, 1, 'seed.csv', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        sid,
        c.period,
        importIds.get(c.source)!,
        `fp-${ids.length + 1}`,
        ids.length + 2,
        `${c.period}-01T00:00:00Z`,
        parseMicros(c.billed)!,
        parseMicros(c.list)!,
        parseMicros(c.billed)!,
        parseMicros(c.billed)!,
        c.currency ?? "USD",
        c.service ?? null,
        c.resource ?? null,
        c.tags ?? null,
        c.pi,
        c.project ?? null,
        c.fundOrg ?? null,
        c.flags ? JSON.stringify(c.flags) : null,
        c.status ?? "none",
      );
      ids.push(db.get<{ id: number }>("SELECT max(id) AS id FROM charges")!.id);
    }
  });
  return ids;
}

/** Set a period's status directly (test setup only). */
export function setPeriodStatus(db: Database, period: string, status: string): void {
  db.run("UPDATE periods SET status = ? WHERE period = ?", status, period);
}

/** Seed the standard scenario into the database at `path`; 2024-12 is finalized. */
export function seedStandardDb(path: string): void {
  const db = openDatabase(path);
  try {
    seedCharges(db, STANDARD_CHARGES);
    setPeriodStatus(db, "2024-12", "finalized");
  } finally {
    db.close();
  }
}

/** A service context on a fresh database in a temp folder, seeded with the standard scenario. */
export async function seededContext(
  charges: SeedCharge[] = STANDARD_CHARGES,
): Promise<{ ctx: AppContext; cleanup: () => Promise<void> }> {
  const dir = await Deno.makeTempDir({ prefix: "oc-svc-" });
  const db = openDatabase(`${dir}/billing.db`);
  seedCharges(db, charges);
  if (charges === STANDARD_CHARGES) setPeriodStatus(db, "2024-12", "finalized");
  const ctx: AppContext = {
    config: defaultConfig(),
    configPath: null,
    db,
    actor: "test:reviewer",
    now: () => new Date("2025-02-03T10:00:00Z"),
  };
  return {
    ctx,
    cleanup: async () => {
      db.close();
      await Deno.remove(dir, { recursive: true });
    },
  };
}

/** The audit rows of an action, oldest first, with details parsed. */
export function auditOf(ctx: AppContext, action: string) {
  return ctx.db.all<
    { actor: string; at: string; period: string | null; entity_id: string | null; details: string }
  >(
    "SELECT actor, at, period, entity_id, details FROM audit_log WHERE action = ? ORDER BY id",
    action,
  ).map((r) => ({ ...r, details: JSON.parse(r.details) as Record<string, unknown> }));
}

/**
 * A temp workspace with the 0.4 config (database inside it), seeded with the
 * standard scenario; `run` runs the real CLI there with `-c config.yaml`.
 */
export async function seededWorkspace(seed = true) {
  const { dir, cleanup } = await tempWorkspace("oc-cli-");
  await write04Config(dir);
  if (seed) seedStandardDb(`${dir}/instance/billing.db`);
  return {
    dir,
    cleanup,
    run: (args: string[]) => runCli([...args, "-c", "config.yaml"], { cwd: dir }),
    /** Open the workspace database (the caller closes it). */
    openDb: () => openDatabase(`${dir}/instance/billing.db`),
  };
}
