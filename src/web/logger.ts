/**
 * Log lines of the web server in `logging.format`: splunk (key=value) or json.
 * Lines go to stderr and, when `logging.file` is set, are appended to it.
 */

import { appendFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { Config } from "../config/mod.ts";

/** Fields of one log line. */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

const LEVELS = ["DEBUG", "INFO", "WARN", "ERROR"];

function levelRank(level: string): number {
  const l = level.toUpperCase() === "WARNING" ? "WARN" : level.toUpperCase();
  return Math.max(0, LEVELS.indexOf(l));
}

function splunkValue(v: string): string {
  return /^[^\s"=]+$/.test(v) ? v : `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/** Format one line: `at level event k=v ...` (splunk) or one JSON object. */
export function formatLogLine(
  format: "splunk" | "json",
  level: string,
  event: string,
  fields: LogFields,
  at: Date,
): string {
  const all: LogFields = { at: at.toISOString(), level, event, ...fields };
  if (format === "json") return JSON.stringify(all);
  return Object.entries(all)
    .filter(([, v]) => v !== undefined && v !== null && v !== "")
    .map(([k, v]) => `${k}=${splunkValue(String(v))}`)
    .join(" ");
}

/** A logger writing formatted lines to `sink`. */
export interface WebLogger {
  log(level: "DEBUG" | "INFO" | "WARN" | "ERROR", event: string, fields: LogFields): void;
}

/** The default sink: stderr, plus `logging.file` when set. */
export function defaultLogSink(config: Config): (line: string) => void {
  const file = config.logging.file;
  let fileOk = file !== "";
  if (fileOk) {
    try {
      mkdirSync(dirname(file), { recursive: true });
    } catch {
      fileOk = false;
    }
  }
  const enc = new TextEncoder();
  return (line) => {
    Deno.stderr.writeSync(enc.encode(line + "\n"));
    if (fileOk) {
      try {
        appendFileSync(file, line + "\n");
      } catch {
        fileOk = false;
      }
    }
  };
}

/** A logger honouring `logging.level` and `logging.format`. */
export function createLogger(config: Config, sink: (line: string) => void): WebLogger {
  const min = levelRank(config.logging.level);
  return {
    log(level, event, fields) {
      if (levelRank(level) < min) return;
      sink(formatLogLine(config.logging.format, level, event, fields, new Date()));
    },
  };
}
