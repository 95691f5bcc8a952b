import { deepEqual } from "node:assert/strict";
import { parseMicros } from "../domain/money.ts";
import type { JournalCharge } from "./journal_charges.ts";
import { fundPortions } from "./fund_shares.ts";
import { detailTable, summaryTable } from "./formats/tables.ts";

const m = (t: string) => parseMicros(t)!;
const SPLIT = [{ fundOrg: "F-60", hundredths: 6000 }, { fundOrg: "F-40", hundredths: 4000 }];

function charge(id: number, billed: string, over: Partial<JournalCharge> = {}): JournalCharge {
  const micros = m(billed);
  return {
    id,
    period: "2026-05",
    statementKey: "p1",
    sourceKey: "aws",
    source: "AWS",
    piEmail: "a@x.edu",
    projectId: "p1",
    fundOrg: "",
    accountCode: "",
    serviceName: "",
    resourceId: "",
    resourceName: "",
    currency: "USD",
    billedExact: micros,
    listExact: micros,
    listCents: micros,
    billedCents: micros,
    discountCents: 0,
    pending: false,
    split: SPLIT,
    ...over,
  };
}

Deno.test("fund portions: largest remainder by percent; a refund mirrors the charge; no split keeps the fund", () => {
  // 10.01 * 60 % = 6.006 -> 6.01, 40 % = 4.004 -> 4.00 (sum 10.01)
  deepEqual(fundPortions("", SPLIT, [m("10.01")], "USD").map((f) => [f.fundOrg, f.amounts]), [
    ["F-60", [m("6.01")]],
    ["F-40", [m("4.00")]],
  ]);
  deepEqual(fundPortions("", SPLIT, [m("-10.01")], "USD").map((f) => f.amounts[0]), [
    m("-6.01"),
    m("-4.00"),
  ]);
  // a tie (0.01 in halves) goes to the first fund of the split; JPY in whole yen
  const halves = [{ fundOrg: "A", hundredths: 5000 }, { fundOrg: "B", hundredths: 5000 }];
  deepEqual(fundPortions("", halves, [m("0.01")], "USD").map((f) => f.amounts[0]), [
    m("0.01"),
    0,
  ]);
  deepEqual(fundPortions("", SPLIT, [m("1001")], "JPY").map((f) => f.amounts[0]), [
    m("601"),
    m("400"),
  ]);
  deepEqual(fundPortions("BIO-1", null, [m("2.50")], "USD"), [
    { fundOrg: "BIO-1", hundredths: null, amounts: [m("2.50")] },
  ]);
});

Deno.test("detail and summary tables: split rows, Fund Percent before the pending column, none without a split", () => {
  const charges = [
    charge(1, "10.01", { pending: true }),
    charge(2, "2.50", { projectId: "p2", statementKey: "p2", fundOrg: "BIO-1", split: null }),
  ];
  const d = detailTable(charges, true);
  deepEqual(d.header.slice(-3), ["Charge ID", "Fund Percent", "Pending Review"]);
  deepEqual(d.rows.map((r) => [r[4], r[8], r[9], r[10], r[12], r[13], r[14]]), [
    ["F-60", "6.01", "0.00", "6.01", 1, "60.00", "yes"],
    ["F-40", "4.00", "0.00", "4.00", 1, "40.00", "yes"],
    ["BIO-1", "2.50", "0.00", "2.50", 2, "", ""],
  ]);
  const s = summaryTable(charges, true);
  deepEqual(s.header.slice(-2), ["Fund Percent", "Pending Charges"]);
  deepEqual(s.rows.map((r) => [r[1], r[2], r[4], r[7], r[8], r[9]]), [
    ["p1", "F-40", 1, "4.00", "40.00", 1],
    ["p1", "F-60", 1, "6.01", "60.00", 1],
    ["p2", "BIO-1", 1, "2.50", "", 0],
  ]);
  // without a split the columns are those of the golden journals
  const plain = [charges[1]];
  deepEqual(detailTable(plain, false).header.at(-1), "Charge ID");
  deepEqual(summaryTable(plain, false).header.at(-1), "Billed");
});
