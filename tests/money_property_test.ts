/**
 * The money rule, by property over seeded random charges: thousands of
 * sub-cent and negative amounts in USD, EUR, JPY and BHD, statements over
 * several funds and sources, both statement groupings. For every statement
 * section: total = round(exact) once; lines and service rows add up to it;
 * every printed figure is within one minor unit of its exact value. For the
 * journals: GL debits = credits = the statements' amounts due; per-charge
 * (detail) and summary rows add up to the same; a GL built from SQL sums on a
 * real SQLite file equals the one built from every charge.
 */

import { deepEqual, equal, ok } from "node:assert/strict";
import type { AppContext } from "../src/app_context.ts";
import { parseConfigText } from "../src/config/mod.ts";
import { minorStep, roundToMinor } from "../src/domain/currency.ts";
import { formatMicros } from "../src/domain/money.ts";
import { formatMoney, minorDecimal } from "../src/domain/money_format.ts";
import {
  buildJournalEntries,
  glJournalEntries,
  loadJournalCharges,
  toJournalCharge,
} from "../src/journal/mod.ts";
import { summaryTable } from "../src/journal/formats/tables.ts";
import { buildStatementModels, statementLineAmounts } from "../src/statements/mod.ts";
import { type BillableChargeRow, openDatabase } from "../src/storage/mod.ts";
import { seededRng } from "../scripts/sample_data/prng.ts";
import { tempWorkspace } from "./cli_harness.ts";
import { type SeedCharge, seedCharges } from "./journal_seed.ts";

const CURRENCIES = ["USD", "EUR", "JPY", "BHD"];
const SOURCES = ["aws", "azure", "hpc"];
const CONFIG_TEXT = `imports:
  known_sources:
    - {name: aws, fund_org: "RC-900", account_code: "4500"}
    - {name: azure, fund_org: "RC-901", account_code: "4501"}
    - {name: hpc, fund_org: "RC-902", account_code: ""}
journal:
  default_account: "4999"
`;

function configFor(per: "project" | "pi") {
  return parseConfigText(`${CONFIG_TEXT}statements:\n  per: ${per}\n`, "test.yaml").config;
}

/** A random amount: a third sub-minor-unit (either sign), the rest up to 2,000 units. */
function amount(rng: ReturnType<typeof seededRng>, currency: string): number {
  const step = minorStep(currency);
  const r = rng.next();
  if (r < 0.35) return rng.int(-step, step); // 0.004, -0.005, ...: below one minor unit
  if (r < 0.45) return -rng.int(0, 50 * 1_000_000); // credits and refunds
  return rng.int(0, 2_000 * 1_000_000);
}

function randomCharges(seed: number, n: number): BillableChargeRow[] {
  const rng = seededRng(seed);
  const pis = ["a@x.edu", "b@x.edu", "c@x.edu", "d@x.edu", "e@x.edu", "f@x.edu"];
  const services = ["EC2", "S3", "Lambda", "Compute", "Storage"];
  return Array.from({ length: n }, (_, i) => {
    const currency = rng.pick(CURRENCIES);
    const billed = amount(rng, currency);
    const list = billed + (rng.chance(0.5) ? rng.int(0, 5_000_000) : 0);
    const source = rng.pick(SOURCES);
    return {
      id: i + 1,
      period: "2026-10",
      source_id: SOURCES.indexOf(source) + 1,
      source_name: source,
      source_display_name: source.toUpperCase(),
      charge_period_start: `2026-10-${String(rng.int(1, 28)).padStart(2, "0")}T00:00:00Z`,
      billed_cost: billed,
      list_cost: list,
      billing_currency: currency,
      charge_category: rng.chance(0.05) ? "Credit" : "Usage",
      charge_class: rng.chance(0.02) ? "Correction" : null,
      charge_description: rng.chance(0.5) ? "hourly usage" : null,
      service_name: rng.pick(services),
      service_category: null,
      resource_id: `r-${rng.int(1, 40)}`,
      resource_name: null,
      pricing_quantity: null,
      pricing_unit: null,
      consumed_quantity: null,
      consumed_unit: null,
      pi_email: rng.pick(pis),
      pi_name: null,
      project_id: `p${rng.int(1, 3)}`,
      fund_org: rng.pick(["BIO-100", "CHEM-200", "PHYS-300"]),
      cost_center: null,
      reference_1: null,
      reference_2: null,
      account_code: rng.chance(0.2) ? "4600" : null,
      review_status: "none",
    };
  });
}

