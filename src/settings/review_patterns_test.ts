import assert from "node:assert/strict";
import type { AppContext } from "../app_context.ts";
import { loadFlagRules } from "../attribution/mod.ts";
import { defaultConfig } from "../config/mod.ts";
import { openDatabase, putSetting } from "../storage/mod.ts";
import { effectivePatterns } from "./review_patterns.ts";

function context(): AppContext {
  const config = defaultConfig();
  config.review.flag_patterns = ["gpu"];
  config.review.fund_org_patterns = ["^[A-Z]{3}-\\d{3}$"];
  return {
    config,
    configPath: null,
    db: openDatabase(":memory:"),
    actor: "test",
    now: () => new Date("2025-02-03T10:00:00Z"),
  };
}

Deno.test("review patterns: the ingest's flag rules are the patterns the settings page shows", () => {
  const ctx = context();
  try {
    const both = () => ({
      page: effectivePatterns(ctx, "flag"),
      ingest: loadFlagRules(ctx).flagPatterns.map((p) => p.source),
      funds: loadFlagRules(ctx).fundOrgPatterns.map((r) => r.source),
    });
    assert.deepEqual(both(), {
      page: { patterns: ["gpu"], origin: "config" },
      ingest: ["gpu"],
      funds: ["^[A-Z]{3}-\\d{3}$"],
    });
    putSetting(ctx.db, "review.flag_patterns", ["tpu", "fpga"], "test", "t");
    assert.deepEqual(both().page, { patterns: ["tpu", "fpga"], origin: "database" });
    assert.deepEqual(both().ingest, ["tpu", "fpga"]);
    assert.equal(loadFlagRules(ctx).flagPatterns[0].regex.test("TPU v5"), true); // ignores case
    // a stored value that is not a list of strings is no override, for either of them
    putSetting(ctx.db, "review.flag_patterns", ["tpu", 7], "test", "t");
    assert.deepEqual(both().page, { patterns: ["gpu"], origin: "config" });
    assert.deepEqual(both().ingest, ["gpu"]);
  } finally {
    ctx.db.close();
  }
});
