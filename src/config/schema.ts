/**
 * The configuration schema. Accepts every key of OpenChargeback 0.4's
 * config.example.yaml with the same meaning, plus the keys this program adds.
 * Each key carries a description: docs/configuration.md is generated from it.
 */

import { z } from "zod";

const str = (d: string, def: string) => z.string().default(def).describe(d);
const bool = (d: string, def: boolean) => z.boolean().default(def).describe(d);
const int = (d: string, def: number) => z.number().int().default(def).describe(d);
const regexList = (d: string) => z.array(z.string()).default([]).describe(d);

const webUser = z.object({
  email: z.string().default("").describe("Login email of the bootstrap user."),
  display_name: z.string().default("").describe("Name shown in the UI."),
  password_hash: z.string().default("").describe(
    "bcrypt hash ($2b$/$2a$), as OpenChargeback 0.4 writes them.",
  ),
  role: z.enum(["admin", "reviewer", "viewer", "pi"]).default("viewer").describe(
    "admin, reviewer, viewer or pi.",
  ),
  recovery: z.boolean().default(false).describe(
    "When true the user always authenticates against the config file, bypassing the database.",
  ),
});

const knownSource = z.object({
  name: z.string().describe("Source name (compared case-insensitively)."),
  pattern: z.string().default("").describe(
    "File-name pattern used to guess the source of an upload.",
  ),
  fund_org: z.string().default("").describe(
    "Credit fund/org: the fund that receives the money in the GL journal.",
  ),
  account_code: z.string().default("").describe(
    "Default GL account code for this source's charges.",
  ),
  display_name: z.string().default("").describe("Name shown on statements and pages."),
});

const scalarText = z.union([z.string(), z.number()]).transform((v) => String(v));

const attributionRule = z.object({
  name: z.string().min(1).describe("Rule name (recorded on every charge it attributes)."),
  source: z.string().default("").describe("Only charges of this source (empty: every source)."),
  match: z.record(z.string(), scalarText).describe(
    "Column (SubAccountId, x_ResourceGroupName...) or tag:Key -> exact value or /regex/; all must match.",
  ),
  set: z.object({
    pi_email: z.string().optional().describe("PI email to set."),
    pi_name: z.string().optional().describe("PI display name to set."),
    project_id: z.string().optional().describe("Project id to set."),
    fund_org: z.string().optional().describe("Fund/org to set."),
    cost_center: z.string().optional().describe("Cost center to set."),
    reference_1: z.string().optional().describe("Reference 1 to set."),
    reference_2: z.string().optional().describe("Reference 2 to set."),
    account_code: z.string().optional().describe("GL account code to set."),
  }).describe("The attribution fields the rule sets."),
});

const fundShare = z.object({
  fund_org: z.string().min(1).describe("Fund/org receiving this share."),
  percent: scalarText.describe('Share in percent, up to two decimals ("60", "33.34").'),
});

const fundSplit = z.object({
  project_id: z.string().min(1).describe("Project whose charges are split."),
  from: scalarText.describe("First month the split applies to (YYYY-MM)."),
  until: scalarText.optional().describe("Last month (YYYY-MM, inclusive); empty: open-ended."),
  funds: z.array(fundShare).min(1).describe("The funds and their percents (must total 100.00)."),
});

const fundInfo = z.object({
  fund_org: z.string().min(1).describe("Fund/org code."),
  expires: scalarText.optional().describe(
    "Last day the fund may be charged (YYYY-MM-DD); charges of later periods are flagged expired_fund.",
  ),
});

/** An email address (the dispute route is a mailto link). */
export const disputeEmail = z.email();
/** An http(s) URL (the dispute route is a web page). */
export const disputeUrl = z.url({ protocol: /^https?$/ });

const statementDispute = z.string().default("").refine(
  (v) => v === "" || disputeEmail.safeParse(v).success || disputeUrl.safeParse(v).success,
  { message: "not an email address or an http(s) URL" },
).describe(
  "Where a PI disputes a charge: an email address (a mailto link) or an http(s) URL; empty: no dispute line.",
);

const statementTimezone = z.string().default("").refine((v) => {
  if (v === "") return true;
  try {
    new Intl.DateTimeFormat("en-CA", { timeZone: v });
    return true;
  } catch {
    return false;
  }
}, { message: "not an IANA time zone name (e.g. America/Chicago)" })
  .describe(
    "Time zone (IANA name) whose calendar dates statements are issued and due in; empty: metering.timezone, else UTC.",
  );

