/**
 * Unit-level checks on third-party files: the 0.4 example config loads
 * unchanged, FOCUS version detection on real headers, and the parse worker on
 * the 1,000-row FOCUS sample. (The self-contained versions use the project's
 * own files: src/config/load_config_test.ts, src/ingest/focus_header_test.ts,
 * src/ingest/read_delivery_in_worker_test.ts.)
 */

import { deepEqual, equal } from "node:assert/strict";
import { parseConfigText } from "../../src/config/load_config.ts";
import { planHeader } from "../../src/ingest/mod.ts";
import { fileFromPath } from "../../src/ingest/ingest_file.ts";
import { enableParseWorker } from "../../src/ingest/parse_worker_entry.ts";
import { type DeliveryReadOptions, readDeliveryBlocking } from "../../src/ingest/read_delivery.ts";
import { readDeliveryInWorker } from "../../src/ingest/read_delivery_in_worker.ts";
import type { StagedCharge } from "../../src/storage/mod.ts";
import { FIXTURES, OC04 } from "./fixtures.ts";

const SAMPLE = `${FIXTURES}focus-sample-data/focus_sample.csv`;
const cells = (header: string) => header.split(",");

Deno.test("the 0.4 example config loads unchanged", () => {
  const text = Deno.readTextFileSync(`${OC04}config.example.yaml`);
  const { config, warnings } = parseConfigText(
    text,
    "config.example.yaml",
    (n) => ({ SMTP_USER: "u" } as Record<string, string>)[n],
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

Deno.test("header: FOCUS version detection on the FOCUS sample and a spec 1.2 example", () => {
  const sample = Deno.readTextFileSync(SAMPLE).split("\n")[0].replaceAll('"', "");
  equal(planHeader(cells(sample)).focusVersion, "1.0");
  const v12 = Deno.readTextFileSync(
    `${FIXTURES}focus-spec-1.2-examples/saas_examples/virtual_currency_pricing_model_a2.csv`,
  ).split(/\r?\n/)[0].replace(/^\uFEFF/, "");
  equal(planHeader(cells(v12)).focusVersion, "1.2");
});

Deno.test("parse worker: the 1,000-row FOCUS sample gives the same rows as the one-thread reader", () => {
  const options: DeliveryReadOptions = {
    defaultCurrency: "USD",
    finishing: {
      tagMapping: { pi_email: "pi_email", project_id: "project_id", fund_org: "fund_org" } as never,
      rules: { flagPatterns: [{ source: "test", regex: /test/i }], fundOrgPatterns: [/^F-/] },
      expectedPeriod: null,
      attribution: { precedence: "tags", rules: [], aliases: {} },
    },
  };
  enableParseWorker(new URL("../../main.ts", import.meta.url).href);
  const viaWorker: StagedCharge[] = [];
  const progress: number[] = [];
  const w = readDeliveryInWorker([{ name: "sample.csv", path: SAMPLE }], {
    add: (rows) => viaWorker.push(...rows),
  }, { ...options, onProgress: (n) => progress.push(n) });
  const inThread: StagedCharge[] = [];
  const t = readDeliveryBlocking([fileFromPath(SAMPLE, "sample.csv")], {
    add: (rows) => inThread.push(...rows),
  }, options);
  equal(viaWorker.length, 1000);
  deepEqual(viaWorker, inThread);
  deepEqual(w.files, t.files);
  equal(w.rows, 1000);
  equal(w.errors.count, 0);
  equal(progress.at(-1), 1000);
});
