import { deepEqual, equal, match, throws } from "node:assert/strict";
import { parseConfigText } from "./load_config.ts";
import { UserError } from "../domain/errors.ts";
import { maskSecrets } from "./mask_secrets.ts";

const env = (vars: Record<string, string>) => (n: string) => vars[n];

// The third-party 0.4 example config: tests/conformance/third_party_units_test.ts
Deno.test("a config in the 0.4 layout loads unchanged (the own tests/fixtures/month/config.yaml)", () => {
  const text = Deno.readTextFileSync(
    new URL("../../tests/fixtures/month/config.yaml", import.meta.url),
  );
  const { config, warnings } = parseConfigText(
    text,
    "config.yaml",
    env({ SMTP_USER: "u" }),
  );
  deepEqual(warnings, []);
  equal(config.currency, "USD");
  equal(config.smtp.username, "u");
  equal(config.smtp.password, "");
  equal(config.tag_mapping.reference_1, "grant_number");
  equal(config.tag_mapping.project_id, "project_id");
  equal(config.imports.known_sources.length, 7);
  equal(config.web.users.admin.recovery, true);
  equal(config.journal.fund_org_regex, "^(?P<orgn>[^-]+)-(?P<fund>.+)$");
  equal(config.dev_mode, false);
});

Deno.test("defaults are enough to run", () => {
  const { config } = parseConfigText("", null);
  equal(config.database.path, "./instance/billing.db");
  equal(config.dev_mode, true);
  equal(config.output.pdf_dir, "./instance/output/pdfs");
  equal(config.tag_mapping.project_id, "project_id");
});

Deno.test("env substitution with defaults", () => {
  const { config } = parseConfigText(
    "smtp:\n  host: ${MAILHOST:-mail.example.edu}\n  username: ${U}\n",
    "c.yaml",
    env({ U: "bob" }),
  );
  equal(config.smtp.host, "mail.example.edu");
  equal(config.smtp.username, "bob");
});

Deno.test("unknown keys are warnings naming the key", () => {
  const { warnings } = parseConfigText("smtp:\n  hots: x\nfoo: 1\n", "c.yaml");
  deepEqual(warnings, [
    "c.yaml: unknown config key 'smtp.hots' ignored.",
    "c.yaml: unknown config key 'foo' ignored.",
  ]);
});

Deno.test("a wrong type names the key path and value", () => {
  throws(() => parseConfigText("smtp:\n  port: abc\n", "c.yaml"), (e: unknown) => {
    equal(e instanceof UserError, true);
    match((e as UserError).oneLine(), /c\.yaml: key smtp\.port: .*"abc"/);
    return true;
  });
});

Deno.test("an invalid regex in review.* is an error naming the key", () => {
  throws(
    () => parseConfigText("review:\n  flag_patterns: ['gpu', '(unclosed']\n", "c.yaml"),
    (e: unknown) => {
      match(
        (e as UserError).oneLine(),
        /key review\.flag_patterns\[1\]: invalid regular expression '\(unclosed'/,
      );
      return true;
    },
  );
});

Deno.test("currency symbols map to ISO codes", () => {
  equal(parseConfigText("currency: '€'", "c").config.currency, "EUR");
  equal(parseConfigText("currency: '£'", "c").config.currency, "GBP");
  equal(parseConfigText("currency: eur", "c").config.currency, "EUR");
  throws(() => parseConfigText("currency: dollars", "c"), UserError);
});

Deno.test("secrets are masked", () => {
  const { config } = parseConfigText(
    "smtp:\n  password: hunter2\nweb:\n  secret_key: s3cret\n  users:\n    a:\n      password_hash: '$2b$12$abc'\n",
    "c",
  );
  const text = JSON.stringify(maskSecrets(config));
  equal(text.includes("hunter2"), false);
  equal(text.includes("s3cret"), false);
  equal(text.includes("$2b$12$abc"), false);
});
