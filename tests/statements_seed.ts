/**
 * Test-only seeding for statement tests: inserts sources, a period, an import
 * and charges with SQL into a real database file (until every test can use
 * the real `ingest`). Columns as in src/storage/migrations/0001_core.sql.
 */

import { parseMicros } from "../src/domain/money.ts";
import { openDatabase } from "../src/storage/mod.ts";

/** One charge to insert; money as decimal text. */
export interface SeedCharge {
  pi: string | null;
  project: string | null;
  fund?: string;
  service: string;
  billed: string;
  list: string;
  currency?: string;
  resource?: string;
  date?: string;
  category?: string;
  chargeClass?: string;
  description?: string;
  quantity?: string;
  unit?: string;
  piName?: string;
  review?: "none" | "pending" | "approved" | "rejected";
  ref1?: string;
  ref2?: string;
  source?: string;
}

let seq = 0;

/** Insert charges for `period` into the database at `dbPath`; returns their ids. */
export function seedCharges(
  dbPath: string,
  period: string,
  charges: SeedCharge[],
  opts: { periodStatus?: "open" | "closed" | "finalized" } = {},
): number[] {
  const db = openDatabase(dbPath);
  try {
    return db.transaction(() => {
      const at = "2025-02-01T00:00:00Z";
      db.run(
        "INSERT INTO periods (period, status, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
        period,
        opts.periodStatus ?? "open",
        at,
      );
      const sourceIds = new Map<string, number>();
      const sourceId = (name: string) => {
        let id = sourceIds.get(name) ??
          db.get<{ id: number }>("SELECT id FROM sources WHERE name = ?", name)?.id;
        if (id === undefined) {
          id = db.run(
            "INSERT INTO sources (name, display_name, created_at) VALUES (?, ?, ?)",
            name,
            name.toUpperCase(),
            at,
          ).lastInsertRowid;
        }
        sourceIds.set(name, id);
        return id;
      };
      const firstSource = sourceId(charges[0]?.source ?? "aws");
      const importId = db.run(
        `INSERT INTO imports (source_id, files, mode, periods, rows, added, removed, unchanged,
           flagged, billed_cost, list_cost, status, imported_by, imported_at)
         VALUES (?, '[]', 'replace', ?, ?, ?, 0, 0, 0, 0, 0, 'imported', 'test', ?)`,
        firstSource,
        JSON.stringify([period]),
        charges.length,
        charges.length,
        at,
      ).lastInsertRowid;
      return charges.map((c, i) => {
        const billed = parseMicros(c.billed)!;
        const list = parseMicros(c.list)!;
        // through the view charge_values: it stores the texts once (migration 0014)
        db.run(
          `INSERT INTO charge_values (source_id, period, import_id, fingerprint, occurrence, file_name,
             line_no, billing_period_start, charge_period_start, billed_cost, list_cost,
             contracted_cost, effective_cost, pricing_quantity, pricing_unit, billing_currency,
             charge_category, charge_class, charge_description, service_name, resource_id,
             resource_name, pi_email, pi_name, project_id, fund_org, reference_1, reference_2,
             review_status, flags)
           VALUES (?, ?, ?, ?, 1, 'seed.csv', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
             ?, ?, ?, ?, ?, ?)`,
          sourceId(c.source ?? "aws"),
          period,
          importId,
          `fp-${++seq}-${i}-${Date.now()}`,
          i + 2,
          `${period}-01T00:00:00Z`,
          c.date ?? `${period}-01T00:00:00Z`,
          billed,
          list,
          billed,
          billed,
          c.quantity ?? null,
          c.unit ?? null,
          c.currency ?? "USD",
          c.category ?? "Usage",
          c.chargeClass ?? null,
          c.description ?? null,
          c.service,
          c.resource ?? `res-${i}`,
          c.resource ?? `res-${i}`,
          c.pi,
          c.piName ?? null,
          c.project,
          c.fund ?? null,
          c.ref1 ?? null,
          c.ref2 ?? null,
          c.review ?? "none",
          c.review === "pending" ? '["flag_pattern"]' : null,
        );
        return db.get<{ id: number }>("SELECT max(id) AS id FROM charges")!.id;
      });
    });
  } finally {
    db.close();
  }
}

