/**
 * `deno run -A bench/storage_bytes.ts DB` prints where a database's bytes go
 * (SQLite's dbstat: pages and payload per table and index) and the bytes per
 * charge, for sizing and for comparing schema changes.
 */

import { DatabaseSync } from "node:sqlite";

const path = Deno.args[0];
if (!path) {
  console.error("usage: deno run -A bench/storage_bytes.ts DB");
  Deno.exit(2);
}
const db = new DatabaseSync(path, { readOnly: true });
const charges = Number(
  (db.prepare("SELECT count(*) AS n FROM charges").get() as { n: number }).n,
);
const rows = db.prepare(
  `SELECT name, sum(pgsize) AS bytes, sum(payload) AS payload, sum(ncell) AS cells
   FROM dbstat GROUP BY name ORDER BY bytes DESC`,
).all() as { name: string; bytes: number; payload: number; cells: number }[];
const total = rows.reduce((n, r) => n + Number(r.bytes), 0);
console.log(`${charges.toLocaleString("en-US")} charges, ${total.toLocaleString("en-US")} bytes`);
console.log(`${(total / Math.max(charges, 1)).toFixed(0)} bytes per charge\n`);
console.log("| table or index | bytes | bytes per charge | payload per charge |");
console.log("|---|---|---|---|");
for (const r of rows) {
  if (Number(r.bytes) < 8192 && rows.length > 12) continue;
  const per = (n: number) => (Number(n) / Math.max(charges, 1)).toFixed(1);
  console.log(
    `| ${r.name} | ${Number(r.bytes).toLocaleString("en-US")} | ${per(r.bytes)} | ${
      per(r.payload)
    } |`,
  );
}
db.close();
