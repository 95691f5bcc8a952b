/**
 * The statement model: pure and deterministic. Billable charges in, one model
 * per statement out, with every amount already rounded by the one money rule.
 * The PDF, the email and the golden files are all rendered from this model,
 * and its canonical JSON is what the content hash covers.
 */

import { roundToMinor } from "../domain/currency.ts";
import { discountPercentText, sumMicros } from "../domain/money.ts";
import { allocateSection, type ExactLine } from "./section_allocation.ts";
import { classifyLine, type LineKind } from "./line_kind.ts";
import type { StatementPayment } from "./payment_terms.ts";

/**
 * The money rule the statements are built under, part of the hashed content:
 * a statement issued under an older rule hashes differently and is therefore
 * regenerated as a revision (its PDF shows the amount it replaces), never
 * silently replaced. 2: totals are the exact sums rounded once to the
 * currency's minor unit, lines allocated by largest remainder (rule 1, before:
 * each line rounded to cents and summed; the field was absent).
 */
export const STATEMENT_MONEY_RULE = 2;

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

/** One printed line. Amounts are micro-units, whole minor units, allocated under the totals. */
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

/**
 * Totals of one currency section. amountDue = list - discount + credits.
 * billed = round(exact billed sum), listAll = round(exact list sum).
 */
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
  /** The exact sums of the section's charges (micro-units, not rounded). */
  exactBilled: number;
  exactList: number;
}

/** Charges held for review and left out of a section (billed: their exact sum, rounded once). */
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
  /** STATEMENT_MONEY_RULE: the money rule this content was built under (hashed). */
  moneyRule: number;
  period: string;
  grouping: "project" | "pi";
  groupKey: string;
  pi: { email: string; name: string };
  project: string | null;
  projects: string[];
  fundOrgs: string[];
  /** The fund split(s) in force for the statement's project(s) (config funding.splits). */
  fundSplit?: { projectId: string; fundOrg: string; percent: string }[];
  references: string[];
  chargeCount: number;
  sections: CurrencySection[];
  /**
   * Issue and due dates, terms and the dispute route (payment_terms.ts). They
   * belong to the issue, not the content: the content hash leaves them out, so
   * an unchanged statement keeps its revision, issue date and due date.
   */
  payment?: StatementPayment;
}

/** Options of buildStatementModels. */
export interface BuildOptions {
  period: string;
  grouping: "project" | "pi";
  /** PI email -> display name from config (a pi_name tag on the charges wins). */
  piNames?: Record<string, string>;
  /** Charges held for review, noted on the statements of their group. */
  pending?: Iterable<PendingChargeInput>;
  /** A project's fund split in force this period (shares in hundredths of a percent), or null. */
  fundSplits?: (projectId: string) => { fundOrg: string; hundredths: number }[] | null;
  /** The payment block of the statements issued by this run (statementPayment). */
  payment?: StatementPayment;
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
  byCurrency: Map<string, Entry[]>;
  pending: Map<string, { count: number; exact: number }>;
}

/** A line before allocation: its exact amounts and the index of its charge in the input. */
interface Entry {
  line: StatementLine;
  exact: ExactLine;
  index: number;
}

/** Called once per charge with the allocated amounts of its printed line. */
export type LineAmountsSink = (index: number, billed: number, list: number) => void;

/**
 * Build the statements of a period: one per (PI, project), or one per PI with
 * grouping "pi"; inside, one section per currency. Sorted by PI then project.
 */
export function buildStatementModels(
  charges: Iterable<StatementChargeInput>,
  opts: BuildOptions,
): StatementModel[] {
  return buildModels(charges, opts);
}

/**
 * The allocated amounts of each charge's statement line (what its statement
 * prints for it), in the input order: what a per-charge journal bills, so
 * that it adds up to the statements exactly.
 */
export function statementLineAmounts(
  charges: readonly StatementChargeInput[],
  grouping: "project" | "pi",
): { billed: number; list: number }[] {
  const out = charges.map(() => ({ billed: 0, list: 0 }));
  buildModels(charges, { period: "", grouping }, (i, billed, list) => (out[i] = { billed, list }));
  return out;
}

