/** Load the configuration: YAML file (or built-in defaults), env substitution, validation. */

import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { compileRule } from "../domain/attribution_rules.ts";
import { UserError } from "../domain/errors.ts";
import { type Config, configSchema } from "./schema.ts";
import { substituteEnv } from "./env_substitution.ts";
import { compileConfigRegex } from "./regex.ts";
import { unknownKeys } from "./unknown_keys.ts";

/** A loaded configuration and where it came from. */
export interface LoadedConfig {
  config: Config;
  /** The file read, or null for built-in defaults. */
  path: string | null;
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

/** Parse and validate config text. `path` is used in messages only. */
export function parseConfigText(
  text: string,
  path: string | null,
  env: (name: string) => string | undefined = (n) => Deno.env.get(n),
): LoadedConfig {
  const file = path ?? "built-in defaults";
  let raw: unknown;
  try {
    raw = parseYaml(text) ?? {};
  } catch (e) {
    const err = e as Error & { linePos?: { line: number }[] };
    throw new UserError(`not valid YAML: ${err.message.split("\n")[0]}`, {
      location: { file, line: err.linePos?.[0]?.line },
      hint: "Fix the YAML syntax.",
    });
  }
  if (typeof raw !== "object" || Array.isArray(raw)) {
    throw new UserError("the config must be a YAML mapping of keys.", { location: { file } });
  }
  const substituted = substituteEnv(raw, env) as Record<string, unknown>;
  const warnings = unknownKeys(configSchema, substituted).map((k) =>
    `${file}: unknown config key '${k}' ignored.`
  );
  const result = configSchema.safeParse(substituted);
  if (!result.success) {
    const issue = result.error.issues[0];
    const keyPath = issue.path.join(".");
    const value = issue.path.reduce<unknown>(
      (
        v,
        k,
      ) => (v && typeof v === "object" ? (v as Record<string, unknown>)[k as string] : undefined),
      substituted,
    );
    throw new UserError(`${issue.message} (value: ${JSON.stringify(value)}).`, {
      location: { file, key: keyPath },
      hint: "Fix this key in the config file.",
    });
  }
  const config = result.data;
  normaliseCurrency(config, file);
  checkRegexes(config);
  return { config, path, warnings };
}

function normaliseCurrency(config: Config, file: string): void {
  const c = config.currency.trim();
  const code = CURRENCY_SYMBOLS[c] ?? c.toUpperCase();
  if (!/^[A-Z]{3}$/.test(code)) {
    throw new UserError(
      `currency '${config.currency}' is not an ISO 4217 code or a known symbol.`,
      {
        location: { file, key: "currency" },
        hint: "Use a code such as USD, EUR or GBP.",
      },
    );
  }
  config.currency = code;
}

function checkRegexes(config: Config): void {
  config.attribution.rules.forEach((r, i) =>
    compileRule(
      { name: r.name, source: r.source, match: r.match, set: r.set },
      "config",
      `attribution.rules[${i}]`,
    )
  );
  checkFunding(config);
  config.review.flag_patterns.forEach((p, i) =>
    compileConfigRegex(p, `review.flag_patterns[${i}]`)
  );
  config.review.fund_org_patterns.forEach((p, i) =>
    compileConfigRegex(p, `review.fund_org_patterns[${i}]`)
  );
  if (config.journal.fund_org_regex) {
    compileConfigRegex(config.journal.fund_org_regex, "journal.fund_org_regex");
  }
  if (config.journal.account_code_regex) {
    compileConfigRegex(config.journal.account_code_regex, "journal.account_code_regex");
  }
}

/** Months and dates of `funding` (a split's percents are checked per charge: split_not_100). */
function checkFunding(config: Config): void {
  const bad = (key: string, value: string, what: string) =>
    new UserError(`'${value}' is not ${what}.`, {
      location: { key },
      hint: what === "a month" ? "Write YYYY-MM, e.g. 2026-01." : "Write YYYY-MM-DD.",
    });
  config.funding.splits.forEach((s, i) => {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(s.from)) {
      throw bad(`funding.splits[${i}].from`, s.from, "a month");
    }
    if (s.until !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(s.until)) {
      throw bad(`funding.splits[${i}].until`, s.until, "a month");
    }
    s.funds.forEach((f, k) => {
      if (!/^\d+(\.\d{1,2})?$/.test(f.percent.trim())) {
        throw new UserError(`'${f.percent}' is not a percent.`, {
          location: { key: `funding.splits[${i}].funds[${k}].percent` },
          hint: 'Write a number with at most two decimals, e.g. "60" or "33.34".',
        });
      }
    });
  });
  config.funding.funds.forEach((f, i) => {
    if (f.expires !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(f.expires)) {
      throw bad(`funding.funds[${i}].expires`, f.expires, "a date");
    }
  });
}

/** The built-in default configuration. */
export function defaultConfig(): Config {
  return configSchema.parse({});
}

export type { Config };
export { z };
