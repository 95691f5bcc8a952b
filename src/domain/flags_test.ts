import { deepEqual, equal } from "node:assert/strict";
import { type FlagInput, flagReasons, type FlagRules, isValidEmail } from "./flags.ts";

const clean: FlagInput = {
  piEmail: "pi@example.edu",
  projectId: "p1",
  fundOrg: "BIO-2024-001",
  serviceName: "Amazon EC2",
  resourceId: "i-1",
  resourceName: "node-1",
  period: "2025-01",
  tagsValid: true,
};
const none: FlagRules = { flagPatterns: [], fundOrgPatterns: [] };

Deno.test("flags: a fully attributed charge has no reasons", () => {
  deepEqual(flagReasons(clean, none), []);
  deepEqual(flagReasons({ ...clean, expectedPeriod: "2025-01" }, none), []);
});

Deno.test("flags: every reason is kept, in a stable order", () => {
  const rules: FlagRules = {
    flagPatterns: [
      { source: "gpu", regex: /gpu/i },
      { source: "^test-", regex: /^test-/i },
      { source: "never", regex: /never/i },
    ],
    fundOrgPatterns: [/^[A-Z]+-\d{4}-\d{3}$/],
  };
  deepEqual(
    flagReasons({
      ...clean,
      piEmail: "not-an-email",
      projectId: null,
      fundOrg: "bad",
      serviceName: "GPU Cluster",
      resourceName: "TEST-node",
      expectedPeriod: "2025-02",
      tagsValid: false,
    }, rules),
    [
      "invalid_pi_email",
      "missing_project_id",
      "invalid_fund_org",
      "pattern:gpu",
      "pattern:^test-",
      "period_mismatch",
      "invalid_tags",
    ],
  );
  deepEqual(
    flagReasons(
      { ...clean, piEmail: null, projectId: null, fundOrg: null, tagsValid: false },
      none,
    ),
    ["missing_pi_email", "missing_project_id", "missing_fund_org", "invalid_tags"],
  );
});

Deno.test("flags: fund/org patterns apply only when some are set; a match on any is enough", () => {
  deepEqual(flagReasons({ ...clean, fundOrg: "anything" }, none), []);
  const rules: FlagRules = { flagPatterns: [], fundOrgPatterns: [/^X-/, /^BIO-/] };
  deepEqual(flagReasons(clean, rules), []);
  deepEqual(flagReasons({ ...clean, fundOrg: "NSF-1" }, rules), ["invalid_fund_org"]);
});

Deno.test("flags: patterns look at ServiceName, ResourceId and ResourceName, also with /g", () => {
  const rules: FlagRules = {
    flagPatterns: [{ source: "i-1", regex: /i-1/gi }],
    fundOrgPatterns: [],
  };
  deepEqual(flagReasons(clean, rules), ["pattern:i-1"]);
  deepEqual(flagReasons(clean, rules), ["pattern:i-1"]);
  deepEqual(flagReasons({ ...clean, resourceId: null }, rules), []);
});

Deno.test("flags: email shape local@domain.tld", () => {
  for (const e of ["a@b.edu", "zorp.blinkman@example.edu", "x+y@sub.example.co.uk"]) {
    equal(isValidEmail(e), true, e);
  }
  for (const e of ["a@b", "a@@b.edu", "a b@c.edu", "@b.edu", "a@.edu", "a@b.c"]) {
    equal(isValidEmail(e), false, e);
  }
});
