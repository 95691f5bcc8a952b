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

Deno.test("an unknown key is refused at its line and column, with the nearest key", () => {
  throws(
    () => parseConfigText("currency: USD\ndatabse:\n  path: x.db\n", "c.yaml"),
    (e: unknown) => {
      equal(e instanceof UserError, true);
      equal(
        (e as UserError).oneLine(),
        "c.yaml:2:1: key databse: unknown key 'databse' (did you mean database?). " +
          "Rename it to database (or remove it).",
      );
      return true;
    },
  );
  throws(() => parseConfigText("smtp:\n  zzz: x\n", "c.yaml"), (e: unknown) => {
    equal(
      (e as UserError).oneLine(),
      "c.yaml:2:3: key smtp.zzz: unknown key 'zzz'. " +
        "Remove it or correct its spelling (docs/configuration.md lists every key).",
    );
    return true;
  });
});

Deno.test("keys of 0.4 without effect here (logging.enabled, sources) load, as notes", () => {
  const { config, warnings } = parseConfigText(
    "logging:\n  enabled: true\n  level: DEBUG\nsources:\n  aws:\n    api_key: ${K}\n",
    "c.yaml",
    env({}),
  );
  equal(config.logging.level, "DEBUG");
  deepEqual(warnings, [
    "c.yaml:2:3: key logging.enabled: a key of OpenChargeback 0.4 that this version accepts " +
    "and ignores. It has no effect; remove it when you like.",
    "c.yaml:4:1: key sources: a key of OpenChargeback 0.4 that this version accepts and " +
    "ignores. It has no effect; remove it when you like.",
  ]);
});

Deno.test("every problem of a file is reported at once, in file order, each with its place", () => {
  const text = [
    "databse:", //                              1: unknown key
    "  path: x.db",
    "smtp:",
    "  port: abc", //                           4: wrong type
    "review:",
    "  flag_patterns: ['gpu', '(unclosed']", // 6: bad regex (found after the type error)
    "funding:",
    "  funds:",
    "    - fund_org: F1",
    "      expires: 2026-13", //                10: not a date
  ].join("\n");
  throws(() => parseConfigText(text, "c.yaml"), (e: unknown) => {
    const err = e as UserError;
    equal(err.oneLine().startsWith("c.yaml: the config has 4 problems"), true);
    deepEqual(err.details.map((d) => d.split(": ").slice(0, 2).join(": ")), [
      "c.yaml:1:1: key databse",
      "c.yaml:4:9: key smtp.port",
      "c.yaml:6:26: key review.flag_patterns[1]",
      "c.yaml:10:16: key funding.funds[0].expires",
    ]);
    match(err.details[1], /expected number.*\(value: "abc"\)\. Write a number for this key\.$/);
    match(err.details[3], /'2026-13' is not a date\. Write YYYY-MM-DD\.$/);
    return true;
  });
});

Deno.test("YAML syntax errors carry line and column, all of them", () => {
  throws(() => parseConfigText("a: 1\na: 2\nb: [\n", "c.yaml"), (e: unknown) => {
    const err = e as UserError;
    equal(err.details.length, 2);
    match(err.details[0], /^c\.yaml:2:1: not valid YAML: Map keys must be unique\. Fix the YAML/);
    match(err.details[1], /^c\.yaml:4:1: not valid YAML: /);
    return true;
  });
});

Deno.test("a wrong type names the key path, its place and value", () => {
  throws(() => parseConfigText("smtp:\n  port: abc\n", "c.yaml"), (e: unknown) => {
    equal(e instanceof UserError, true);
    match((e as UserError).oneLine(), /^c\.yaml:2:9: key smtp\.port: .*"abc"/);
    return true;
  });
});

Deno.test("an invalid regex in review.* is an error naming the key", () => {
  throws(
    () => parseConfigText("review:\n  flag_patterns: ['gpu', '(unclosed']\n", "c.yaml"),
    (e: unknown) => {
      match(
        (e as UserError).oneLine(),
        /^c\.yaml:2:26: key review\.flag_patterns\[1\]: invalid regular expression '\(unclosed'/,
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
