/**
 * Test-only seeding of charges with SQL: the fixed journal dataset of the
 * golden files (exact amounts, review states and awkward text the real
 * sample files do not have).
 */

import { parseMicros } from "../src/domain/money.ts";
import { openDatabase, sourceKey } from "../src/storage/mod.ts";

/** One charge to insert. Money as decimal text. */
export interface SeedCharge {
  source: string;
  period?: string;
  pi?: string | null;
  project?: string | null;
  fundOrg?: string | null;
  account?: string | null;
  service?: string;
  resourceId?: string;
  resourceName?: string;
  billed: string;
  list?: string;
  currency?: string;
  status?: "none" | "pending" | "approved" | "rejected";
}

const AT = "2025-02-01T00:00:00Z";

/** Insert `charges` (sources, periods and one import per source created as needed). */
export function seedCharges(dbPath: string, charges: SeedCharge[]): void {
  const db = openDatabase(dbPath);
  try {
    db.transaction(() => {
      const sourceIds = new Map<string, number>();
      const importIds = new Map<string, number>();
      charges.forEach((c, i) => {
        const key = sourceKey(c.source);
        let sid = sourceIds.get(key);
        if (sid === undefined) {
          sid = db.get<{ id: number }>("SELECT id FROM sources WHERE name = ?", key)?.id ??
            db.run(
              "INSERT INTO sources (name, display_name, created_at) VALUES (?, ?, ?)",
              key,
              c.source,
              AT,
            ).lastInsertRowid;
          sourceIds.set(key, sid);
        }
        const period = c.period ?? "2025-01";
        db.run(
          "INSERT INTO periods (period, status, created_at) VALUES (?, 'open', ?) ON CONFLICT DO NOTHING",
          period,
          AT,
        );
        let iid = importIds.get(key);
        if (iid === undefined) {
          iid = db.run(
            `INSERT INTO imports (source_id, files, mode, periods, rows, added, removed, unchanged,
              flagged, billed_cost, list_cost, status, imported_by, imported_at)
             VALUES (?, '[]', 'replace', '[]', 0, 0, 0, 0, 0, 0, 0, 'imported', 'test', ?)`,
            sid,
            AT,
          ).lastInsertRowid;
          importIds.set(key, iid);
        }
        const billed = parseMicros(c.billed)!;
        const list = parseMicros(c.list ?? c.billed)!;
        db.run(
          `INSERT INTO charge_values (source_id, period, import_id, fingerprint, occurrence, file_name, line_no,
            billing_period_start, charge_period_start, billed_cost, list_cost, contracted_cost,
            effective_cost, billing_currency, service_name, resource_id, resource_name, pi_email,
            project_id, fund_org, account_code, review_status)
           VALUES (?, ?, ?, ?, 1, 'seed.csv', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          sid,
          period,
          iid,
          `fp-${i}`,
          i + 2,
          `${period}-01T00:00:00Z`,
          `${period}-01T00:00:00Z`,
          billed,
          list,
          billed,
          billed,
          c.currency ?? "USD",
          c.service ?? "Service",
          c.resourceId ?? `res-${i + 1}`,
          c.resourceName ?? "",
          c.pi === undefined ? "pi@example.edu" : c.pi,
          c.project === undefined ? "proj" : c.project,
          c.fundOrg === undefined ? "DEPT-FUND-01" : c.fundOrg,
          c.account ?? null,
          c.status ?? "none",
        );
      });
    });
  } finally {
    db.close();
  }
}

/** The fixed dataset of the journal golden files (period 2025-01). */
export const JOURNAL_DATASET: SeedCharge[] = [
  {
    source: "AWS",
    pi: "zorp@example.edu",
    project: "genomics",
    fundOrg: "BIO-2024-001",
    service: "Amazon EC2",
    resourceId: "i-0001",
    resourceName: "genomics-01",
    billed: "1062.505",
    list: "1250.00",
  },
  {
    source: "AWS",
    pi: "zorp@example.edu",
    project: "genomics",
    fundOrg: "BIO-2024-001",
    service: "Amazon S3",
    resourceId: "bucket-1",
    billed: "10.004",
    list: "12.00",
  },
  {
    source: "AWS",
    pi: "tarn@example.edu",
    project: "quantum",
    fundOrg: "DOE-SC-2024",
    account: "7100",
    service: "Amazon EC2",
    resourceId: "i-0002",
    billed: "272.00",
    list: "320.00",
  },
  {
    source: "AWS",
    pi: "tarn@example.edu",
    project: "quantum",
    fundOrg: "DOE-SC-2024",
    service: "Amazon Bedrock",
    resourceId: "model-x",
    billed: "99.99",
    status: "pending",
  },
  {
    source: "AWS",
    pi: "zorp@example.edu",
    project: "genomics",
    fundOrg: "BIO-2024-001",
    service: "Amazon EC2",
    resourceId: "i-rejected",
    billed: "500.00",
    status: "rejected",
  },
  {
    source: "AWS",
    pi: "quib@example.edu",
    project: "climate",
    fundOrg: "NSF-ATM-2024",
    service: '=HYPERLINK("http://evil")',
    resourceId: "vm-7",
    resourceName: 'run "alpha",\nbatch 2',
    billed: "45.50",
    list: "50.00",
    status: "approved",
  },
  {
    source: "HPC",
    pi: "quib@example.edu",
    project: "climate",
    fundOrg: "NSF-ATM-2024",
    service: "HPC Cluster",
    resourceId: "node-42",
    billed: "0.00",
    list: "800.00",
  },
  {
    source: "HPC",
    pi: "quib@example.edu",
    project: "climate",
    fundOrg: "NSF-ATM-2024",
    service: "HPC Storage",
    resourceId: "scratch-1",
    billed: "12.345",
    list: "20.00",
  },
  {
    source: "Storage",
    pi: "zorp@example.edu",
    project: "genomics",
    fundOrg: "BIO-2024-001",
    service: "Research Storage",
    resourceId: "vol-1",
    billed: "25.00",
  },
];

/** The config of the journal tests (database and outputs in `dir`), with `journal` overrides. */
export function journalTestConfig(dir: string, journalExtra = "", sourcesYaml?: string): string {
  return `database:
  path: ${dir}/db.sqlite
output:
  journal_dir: ${dir}/journals
imports:
  known_sources:
${
    sourcesYaml ?? `    - {name: AWS, fund_org: "RC-CLOUD-01", account_code: "4500"}
    - {name: HPC, fund_org: "RC-HPC-01", account_code: "4510"}
    - {name: Storage, fund_org: "RC-STOR-01"}`
  }
journal:
  fund_org_regex: "^(?P<orgn>[^-]+)-(?P<fund>.+)$"
  account_code_regex: "^\\\\d{4}$"
  default_account: "4999"
  debit_description: '{source} {period} "RC", {pi_email}'
${journalExtra}`;
}
