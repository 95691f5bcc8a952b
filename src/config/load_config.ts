/** Load the configuration: YAML file (or built-in defaults), env substitution, validation. */

import { z } from "zod";
import { compileRule } from "../domain/attribution_rules.ts";
import { didYouMean } from "../domain/edit_distance.ts";
import { UserError } from "../domain/errors.ts";
import { type Config, configSchema } from "./schema.ts";
import { type ConfigProblem, ConfigProblems, keyPath } from "./config_problems.ts";
import { substituteEnv } from "./env_substitution.ts";
import { compileConfigRegex } from "./regex.ts";
import { scanKeys, type UnknownKey } from "./unknown_keys.ts";
import { parseYamlSource } from "./yaml_positions.ts";

/** A loaded configuration and where it came from. */
export interface LoadedConfig {
  config: Config;
  /** The file read, or null for built-in defaults. */
  path: string | null;
  /**
   * Notes on keys accepted without effect (0.4 keys this version ignores),
   * one line each with file, line and key; `config check` prints them.
   */
  warnings: string[];
}

const CURRENCY_SYMBOLS: Record<string, string> = { "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY" };

/**
 * Load the config. With `explicitPath` the file must exist; without it
 * `./config.yaml` is used when present, otherwise built-in defaults.
 */
export function loadConfig(
  explicitPath?: string,
  env: (name: string) => string | undefined = (n) => Deno.env.get(n),
): LoadedConfig {
  let path: string | null = null;
  let text: string | null = null;
  if (explicitPath) {
    path = explicitPath;
    try {
      text = Deno.readTextFileSync(explicitPath);
    } catch (e) {
      if (e instanceof Deno.errors.NotFound) {
        throw new UserError(`config file not found: ${explicitPath}.`, {
          hint:
            "Check the -c/--config path, or leave it out to use ./config.yaml or the built-in defaults.",
        });
      }
      throw new UserError(`cannot read config file ${explicitPath}: ${(e as Error).message}.`);
    }
  } else {
    try {
      text = Deno.readTextFileSync("config.yaml");
      path = "config.yaml";
    } catch (e) {
      if (!(e instanceof Deno.errors.NotFound)) throw e;
    }
  }
  return parseConfigText(text ?? "", path, env);
}

/**
 * Parse and validate config text. `path` is used in messages only. Every
 * problem of the file (YAML syntax, unknown keys, wrong values, bad regular
 * expressions) is reported at once, each with its line, column and key.
 */
export function parseConfigText(
  text: string,
  path: string | null,
  env: (name: string) => string | undefined = (n) => Deno.env.get(n),
): LoadedConfig {
  const file = path ?? "built-in defaults";
  const source = parseYamlSource(text);
  const problems = new ConfigProblems(file, source);
  for (const e of source.errors) {
    problems.add({
      path: [],
      part: "value",
      at: e,
      what: `not valid YAML: ${e.message}.`,
      fix: "Fix the YAML syntax (indentation, quotes, brackets).",
    });
  }
  problems.throwIfAny();
  const raw = source.value ?? {};
  if (typeof raw !== "object" || Array.isArray(raw)) {
    throw new UserError("the config must be a YAML mapping of keys.", {
      location: { file },
      hint: "Write `key: value` lines, e.g. `database:` then `  path: ./billing.db`.",
    });
  }
  const substituted = substituteEnv(raw, env) as Record<string, unknown>;
  const keys = scanKeys(configSchema, substituted);
  for (const u of keys.unknown) problems.add(unknownKeyProblem(u));
  const config = validate(substituted, problems);
  if (config) {
    problems.attempt(() => normaliseCurrency(config));
    checkRegexes(config, problems);
  }
  problems.throwIfAny();
  const warnings = keys.ignored04.map((k) =>
    problems.line({
      path: keyPath(k),
      part: "key",
      what: "a key of OpenChargeback 0.4 that this version accepts and ignores.",
      fix: "It has no effect; remove it when you like.",
    })
  );
  return { config: config!, path, warnings };
}

function unknownKeyProblem(u: UnknownKey): ConfigProblem {
  const name = String(u.path.at(-1));
  const near = didYouMean(name, u.known);
  return {
    path: u.path,
    part: "key",
    what: `unknown key '${name}'${near ? ` (did you mean ${near}?)` : ""}.`,
    fix: near
      ? `Rename it to ${near.split(" or ")[0]} (or remove it).`
      : "Remove it or correct its spelling (docs/configuration.md lists every key).",
  };
}