function buildModels(
  charges: Iterable<StatementChargeInput>,
  opts: BuildOptions,
  sink?: LineAmountsSink,
): StatementModel[] {
  const groups = new Map<string, Acc>();
  const accFor = (pi: string | null, project: string | null): Acc => {
    const key = statementGroupKey(opts.grouping, pi, project);
    let acc = groups.get(key);
    if (!acc) {
      const email = (pi ?? "").toLowerCase();
      acc = {
        model: {
          moneyRule: STATEMENT_MONEY_RULE,
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
  let index = 0;
  for (const c of charges) {
    const acc = accFor(c.pi_email, c.project_id);
    acc.model.chargeCount++;
    if (c.fund_org) acc.fundOrgs.add(c.fund_org);
    if (c.reference_1) acc.refs.add(c.reference_1);
    if (c.reference_2) acc.refs.add(c.reference_2);
    if (c.pi_name) acc.names.add(c.pi_name);
    acc.projects.add(c.project_id ?? NO_PROJECT);
    let cur = acc.byCurrency.get(c.billing_currency);
    if (!cur) acc.byCurrency.set(c.billing_currency, cur = []);
    const line = toLine(c, opts.grouping);
    const exact = {
      billedExact: c.billed_cost,
      listExact: c.list_cost,
      regular: line.kind === "charge",
      service: line.service,
    };
    cur.push({ line, exact, index: index++ });
  }
  for (const p of opts.pending ?? []) {
    // only noted on statements that exist: pending charges alone make no statement
    const acc = groups.get(statementGroupKey(opts.grouping, p.pi_email, p.project_id));
    if (!acc) continue;
    const note = acc.pending.get(p.billing_currency) ?? { count: 0, exact: 0 };
    note.count++;
    note.exact += p.billed_cost;
    acc.pending.set(p.billing_currency, note);
  }
  const models = [...groups.values()].map((acc) => finish(acc, opts.piNames ?? {}, sink));
  if (opts.fundSplits) { for (const m of models) addFundSplit(m, opts.fundSplits); }
  if (opts.payment) { for (const m of models) m.payment = opts.payment; }
  return models.sort((a, b) =>
    compare(a.pi.email, b.pi.email) || compare(a.project ?? "", b.project ?? "")
  );
}

function toLine(c: StatementChargeInput, grouping: "project" | "pi"): StatementLine {
  const { kind, label } = classifyLine(c, c.billed_cost);
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
    list: 0,
    discount: 0,
    billed: 0,
  };
}

/** Note the fund splits of a statement's projects ("40.00 % → CHEM-10423"). */
function addFundSplit(m: StatementModel, splits: NonNullable<BuildOptions["fundSplits"]>): void {
  const out: NonNullable<StatementModel["fundSplit"]> = [];
  for (const p of m.project !== null ? [m.project] : m.projects) {
    for (const f of splits(p) ?? []) {
      out.push({
        projectId: p,
        fundOrg: f.fundOrg,
        percent: `${Math.trunc(f.hundredths / 100)}.${String(f.hundredths % 100).padStart(2, "0")}`,
      });
    }
  }
  if (out.length > 0) m.fundSplit = out;
}

/** The text of a statement's fund split lines: "60.00 % → CHEM-10423". */
export function fundSplitText(m: Pick<StatementModel, "fundSplit" | "project">): string[] {
  return (m.fundSplit ?? []).map((f) =>
    `${m.project === null ? `${f.projectId}: ` : ""}${f.percent} % → ${f.fundOrg}`
  );
}

function finish(acc: Acc, piNames: Record<string, string>, sink?: LineAmountsSink): StatementModel {
  const m = acc.model;
  const names = [...acc.names].sort(compare);
  m.pi.name = names[0] ?? piNames[m.pi.email] ?? (m.pi.email || NO_PI);
  m.projects = [...acc.projects].sort(compare);
  m.fundOrgs = [...acc.fundOrgs].sort(compare);
  m.references = [...acc.refs].sort(compare);
  const currencies = new Set([...acc.byCurrency.keys(), ...acc.pending.keys()]);
  m.sections = [...currencies].sort(compare).map((currency) => {
    const entries = acc.byCurrency.get(currency) ?? [];
    const regular = entries.filter((e) => e.exact.regular).sort(compareEntries);
    const others = entries.filter((e) => !e.exact.regular).sort(compareEntries);
    const ordered = [...regular, ...others];
    const a = allocateSection(ordered.map((e) => e.exact), currency);
    ordered.forEach((e, i) => {
      e.line.billed = a.billed[i];
      e.line.list = a.list[i];
      e.line.discount = a.list[i] - a.billed[i];
      sink?.(e.index, a.billed[i], a.list[i]);
    });
    const services: ServiceSummary[] = a.services.map((s) => ({
      service: s.service,
      charges: s.charges,
      list: s.list,
      discount: s.list - s.billed,
      billed: s.billed,
      discountPercent: discountPercentText(s.list, s.billed),
    }));
    const list = sumMicros(services.map((s) => s.list));
    const regularBilled = sumMicros(services.map((s) => s.billed));
    const credits = a.totalBilled - regularBilled;
    const note = acc.pending.get(currency);
    return {
      currency,
      services,
      lines: regular.map((e) => e.line),
      adjustments: others.map((e) => e.line),
      totals: {
        list,
        discount: list - regularBilled,
        discountPercent: discountPercentText(list, regularBilled),
        credits,
        billed: a.totalBilled,
        listAll: a.totalList,
        discountAll: a.totalList - a.totalBilled,
        exactBilled: a.exactBilled,
        exactList: a.exactList,
      },
      pending: note ? { count: note.count, billed: roundToMinor(note.exact, currency) } : null,
    };
  });
  return m;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The printed order of lines (and the tie order of the allocation): by their fields, then exact amounts. */
function compareEntries(x: Entry, y: Entry): number {
  const a = x.line;
  const b = y.line;
  return compare(a.project ?? "", b.project ?? "") || compare(a.service, b.service) ||
    compare(a.date, b.date) || compare(a.resource, b.resource) ||
    compare(a.description, b.description) || x.exact.billedExact - y.exact.billedExact ||
    x.exact.listExact - y.exact.listExact || compare(a.quantity, b.quantity) ||
    compare(a.label, b.label);
}