const within = (got: number, exact: number, currency: string, what: string) =>
  ok(Math.abs(got - exact) < minorStep(currency), `${what}: ${got} vs exact ${exact} ${currency}`);

for (const per of ["project", "pi"] as const) {
  Deno.test(`money property (statements.per ${per}): statements, lines and journals reconcile`, () => {
    const charges = randomCharges(per === "project" ? 1616 : 1617, 6_000);
    const subMinor = charges.filter((c) => Math.abs(c.billed_cost) < minorStep(c.billing_currency));
    ok(subMinor.length > 1_500, `sub-minor-unit charges: ${subMinor.length}`);
    ok(charges.filter((c) => c.billed_cost < 0).length > 1_000);
    const models = buildStatementModels(charges, { period: "2026-10", grouping: per });
    ok(models.length >= 6);
    const dueBy = new Map<string, number>();
    let sections = 0;
    for (const m of models) {
      const mine = charges.filter((c) =>
        m.groupKey === (per === "pi" ? c.pi_email : `${c.pi_email}\u001f${c.project_id}`)
      );
      equal(mine.length, m.chargeCount);
      for (const s of m.sections) {
        sections++;
        const cur = s.currency;
        const of = mine.filter((c) => c.billing_currency === cur);
        const exact = of.reduce((t, c) => t + c.billed_cost, 0);
        const exactList = of.reduce((t, c) => t + c.list_cost, 0);
        // the total: exact sum rounded once; list likewise; the box reads true
        equal(s.totals.exactBilled, exact);
        equal(s.totals.billed, roundToMinor(exact, cur));
        equal(s.totals.listAll, roundToMinor(exactList, cur));
        equal(s.totals.discountAll, s.totals.listAll - s.totals.billed);
        equal(s.totals.list - s.totals.discount + s.totals.credits, s.totals.billed);
        // the lines add up to it, by service and in all
        const lines = [...s.lines, ...s.adjustments];
        equal(lines.reduce((t, l) => t + l.billed, 0), s.totals.billed);
        equal(lines.reduce((t, l) => t + l.list, 0), s.totals.listAll);
        equal(s.adjustments.reduce((t, l) => t + l.billed, 0), s.totals.credits);
        for (const svc of s.services) {
          const ls = s.lines.filter((l) => l.service === svc.service);
          equal(ls.reduce((t, l) => t + l.billed, 0), svc.billed);
          equal(ls.length, svc.charges);
        }
        for (const l of lines) {
          equal(l.billed % minorStep(cur), 0);
          equal(l.discount, l.list - l.billed);
          // JPY prints without decimals, BHD with three, every line rounded once
          const text = formatMoney(l.billed, cur);
          if (cur === "JPY") ok(!text.includes("."), text);
          if (cur === "BHD") ok(/\.\d{3}$/.test(text), text);
        }
        dueBy.set(cur, (dueBy.get(cur) ?? 0) + s.totals.billed);
      }
    }
    ok(sections > 20);
    // every printed line within one minor unit of its charge's exact amount (detail = statement lines)
    const lineAmounts = statementLineAmounts(charges, per);
    charges.forEach((c, i) => {
      within(lineAmounts[i].billed, c.billed_cost, c.billing_currency, `line ${c.id}`);
      within(lineAmounts[i].list, c.list_cost, c.billing_currency, `list ${c.id}`);
    });
    const config = configFor(per);
    for (const cur of CURRENCIES) {
      const rows = charges.filter((c) => c.billing_currency === cur);
      const idx = rows.map((r) => charges.indexOf(r));
      const jc = rows.map((r, k) => toJournalCharge(r, config, lineAmounts[idx[k]]));
      const due = dueBy.get(cur) ?? 0;
      // detail: the statements' lines; summary: each statement allocated over its rows
      equal(jc.reduce((t, c) => t + c.billedCents, 0), due, `detail ${cur}`);
      const summary = summaryTable(jc, false);
      const billedCol = summary.header.indexOf("Billed");
      const summed = summary.rows.reduce(
        (t, r) => t + BigInt(String(r[billedCol]).replace(".", "")),
        0n,
      );
      equal(summed * BigInt(minorStep(cur)), BigInt(due), `summary ${cur}`);
      // GL: debits = credits; with no net-negative group, = the statements' amounts due
      const gl = buildJournalEntries(jc, "2026-10", config);
      equal(gl.debitTotal, gl.creditTotal);
      // the fund/org lines (a net-negative one sits on the credit side) net to the amounts due
      const fundLines = gl.entries.filter((e) => !e.fundOrg.startsWith("RC-"));
      const signed = fundLines.reduce((t, e) => t + (e.type === "debit" ? e.amount : -e.amount), 0);
      equal(signed, due, `GL debit lines net ${cur}`);
      if (gl.entries.every((e) => e.piEmail === "" ? e.type === "credit" : e.type === "debit")) {
        equal(gl.debitTotal, due);
      }
      // journal amounts print in the currency's minor unit
      for (const e of gl.entries) {
        const text = minorDecimal(e.amount, cur);
        if (cur === "JPY") ok(/^\d+$/.test(text), text);
        if (cur === "BHD") ok(/^\d+\.\d{3}$/.test(text), text);
      }
    }
  });
}