/**
 * The schema's verdict, every issue a problem. When values are wrong, the
 * config without them (defaults in their place) is returned for the later
 * checks, so their problems are listed too; null when even that fails.
 */
function validate(tree: Record<string, unknown>, problems: ConfigProblems): Config | null {
  const result = configSchema.safeParse(tree);
  if (result.success) return result.data;
  const pruned = structuredClone(tree);
  for (const issue of result.error.issues) {
    const value = valueAt(tree, issue.path);
    problems.add({
      path: issue.path,
      part: "value",
      what: `${issue.message.replace(/\.$/, "")} (value: ${
        value === undefined ? "missing" : JSON.stringify(value)
      }).`,
      fix: fixOf(issue),
    });
    removeAt(pruned, issue.path);
  }
  const again = configSchema.safeParse(pruned);
  return again.success ? again.data : null;
}

function fixOf(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_type") {
    const what = { number: "a number", string: "a text", boolean: "true or false" }[
      issue.expected as string
    ];
    if (what) return `Write ${what} for this key.`;
  }
  if (issue.code === "invalid_value") {
    return `Use one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}.`;
  }
  return "Fix this key in the config file (docs/configuration.md describes it).";
}

function valueAt(tree: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>(
    (v, k) => (v && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[k] : undefined),
    tree,
  );
}

function removeAt(tree: unknown, path: readonly PropertyKey[]): void {
  const parent = valueAt(tree, path.slice(0, -1));
  if (parent && typeof parent === "object" && !Array.isArray(parent)) {
    delete (parent as Record<PropertyKey, unknown>)[path.at(-1)!];
  }
}

function normaliseCurrency(config: Config): void {
  const c = config.currency.trim();
  const code = CURRENCY_SYMBOLS[c] ?? c.toUpperCase();
  if (!/^[A-Z]{3}$/.test(code)) {
    throw new UserError(
      `currency '${config.currency}' is not an ISO 4217 code or a known symbol.`,
      { location: { key: "currency" }, hint: "Use a code such as USD, EUR or GBP." },
    );
  }
  config.currency = code;
}

function checkRegexes(config: Config, problems: ConfigProblems): void {
  config.attribution.rules.forEach((r, i) =>
    problems.attempt(() =>
      compileRule(
        { name: r.name, source: r.source, match: r.match, set: r.set },
        "config",
        `attribution.rules[${i}]`,
      )
    )
  );
  checkFunding(config, problems);
  config.review.flag_patterns.forEach((p, i) =>
    problems.attempt(() => compileConfigRegex(p, `review.flag_patterns[${i}]`))
  );
  config.review.fund_org_patterns.forEach((p, i) =>
    problems.attempt(() => compileConfigRegex(p, `review.fund_org_patterns[${i}]`))
  );
  for (const key of ["fund_org_regex", "account_code_regex"] as const) {
    const pattern = config.journal[key];
    if (pattern) problems.attempt(() => compileConfigRegex(pattern, `journal.${key}`));
  }
}

/** Months and dates of `funding` (a split's percents are checked per charge: split_not_100). */
function checkFunding(config: Config, problems: ConfigProblems): void {
  const bad = (key: string, value: string, what: string): ConfigProblem => ({
    path: keyPath(key),
    part: "value",
    what: `'${value}' is not ${what}.`,
    fix: what === "a month" ? "Write YYYY-MM, e.g. 2026-01." : "Write YYYY-MM-DD.",
  });
  const month = /^\d{4}-(0[1-9]|1[0-2])$/;
  config.funding.splits.forEach((s, i) => {
    if (!month.test(s.from)) problems.add(bad(`funding.splits[${i}].from`, s.from, "a month"));
    if (s.until !== undefined && !month.test(s.until)) {
      problems.add(bad(`funding.splits[${i}].until`, s.until, "a month"));
    }
    s.funds.forEach((f, k) => {
      if (!/^\d+(\.\d{1,2})?$/.test(f.percent.trim())) {
        problems.add({
          path: keyPath(`funding.splits[${i}].funds[${k}].percent`),
          part: "value",
          what: `'${f.percent}' is not a percent.`,
          fix: 'Write a number with at most two decimals, e.g. "60" or "33.34".',
        });
      }
    });
  });
  config.funding.funds.forEach((f, i) => {
    if (f.expires !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(f.expires)) {
      problems.add(bad(`funding.funds[${i}].expires`, f.expires, "a date"));
    }
  });
}

/** The built-in default configuration. */
export function defaultConfig(): Config {
  return configSchema.parse({});
}

export type { Config };
export { z };
