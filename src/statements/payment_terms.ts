/**
 * What a statement asks of its PI: when payment is due, under which terms,
 * which fund is charged, and where to dispute a charge. The one home of the
 * due-date rule: the due date is the issue date plus `statements.due_days`
 * calendar days, both dates read on the calendar of the institution's time
 * zone (`statements.timezone`, else `metering.timezone`, else UTC). The PDF,
 * the email and the golden model files all take these figures from here.
 */

import type { AppContext } from "../app_context.ts";
import type { Config } from "../config/mod.ts";
import { disputeEmail } from "../config/schema.ts";
import type { StatementModel } from "./statement_model.ts";
import { fundSplitText } from "./statement_model.ts";

/** Where a PI disputes a charge: a mailto link or a web page. */
export interface DisputeRoute {
  kind: "email" | "url";
  /** The address or URL as configured. */
  address: string;
  /** The link: "mailto:address" or the URL. */
  href: string;
}

/** The payment block of an issued statement. */
export interface StatementPayment {
  /** Issue date (YYYY-MM-DD) on the institution's calendar. */
  issuedOn: string;
  /** Due date (YYYY-MM-DD): issuedOn + dueDays. */
  dueOn: string;
  dueDays: number;
  /** Payment terms text ("Net 30"), may be empty. */
  terms: string;
  /** The time zone whose calendar the dates are on. */
  timezone: string;
  dispute: DisputeRoute | null;
}

/** The payment settings of the config (a subset, so tests can pass them directly). */
export interface PaymentSettings {
  due_days: number;
  terms: string;
  dispute: string;
  /** Empty: UTC. */
  timezone: string;
}

/** The payment settings a config gives statements (the time zone resolved). */
export function paymentSettings(config: Config): PaymentSettings {
  const s = config.statements;
  return {
    due_days: s.due_days,
    terms: s.terms,
    dispute: s.dispute,
    timezone: s.timezone || config.metering.timezone || "UTC",
  };
}

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function calendarDateIn(isoInstant: string, timezone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: timezone || "UTC",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(new Date(isoInstant));
  const v = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${v("year")}-${v("month")}-${v("day")}`;
}

/** A calendar date plus `days` days (proleptic Gregorian, no time zone involved). */
export function addCalendarDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The dispute route of a configured value (validated by the config schema), or null when empty. */
export function disputeRoute(value: string): DisputeRoute | null {
  const v = value.trim();
  if (!v) return null;
  return disputeEmail.safeParse(v).success
    ? { kind: "email", address: v, href: `mailto:${v}` }
    : { kind: "url", address: v, href: v };
}

/** The payment block of a statement issued at `issuedAt` (an ISO instant). */
export function statementPayment(settings: PaymentSettings, issuedAt: string): StatementPayment {
  const timezone = settings.timezone || "UTC";
  const issuedOn = calendarDateIn(issuedAt, timezone);
  return {
    issuedOn,
    dueOn: addCalendarDays(issuedOn, settings.due_days),
    dueDays: settings.due_days,
    terms: settings.terms.trim(),
    timezone,
    dispute: disputeRoute(settings.dispute),
  };
}

/** The model as issued at `issuedAt`: with its payment block under the config's terms. */
export function issuedModel(
  ctx: AppContext,
  model: StatementModel,
  issuedAt: string,
): StatementModel {
  return { ...model, payment: statementPayment(paymentSettings(ctx.config), issuedAt) };
}

/** "Payment due 2025-03-05 (Net 30)". */
export function dueText(p: StatementPayment): string {
  return `Payment due ${p.dueOn}${p.terms ? ` (${p.terms})` : ""}`;
}

/** "To dispute a charge, email billing@example.edu" or "..., see https://...". */
export function disputeText(d: DisputeRoute): string {
  return d.kind === "email"
    ? `To dispute a charge, email ${d.address}`
    : `To dispute a charge, go to ${d.address}`;
}

/**
 * "Charged to fund DOE-SC-2024", "Charged to funds A, B", or with a fund
 * split the split display: "Charged to funds: 60.00 % → CHEM-10423; 40.00 % → BIO-7".
 */
export function chargedToText(
  m: Pick<StatementModel, "fundOrgs" | "fundSplit" | "project">,
): string {
  const split = fundSplitText(m);
  if (split.length) return `Charged to funds: ${split.join("; ")}`;
  if (m.fundOrgs.length === 0) return "Charged to: no fund recorded";
  return `Charged to fund${m.fundOrgs.length > 1 ? "s" : ""} ${m.fundOrgs.join(", ")}`;
}

/** The payment block as recorded on the statement row (statements.payment). */
export interface IssuedPayment extends StatementPayment {
  /** chargedToText of the statement as printed. */
  chargedTo: string;
}

/** The row's record of an issued model's payment block (JSON), or null without one. */
export function issuedPaymentJson(m: StatementModel): string | null {
  if (!m.payment) return null;
  const issued: IssuedPayment = { ...m.payment, chargedTo: chargedToText(m) };
  return JSON.stringify(issued);
}

/** The payment block recorded on a statement row, or null (issued before it was recorded). */
export function parseIssuedPayment(text: string | null): IssuedPayment | null {
  if (!text) return null;
  try {
    const v = JSON.parse(text) as IssuedPayment;
    return typeof v?.dueOn === "string" && typeof v.chargedTo === "string" ? v : null;
  } catch {
    return null;
  }
}