/** Run one SQL statement against the database file (to change a charge between runs). */
export function execSql(dbPath: string, sql: string, ...params: (string | number)[]): void {
  const db = openDatabase(dbPath);
  try {
    db.run(sql, ...params);
  } finally {
    db.close();
  }
}

/** Read rows with SQL (assertions on records the CLI wrote). */
export function querySql<T>(dbPath: string, sql: string, ...params: (string | number)[]): T[] {
  const db = openDatabase(dbPath);
  try {
    return db.all<T>(sql, ...params);
  } finally {
    db.close();
  }
}

/** The text of a PDF (npm pdfjs-dist; see tests/pdf_text.ts). */
export { pdfText } from "./pdf_text.ts";

/** A small config with database and outputs under `dir`; returns its path. */
export async function writeStatementsConfig(dir: string, extra = ""): Promise<string> {
  const path = `${dir}/config.yaml`;
  await Deno.writeTextFile(
    path,
    `dev_mode: true
database:
  path: ${dir}/instance/billing.db
output:
  pdf_dir: ${dir}/instance/output/pdfs
  journal_dir: ${dir}/instance/output/journals
  email_dir: ${dir}/instance/output/emails
${extra}`,
  );
  return path;
}

/** A raw RFC 5322 message split into unfolded headers and its PDF attachments. */
export interface ParsedMail {
  header(name: string): string | undefined;
  pdfs: { filename: string; bytes: Uint8Array }[];
  text: string;
}

/** Parse a raw message enough for tests: headers, base64 PDF parts, the text/plain part. */
export function parseMail(raw: string): ParsedMail {
  const norm = raw.replace(/\r\n/g, "\n");
  const headEnd = norm.indexOf("\n\n");
  const headers = norm.slice(0, headEnd).replace(/\n[ \t]+/g, " ").split("\n");
  const pdfs: { filename: string; bytes: Uint8Array }[] = [];
  let text = "";
  const boundaries = [...norm.matchAll(/boundary="?([^"\n;]+)"?/g)].map((m) => m[1]);
  const parts = boundaries.length
    ? norm.split(new RegExp(`\\n--(?:${boundaries.map(escapeRe).join("|")})(?:--)?\\n`))
    : [];
  for (const part of parts) {
    const end = part.indexOf("\n\n");
    if (end < 0) continue;
    const ph = part.slice(0, end).replace(/\n[ \t]+/g, " ");
    const body = part.slice(end + 2);
    if (/Content-Type: application\/pdf/i.test(ph)) {
      const filename = /filename="?([^";\n]+)"?/i.exec(ph)?.[1] ?? "";
      const bin = atob(body.replace(/\s+/g, ""));
      pdfs.push({ filename, bytes: Uint8Array.from(bin, (c) => c.charCodeAt(0)) });
    } else if (/Content-Type: text\/plain/i.test(ph)) {
      text = /quoted-printable/i.test(ph)
        ? body.replace(/=\n/g, "").replace(
          /(=[0-9A-F]{2})+/g,
          (m) =>
            new TextDecoder().decode(
              Uint8Array.from(m.slice(1).split("="), (h) => parseInt(h, 16)),
            ),
        )
        : body;
    }
  }
  return {
    header: (name) => {
      const h = headers.find((h) => h.toLowerCase().startsWith(`${name.toLowerCase()}:`));
      return h === undefined ? undefined : decodeWords(h.slice(name.length + 1).trim());
    },
    pdfs,
    text,
  };
}

/** Decode RFC 2047 encoded words (=?UTF-8?Q?...?= / ?B?) of a header value. */
function decodeWords(value: string): string {
  return value.replace(/\?=\s+=\?/g, "?==?").replace(
    /=\?UTF-8\?([QB])\?([^?]*)\?=/gi,
    (_m, enc: string, text: string) => {
      const bytes = enc.toUpperCase() === "B"
        ? Uint8Array.from(atob(text), (c) => c.charCodeAt(0))
        : Uint8Array.from(
          text.replace(/_/g, " ").replace(
            /=([0-9A-F]{2})/gi,
            (_x, h) => String.fromCharCode(parseInt(h, 16)),
          ),
          (c) => c.charCodeAt(0),
        );
      return new TextDecoder().decode(bytes);
    },
  );
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
