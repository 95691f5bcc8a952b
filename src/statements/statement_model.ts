/**
 * The statement model: pure and deterministic. Billable charges in, one model
 * per statement out, with every amount already rounded by the one money rule.
 * The PDF, the email and the golden files are all rendered from this model,
 * and its canonical JSON is what the content hash covers.
 */

import { createHash } from "node:crypto";
import { discountPercentText, sumMicros } from "../domain/money.ts";
import { lineAmounts } from "./statement_money.ts";
import { classifyLine, type LineKind } from "./line_kind.ts";

/** The charge columns the model reads (a subset of BillableChargeRow). */
export interface StatementChargeInput {
  billed_cost: number;
  list_cost: number;
  billing_currency: string;
  charge_period_start: string | null;
  charge_category: string | null;
  charge_class: string | null;
  charge_description: string | null;
  service_name: string | null;
  resource_id: string | null;
  resource_name: string | null;
  pricing_quantity: string | null;
  pricing_unit: string | null;
  consumed_quantity: string | null;
  consumed_unit: string | null;
  pi_email: string | null;
  pi_name: string | null;
  project_id: string | null;
  fund_org: string | null;
  reference_1: string | null;
  reference_2: string | null;
  source_display_name?: string | null;
}

/** A pending (held for review) charge; only its group and amount matter here. */
export interface PendingChargeInput {
  pi_email: string | null;
  project_id: string | null;
  billing_currency: string;
  billed_cost: number;
  list_cost: number;
}

/** One printed line. Amounts are micro-units rounded to cents. */
export interface StatementLine {
  date: string;
  project: string | null;
  service: string;
  resource: string;
  description: string;
  quantity: string;
  kind: LineKind;
  label: string;
  list: number;
  discount: number;
  billed: number;
}

/** A "Charges by service" row (regular lines only). */
export interface ServiceSummary {
  service: string;
  charges: number;
  list: number;
  discount: number;
  billed: number;
  discountPercent: string;
}

/** Totals of one currency section. amountDue = list - discount + credits. */
export interface SectionTotals {
  /** List price of the regular lines. */
  list: number;
  /** Discount/subsidy of the regular lines. */
  discount: number;
  discountPercent: string;
  /** Sum of the credit/refund/adjustment/correction lines (usually negative). */
  credits: number;
  /** Amount due: the sum of every printed line. */
  billed: number;
  /** List and discount over every line (the --json listCost/discount). */
  listAll: number;
  discountAll: number;
}

/** Charges held for review and left out of a section. */
export interface PendingNote {
  count: number;
  billed: number;
}

/** One currency of a statement; currencies are never summed together. */
export interface CurrencySection {
  currency: string;
  services: ServiceSummary[];
  lines: StatementLine[];
  adjustments: StatementLine[];
  totals: SectionTotals;
  pending: PendingNote | null;
}

/** One statement's content. */
export interface StatementModel {
  period: string;
  grouping: "project" | "pi";
  groupKey: string;
  pi: { email: string; name: string };
  project: string | null;
  projects: string[];
  fundOrgs: string[];
  references: string[];
  chargeCount: number;
  sections: CurrencySection[];
}

/** Options of buildStatementModels. */
export interface BuildOptions {
  period: string;
  grouping: "project" | "pi";
  /** PI email -> display name from config (a pi_name tag on the charges wins). */
  piNames?: Record<string, string>;
  /** Charges held for review, noted on the statements of their group. */
  pending?: Iterable<PendingChargeInput>;
}

const NO_PI = "(no PI email)";
const NO_PROJECT = "(no project)";

/** The identity of a statement inside its period. */
export function statementGroupKey(
  grouping: "project" | "pi",
  piEmail: string | null,
  projectId: string | null,
): string {
  const pi = (piEmail ?? "").toLowerCase();
  return grouping === "pi" ? pi : `${pi}\u001f${projectId ?? ""}`;
}

interface Acc {
  model: StatementModel;
  fundOrgs: Set<string>;
  refs: Set<string>;
  projects: Set<string>;
  names: Set<string>;
  byCurrency: Map<string, { lines: StatementLine[]; adjustments: StatementLine[] }>;
  pending: Map<string, PendingNote>;
}

/**
 * Build the statements of a period: one per (PI, project), or one per PI with
 * grouping "pi"; inside, one section per currency. Sorted by PI then project.
 */
