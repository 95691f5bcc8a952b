import { deepEqual, equal } from "node:assert/strict";
import { formatLogLine } from "./logger.ts";

const AT = new Date("2025-02-03T10:00:00Z");

Deno.test("logger: splunk key=value quotes values with spaces and drops empty ones", () => {
  equal(
    formatLogLine("splunk", "INFO", "http_request", {
      method: "GET",
      path: "/a b",
      status: 200,
      user: "",
    }, AT),
    'at=2025-02-03T10:00:00.000Z level=INFO event=http_request method=GET path="/a b" status=200',
  );
});

Deno.test("logger: json is one object per line", () => {
  deepEqual(JSON.parse(formatLogLine("json", "ERROR", "http_error", { ms: 3 }, AT)), {
    at: "2025-02-03T10:00:00.000Z",
    level: "ERROR",
    event: "http_error",
    ms: 3,
  });
});