Deno.test("money property: a GL from SQL sums on a real database equals the per-charge GL", async () => {
  const rng = seededRng(4217);
  const seeds: SeedCharge[] = [];
  for (let i = 0; i < 3_000; i++) {
    const cents = rng.chance(0.5) ? rng.int(-9_999, 9_999) : rng.int(0, 500_000_000);
    seeds.push({
      source: rng.pick(SOURCES),
      pi: rng.pick(["a@x.edu", "b@x.edu", "c@x.edu", "d@x.edu"]),
      project: `p${rng.int(1, 4)}`,
      fundOrg: rng.pick(["BIO-100", "CHEM-200", " BIO-100 "]),
      account: rng.chance(0.2) ? "4600" : null,
      billed: formatMicros(cents),
      currency: "JPY",
      status: rng.pick(["none", "none", "approved", "pending", "rejected"]),
    });
  }
  const { dir, cleanup } = await tempWorkspace("oc-money-prop-");
  const path = `${dir}/db.sqlite`;
  seedCharges(path, seeds);
  const db = openDatabase(path);
  try {
    for (const per of ["project", "pi"] as const) {
      const ctx: AppContext = {
        config: configFor(per),
        configPath: null,
        db,
        actor: "test",
        now: () => new Date("2025-02-03T10:00:00Z"),
      };
      for (const includePending of [false, true]) {
        const charges = loadJournalCharges(db, ctx.config, "2025-01", includePending);
        const perCharge = buildJournalEntries(charges, "2025-01", ctx.config);
        const fromSql = glJournalEntries(ctx, "2025-01", includePending).journal;
        deepEqual(fromSql, perCharge);
        // the statements of these charges
        const models = buildStatementModels(
          charges.map((c, i) => ({
            ...c,
            billed_cost: c.billedExact,
            list_cost: c.listExact,
            billing_currency: c.currency,
            charge_period_start: null,
            charge_category: null,
            charge_class: null,
            charge_description: null,
            service_name: c.serviceName || null,
            resource_id: c.resourceId || null,
            resource_name: null,
            pricing_quantity: null,
            pricing_unit: null,
            consumed_quantity: null,
            consumed_unit: null,
            pi_email: c.piEmail || null,
            pi_name: null,
            project_id: c.projectId || null,
            fund_org: c.fundOrg || null,
            reference_1: null,
            reference_2: null,
            id: i,
          })),
          { period: "2025-01", grouping: per },
        );
        const due = models.reduce((t, m) => t + m.sections[0].totals.billed, 0);
        equal(charges.reduce((t, c) => t + c.billedCents, 0), due);
        equal(fromSql.debitTotal, fromSql.creditTotal);
        ok(due % 1_000_000 === 0); // whole yen
      }
    }
  } finally {
    db.close();
    await cleanup();
  }
});