export function buildStatementModels(
  charges: Iterable<StatementChargeInput>,
  opts: BuildOptions,
): StatementModel[] {
  const groups = new Map<string, Acc>();
  const accFor = (pi: string | null, project: string | null): Acc => {
    const key = statementGroupKey(opts.grouping, pi, project);
    let acc = groups.get(key);
    if (!acc) {
      const email = (pi ?? "").toLowerCase();
      acc = {
        model: {
          period: opts.period,
          grouping: opts.grouping,
          groupKey: key,
          pi: { email, name: "" },
          project: opts.grouping === "pi" ? null : project ?? NO_PROJECT,
          projects: [],
          fundOrgs: [],
          references: [],
          chargeCount: 0,
          sections: [],
        },
        fundOrgs: new Set(),
        refs: new Set(),
        projects: new Set(),
        names: new Set(),
        byCurrency: new Map(),
        pending: new Map(),
      };
      groups.set(key, acc);
    }
    return acc;
  };
  for (const c of charges) {
    const acc = accFor(c.pi_email, c.project_id);
    acc.model.chargeCount++;
    if (c.fund_org) acc.fundOrgs.add(c.fund_org);
    if (c.reference_1) acc.refs.add(c.reference_1);
    if (c.reference_2) acc.refs.add(c.reference_2);
    if (c.pi_name) acc.names.add(c.pi_name);
    acc.projects.add(c.project_id ?? NO_PROJECT);
    let cur = acc.byCurrency.get(c.billing_currency);
    if (!cur) acc.byCurrency.set(c.billing_currency, cur = { lines: [], adjustments: [] });
    const line = toLine(c, opts.grouping);
    (line.kind === "charge" ? cur.lines : cur.adjustments).push(line);
  }
  for (const p of opts.pending ?? []) {
    // only noted on statements that exist: pending charges alone make no statement
    const acc = groups.get(statementGroupKey(opts.grouping, p.pi_email, p.project_id));
    if (!acc) continue;
    const note = acc.pending.get(p.billing_currency) ?? { count: 0, billed: 0 };
    note.count++;
    note.billed += lineAmounts(p).billed;
    acc.pending.set(p.billing_currency, note);
  }
  const models = [...groups.values()].map((acc) => finish(acc, opts.piNames ?? {}));
  return models.sort((a, b) =>
    compare(a.pi.email, b.pi.email) || compare(a.project ?? "", b.project ?? "")
  );
}

function toLine(c: StatementChargeInput, grouping: "project" | "pi"): StatementLine {
  const amounts = lineAmounts(c);
  const { kind, label } = classifyLine(c, amounts.billed);
  const qty = c.pricing_quantity ?? c.consumed_quantity ?? "";
  const unit = c.pricing_quantity ? c.pricing_unit ?? "" : c.consumed_unit ?? "";
  return {
    date: (c.charge_period_start ?? "").slice(0, 10),
    project: grouping === "pi" ? c.project_id ?? NO_PROJECT : null,
    service: c.service_name ?? c.source_display_name ?? "(no service)",
    resource: c.resource_name || c.resource_id || "",
    description: c.charge_description ?? "",
    quantity: qty ? (unit ? `${qty} ${unit}` : qty) : "",
    kind,
    label,
    list: amounts.list,
    discount: amounts.discount,
    billed: amounts.billed,
  };
}

function finish(acc: Acc, piNames: Record<string, string>): StatementModel {
  const m = acc.model;
  const names = [...acc.names].sort(compare);
  m.pi.name = names[0] ?? piNames[m.pi.email] ?? (m.pi.email || NO_PI);
  m.projects = [...acc.projects].sort(compare);
  m.fundOrgs = [...acc.fundOrgs].sort(compare);
  m.references = [...acc.refs].sort(compare);
  const currencies = new Set([...acc.byCurrency.keys(), ...acc.pending.keys()]);
  m.sections = [...currencies].sort(compare).map((currency) => {
    const cur = acc.byCurrency.get(currency) ?? { lines: [], adjustments: [] };
    cur.lines.sort(compareLines);
    cur.adjustments.sort(compareLines);
    return {
      currency,
      services: summarizeServices(cur.lines),
      lines: cur.lines,
      adjustments: cur.adjustments,
      totals: sectionTotals(cur.lines, cur.adjustments),
      pending: acc.pending.get(currency) ?? null,
    };
  });
  return m;
}

function summarizeServices(lines: StatementLine[]): ServiceSummary[] {
  const by = new Map<string, ServiceSummary>();
  for (const l of lines) {
    let s = by.get(l.service);
    if (!s) {
      by.set(
        l.service,
        s = {
          service: l.service,
          charges: 0,
          list: 0,
          discount: 0,
          billed: 0,
          discountPercent: "",
        },
      );
    }
    s.charges++;
    s.list += l.list;
    s.discount += l.discount;
    s.billed += l.billed;
  }
  const out = [...by.values()].sort((a, b) => compare(a.service, b.service));
  for (const s of out) s.discountPercent = discountPercentText(s.list, s.billed);
  return out;
}

function sectionTotals(lines: StatementLine[], adjustments: StatementLine[]): SectionTotals {
  const list = sumMicros(lines.map((l) => l.list));
  const discount = sumMicros(lines.map((l) => l.discount));
  const credits = sumMicros(adjustments.map((l) => l.billed));
  const billed = sumMicros(lines.map((l) => l.billed)) + credits;
  const listAll = list + sumMicros(adjustments.map((l) => l.list));
  return {
    list,
    discount,
    discountPercent: discountPercentText(list, list - discount),
    credits,
    billed,
    listAll,
    discountAll: listAll - billed,
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareLines(a: StatementLine, b: StatementLine): number {
  return compare(a.project ?? "", b.project ?? "") || compare(a.service, b.service) ||
    compare(a.date, b.date) || compare(a.resource, b.resource) ||
    compare(a.description, b.description) || a.billed - b.billed || a.list - b.list ||
    compare(a.quantity, b.quantity) || compare(a.label, b.label);
}

/** Canonical JSON of a model (the model has no clock values, so it is stable). */
export function canonicalModelJson(model: StatementModel): string {
  return JSON.stringify(model);
}

/** sha256 (hex) of the canonical model: equal hashes mean an unchanged statement. */
export function statementContentHash(model: StatementModel): string {
  return createHash("sha256").update(canonicalModelJson(model)).digest("hex");
}
