/**
 * openchargeback: research computing chargeback from FOCUS billing data.
 * Parses argv and lazily imports only the command being run, so `--help`
 * and `version` stay fast.
 */

import type { Command } from "commander";

/** A command module registers its commander definition on the program. */
export interface CommandModule {
  register(program: Command): void;
}

interface CommandEntry {
  name: string;
  summary: string;
  load: () => Promise<CommandModule>;
}

const COMMANDS: CommandEntry[] = [
  {
    name: "ingest",
    summary: "import FOCUS CSV files from a source",
    load: () => import("./src/cli/ingest.ts"),
  },
  {
    name: "validate",
    summary: "check FOCUS files for conformance without importing",
    load: () => import("./src/cli/validate.ts"),
  },
  {
    name: "convert",
    summary: "meter Slurm accounting and storage snapshots into priced FOCUS files",
    load: () => import("./src/cli/convert.ts"),
  },
  {
    name: "rates",
    summary: "check and show rate cards (rates.yaml) of convert",
    load: () => import("./src/cli/rates.ts"),
  },
  {
    name: "imports",
    summary: "list deliveries and revert one",
    load: () => import("./src/cli/imports.ts"),
  },
  {
    name: "periods",
    summary: "list, create, close, reopen and finalize billing periods",
    load: () => import("./src/cli/periods.ts"),
  },
  {
    name: "sources",
    summary: "list and add billing sources",
    load: () => import("./src/cli/sources.ts"),
  },
  {
    name: "review",
    summary: "list, approve and reject charges held for review",
    load: () => import("./src/cli/review.ts"),
  },
  {
    name: "attribution",
    summary: "list, test and re-apply attribution rules",
    load: () => import("./src/cli/attribution.ts"),
  },
  {
    name: "pis",
    summary: "the PI directory: import and list PIs",
    load: () => import("./src/cli/pis.ts"),
  },
  {
    name: "show",
    summary: "show one PI's charges for a period",
    load: () => import("./src/cli/show.ts"),
  },
  {
    name: "generate",
    summary: "generate PDF statements (and email them with --send)",
    load: () => import("./src/cli/generate.ts"),
  },
  {
    name: "statements",
    summary: "list and send generated statements",
    load: () => import("./src/cli/statements.ts"),
  },
  {
    name: "export-journal",
    summary: "export a general-ledger journal for a period",
    load: () => import("./src/cli/export_journal.ts"),
  },
  { name: "journal", summary: "list journal exports", load: () => import("./src/cli/journal.ts") },
  { name: "serve", summary: "run the web interface", load: () => import("./src/cli/serve.ts") },
  { name: "users", summary: "manage web users", load: () => import("./src/cli/users.ts") },
  {
    name: "config",
    summary: "check and show the effective configuration",
    load: () => import("./src/cli/config.ts"),
  },
  {
    name: "db",
    summary: "back up, verify and restore the database",
    load: () => import("./src/cli/db.ts"),
  },
  { name: "audit", summary: "read the audit log", load: () => import("./src/cli/audit.ts") },
  {
    name: "version",
    summary: "print version, build and supported FOCUS versions",
    load: () => import("./src/cli/version.ts"),
  },
];

const DESCRIPTION = `OpenChargeback: bill research computing (cloud, HPC, storage) from FOCUS data.

Examples:
  openchargeback ingest aws_2025-01.csv -s aws
  openchargeback review list -p 2025-01
  openchargeback generate -p 2025-01 --send
  openchargeback export-journal -p 2025-01 -f gl
  openchargeback serve --port 8000`;

/** The top-level help, printed without loading commander (startup stays fast). */
export function topLevelHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length), "help [command]".length) + 2;
  const row = (name: string, text: string) => `  ${name.padEnd(width)}${text}`;
  return [
    "Usage: openchargeback <command> [options]",
    "",
    DESCRIPTION,
    "",
    "Options:",
    row("-h, --help", "display help for command"),
    "",
    "Commands:",
    ...COMMANDS.map((c) => row(c.name, c.summary)),
    row("help [command]", "display help for command"),
  ].join("\n");
}

/**
 * Answers that need no command module: the top-level help and `version`
 * (startup budget 150 ms). Returns null when the full CLI is needed.
 */
async function fastPath(args: string[]): Promise<number | null> {
  if (
    args.length === 0 ||
    (args.length === 1 && (args[0] === "--help" || args[0] === "-h" || args[0] === "help"))
  ) {
    console.log(topLevelHelp());
    return 0;
  }
  if (args[0] === "version" && args.slice(1).every((a) => a === "--json")) {
    const { formatVersionText, versionInfo } = await import("./src/version.ts");
    const info = versionInfo();
    console.log(args.includes("--json") ? JSON.stringify(info, null, 2) : formatVersionText(info));
    return 0;
  }
  return null;
}

/**
 * When this module was started as an ingest parse worker (see
 * src/ingest/read_delivery_in_worker.ts), run it and return true. Only a
 * worker has a global postMessage (a cheap check for the main thread).
 */
async function runAsWorker(): Promise<boolean> {
  if (typeof (globalThis as { postMessage?: unknown }).postMessage !== "function") return false;
  const { isMainThread, workerData } = await import("node:worker_threads");
  if (isMainThread) return false;
  const { PARSE_WORKER_ROLE } = await import("./src/ingest/parse_worker_protocol.ts");
  if (workerData?.role !== PARSE_WORKER_ROLE) return false;
  const { runParseWorker } = await import("./src/ingest/parse_worker.ts");
  runParseWorker(workerData);
  return true;
}

/** Run the CLI with `args` (without the program name); returns the exit code. */
export async function run(args: string[]): Promise<number> {
  const fast = await fastPath(args);
  if (fast !== null) return fast;
  // big deliveries are parsed in a worker started from this module
  const { enableParseWorker } = await import("./src/ingest/parse_worker_entry.ts");
  enableParseWorker(import.meta.url);
  const { Command, CommanderError } = await import("commander");
  const program = new Command("openchargeback")
    .description(DESCRIPTION)
    .usage("<command> [options]")
    .helpCommand(true)
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride();
  const first = args.find((a) => !a.startsWith("-"));
  if (first === "help" && COMMANDS.some((c) => c.name === args[args.indexOf(first) + 1])) {
    args = [args[args.indexOf(first) + 1], "--help"];
  }
  const name = args.find((a) => !a.startsWith("-"));
  const entry = COMMANDS.find((c) => c.name === name);
  if (entry) {
    (await entry.load()).register(program);
  } else {
    for (const c of COMMANDS) program.command(c.name).description(c.summary);
  }
  try {
    await program.parseAsync(args, { from: "user" });
    return Deno.exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (
        e.code === "commander.helpDisplayed" || e.code === "commander.help" ||
        e.code === "commander.version"
      ) return 0;
      return 2;
    }
    const { reportError } = await import("./src/cli/command_kit.ts");
    return reportError(e, args.includes("--verbose"), args.includes("--json"));
  }
}

if (import.meta.main && !(await runAsWorker())) {
  const code = await run(Deno.args);
  // One turn of the event loop before exiting: Deno writes the V8 code cache
  // of the main module only after its evaluation has yielded once. In the
  // bundle every dynamic import resolves as a microtask, so without this turn
  // `--help` exited first, the cache was never written, and every start
  // compiled all 6.8 MB again (160 ms instead of 110 ms; docs/development/performance.md).
  await new Promise((resolve) => setTimeout(resolve, 0));
  Deno.exit(code);
}