export const configSchema = z.object({
  dev_mode: bool("When true, emails are written as .eml files instead of being sent.", true),
  currency: str(
    "Default currency when a file has no BillingCurrency: an ISO code, or $, €, £, ¥ as in 0.4.",
    "USD",
  ),
  database: z.object({
    path: str("SQLite database file.", "./instance/billing.db"),
    busy_timeout_ms: int(
      "How long a command waits for another one holding the database before giving up (ms).",
      30000,
    ),
    archive_path: str(
      "Archive file that `db archive` moves finalized periods into (read with --archive); " +
        "empty: <database path without .db>-archive.db beside the database.",
      "",
    ),
  }).default({ path: "./instance/billing.db", busy_timeout_ms: 30000, archive_path: "" })
    .describe("Database."),
  smtp: z.object({
    host: str("SMTP server host.", "localhost"),
    port: int("SMTP port (465 = implicit TLS).", 587),
    use_tls: bool("Use STARTTLS (or implicit TLS on port 465).", true),
    username: str("SMTP user name (use ${SMTP_USER}).", ""),
    password: str("SMTP password (use ${SMTP_PASSWORD}); never printed.", ""),
  }).default({ host: "localhost", port: 587, use_tls: true, username: "", password: "" })
    .describe("Outgoing mail server."),
  email: z.object({
    from_address: str("Sender address.", "billing@example.edu"),
    from_name: str("Sender name.", "Research Computing Billing"),
    subject_template: str(
      "Subject; {billing_period}, {pi_email} and {total} are replaced.",
      "Research Computing Charges - {billing_period}",
    ),
    reply_to: str("Optional Reply-To address.", ""),
    contact: str("Contact line in emails and statement footers.", ""),
  }).default({
    from_address: "billing@example.edu",
    from_name: "Research Computing Billing",
    subject_template: "Research Computing Charges - {billing_period}",
    reply_to: "",
    contact: "",
  }).describe("Statement emails."),
  tag_mapping: z.object({
    pi_email: str("Tag key holding the PI's email.", "pi_email"),
    project_id: str("Tag key holding the project id.", "project_id"),
    fund_org: str("Tag key holding the fund/org code.", "fund_org"),
    cost_center: str("Tag key holding the cost center.", "cost_center"),
    reference_1: str("Tag key of a free reference (e.g. grant number).", "reference_1"),
    reference_2: str("Tag key of a second reference (e.g. request id).", "reference_2"),
    account_code: str("Tag key holding a GL account code for the charge.", "account_code"),
    pi_name: str("Tag key holding the PI's display name.", "pi_name"),
  }).default({
    pi_email: "pi_email",
    project_id: "project_id",
    fund_org: "fund_org",
    cost_center: "cost_center",
    reference_1: "reference_1",
    reference_2: "reference_2",
    account_code: "account_code",
    pi_name: "pi_name",
  }).describe("Which FOCUS Tags keys carry attribution."),
  output: z.object({
    pdf_dir: str("Statement PDFs.", "./instance/output/pdfs"),
    journal_dir: str("Journal exports.", "./instance/output/journals"),
    email_dir: str("Dev-mode .eml files.", "./instance/output/emails"),
  }).default({
    pdf_dir: "./instance/output/pdfs",
    journal_dir: "./instance/output/journals",
    email_dir: "./instance/output/emails",
  }).describe("Output folders."),
  logging: z.object({
    level: z.enum([
      "DEBUG",
      "INFO",
      "WARN",
      "WARNING",
      "ERROR",
      "debug",
      "info",
      "warn",
      "warning",
      "error",
    ])
      .default("INFO").describe("DEBUG, INFO, WARN/WARNING or ERROR."),
    format: z.enum(["splunk", "json"]).default("splunk").describe("splunk (key=value) or json."),
    file: str("Optional log file (logs also go to stderr).", ""),
  }).default({ level: "INFO", format: "splunk", file: "" }).describe("Logging."),
  web: z.object({
    enabled: bool("Kept for 0.4 compatibility; `serve` always serves.", true),
    host: str("Address to listen on.", "127.0.0.1"),
    port: int("Port to listen on.", 8000),
    secret_key: str("Secret for signing (use ${WEB_SECRET_KEY}); never printed.", ""),
    session_lifetime_hours: z.number().positive().default(8).describe("Absolute session lifetime."),
    session_idle_minutes: int("Idle timeout of a session.", 60),
    max_upload_mb: int("Largest accepted upload.", 200),
    request_body_idle_seconds: int(
      "A request body that sends nothing for this long is refused (408).",
      30,
    ),
    request_body_total_seconds: int(
      "A request body not complete after this long is refused (408).",
      600,
    ),
    users: z.record(z.string(), webUser).default({}).describe(
      "Bootstrap/recovery users (0.4 format).",
    ),
    password_requirements: z.object({
      min_length: int("Minimum password length.", 8),
      require_uppercase: bool("Require an upper-case letter.", false),
      require_lowercase: bool("Require a lower-case letter.", false),
      require_numbers: bool("Require a digit.", false),
      require_special_chars: bool("Require a special character.", false),
    }).default({
      min_length: 8,
      require_uppercase: false,
      require_lowercase: false,
      require_numbers: false,
      require_special_chars: false,
    }).describe("Password policy for database users."),
  }).default({
    enabled: true,
    host: "127.0.0.1",
    port: 8000,
    secret_key: "",
    session_lifetime_hours: 8,
    session_idle_minutes: 60,
    max_upload_mb: 200,
    request_body_idle_seconds: 30,
    request_body_total_seconds: 600,
    users: {},
    password_requirements: {
      min_length: 8,
      require_uppercase: false,
      require_lowercase: false,
      require_numbers: false,
      require_special_chars: false,
    },
  }).describe("Web interface."),
  review: z.object({
    flag_patterns: regexList(
      "Regexes; a charge whose ServiceName, ResourceId or ResourceName matches is flagged.",
    ),
    fund_org_patterns: regexList(
      "Regexes a fund/org must match (flagged invalid_fund_org otherwise).",
    ),
  }).default({ flag_patterns: [], fund_org_patterns: [] }).describe("Review flagging."),
  imports: z.object({
    known_sources: z.array(knownSource).default([]).describe("Pre-defined sources."),
  }).default({ known_sources: [] }).describe("Import sources."),
  journal: z.object({
    fund_org_regex: str("Regex with named groups splitting a fund/org (e.g. fund, orgn).", ""),
    account_code_regex: str("Regex every account code must match (empty: no check).", ""),
    template: str("Liquid template for `-f template` (a built-in name or a file path).", "banner"),
    default_account: str("Account when neither the charge nor the source gives one.", ""),
    debit_description: str(
      "Debit line description; {source} {period} {fund_org} {pi_email} {project_id}.",
      "{source} {period} RC charges",
    ),
    credit_description: str(
      "Credit line description; same placeholders.",
      "{source} {period} RC recovery",
    ),
    description_max: int("Descriptions are truncated to this length.", 35),
    delimiter: str("Field delimiter of CSV journals.", ","),
    line_ending: z.enum(["lf", "crlf"]).default("lf").describe("Line ending of CSV journals."),
  }).default({
    fund_org_regex: "",
    account_code_regex: "",
    template: "banner",
    default_account: "",
    debit_description: "{source} {period} RC charges",
    credit_description: "{source} {period} RC recovery",
    description_max: 35,
    delimiter: ",",
    line_ending: "lf",
  }).describe("General-ledger journal export."),
  metering: z.object({
    rates: str(
      "Rate card (rates.yaml) of `convert slurm` and `convert storage`; --rates overrides it.",
      "",
    ),
    timezone: str(
      "Time zone sacct's local times are read in (an IANA name); --tz overrides it.",
      "UTC",
    ),
  }).default({ rates: "", timezone: "UTC" }).describe("On-premises metering (convert)."),
  statements: z.object({
    institution: str("Institution name in the statement header.", "Research Computing"),
    title: str("Statement title.", "Research Computing Statement"),
    logo: str("Optional PNG logo path.", ""),
    per: z.enum(["project", "pi"]).default("project").describe(
      "One statement per (PI, project) or per PI.",
    ),
    contact: str("Contact line in the footer.", ""),
    pi_names: z.record(z.string(), z.string()).default({}).describe("PI email -> display name."),
    due_days: z.number().int().min(0).max(365).default(30).describe(
      "Payment is due this many days after the statement's issue date.",
    ),
    terms: str('Payment terms printed beside the due date (e.g. "Net 30").', "Net 30"),
    dispute: statementDispute,
    timezone: statementTimezone,
  }).default({
    institution: "Research Computing",
    title: "Research Computing Statement",
    logo: "",
    per: "project",
    contact: "",
    pi_names: {},
    due_days: 30,
    terms: "Net 30",
    dispute: "",
    timezone: "",
  }).describe("PDF statements."),
  attribution: z.object({
    precedence: z.enum(["tags", "rules"]).default("tags").describe(
      "tags: tags first, rules fill only what is missing; rules: rules override tags.",
    ),
    rules: z.array(attributionRule).default([]).describe(
      "Ordered attribution rules (before the web's database rules); per field the first match wins.",
    ),
  }).default({ precedence: "tags", rules: [] }).describe("Who pays: attribution rules."),
  funding: z.object({
    funds: z.array(fundInfo).default([]).describe("Funds with an expiry date."),
    splits: z.array(fundSplit).default([]).describe(
      "Projects whose charges are split across funds.",
    ),
  }).default({ funds: [], splits: [] }).describe("Funds and fund splits."),
});

/** The effective, validated configuration. */
export type Config = z.infer<typeof configSchema>;
