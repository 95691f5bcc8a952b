/** `openchargeback users add|passwd|disable|enable|role|list`: web users in the database. */

import type { Command } from "commander";
import { UserError } from "../domain/errors.ts";
import {
  addUser,
  changePassword,
  listUsers,
  piUserWarning,
  setUserDisabled,
  setUserRole,
  userJson,
  type UserSummary,
} from "../users/mod.ts";
import { type GlobalOptions, printJson, withContext, withGlobalOptions } from "./command_kit.ts";
import { countOf } from "../domain/plural.ts";

interface PasswordOptions extends GlobalOptions {
  passwordStdin?: boolean;
}

interface AddOptions extends PasswordOptions {
  email: string;
  role: string;
  displayName?: string;
}

/** The whole of stdin, without one trailing newline. */
async function readStdinPassword(): Promise<string> {
  const text = await new Response(Deno.stdin.readable).text();
  const pw = text.replace(/\r?\n$/, "");
  if (pw === "") throw new UserError("no password on stdin.");
  return pw;
}

/** Read a line from the terminal without echo. */
async function promptHidden(label: string): Promise<string> {
  const enc = new TextEncoder();
  await Deno.stderr.write(enc.encode(label));
  Deno.stdin.setRaw(true);
  const bytes: number[] = [];
  const buf = new Uint8Array(1);
  try {
    for (;;) {
      const n = await Deno.stdin.read(buf);
      if (n === null) break;
      const b = buf[0];
      if (b === 3) throw new UserError("cancelled.");
      if (b === 13 || b === 10) break;
      if (b === 127 || b === 8) bytes.pop();
      else bytes.push(b);
    }
  } finally {
    Deno.stdin.setRaw(false);
    await Deno.stderr.write(enc.encode("\n"));
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

/** The new password: from stdin with --password-stdin, else asked twice on a terminal. */
async function newPassword(opts: PasswordOptions): Promise<string> {
  if (opts.passwordStdin) return await readStdinPassword();
  if (!Deno.stdin.isTerminal()) {
    throw new UserError("no terminal to ask for the password.", {
      hint:
        "Pipe it in with --password-stdin, e.g. `printf '%s' \"$PW\" | openchargeback users add ...`.",
    });
  }
  const first = await promptHidden("New password: ");
  const again = await promptHidden("Repeat it: ");
  if (first !== again) throw new UserError("the two passwords differ.");
  return first;
}

function printUser(u: UserSummary, json: boolean | undefined, verb: string): void {
  if (json) printJson(userJson(u));
  else {console.log(
      `${verb} user ${u.name} <${u.email}> (${u.role}${u.disabled ? ", disabled" : ""})`,
    );}
}

export function register(program: Command): void {
  const users = program.command("users").description("manage web users (stored in the database)")
    .addHelpText(
      "after",
      "\nExamples:\n  printf '%s' \"$PW\" | openchargeback users add alice --email alice@example.edu --role reviewer --password-stdin\n  openchargeback users list --json\n  openchargeback users disable alice",
    );
  withGlobalOptions(
    users.command("add <name>").description("add a user (admin, reviewer, viewer or pi)")
      .addHelpText(
        "after",
        "\nExamples:\n  printf '%s' \"$PW\" | openchargeback users add alice --email alice@example.edu --role reviewer --password-stdin",
      )
      .requiredOption("--email <email>", "login email (for role pi: the PI's pi_email)")
      .requiredOption("--role <role>", "admin, reviewer, viewer or pi")
      .option("--display-name <name>", "name shown in the web interface")
      .option("--password-stdin", "read the password from stdin")
      .option("--json", "print the user as JSON"),
  ).action(async (name: string, opts: AddOptions) => {
    const password = await newPassword(opts);
    await withContext(opts, (ctx) => {
      const u = addUser(ctx, {
        name,
        email: opts.email,
        role: opts.role,
        password,
        displayName: opts.displayName,
      });
      const warning = piUserWarning(ctx, u.role, u.email);
      if (warning) console.error(`warning: ${warning}`);
      printUser(u, opts.json, "added");
    });
  });
  withGlobalOptions(
    users.command("passwd <name>").description("set a user's password (ends their sessions)")
      .addHelpText(
        "after",
        "\nExamples:\n  openchargeback users passwd alice\n  printf '%s' \"$PW\" | openchargeback users passwd alice --password-stdin",
      )
      .option("--password-stdin", "read the password from stdin"),
  ).action(async (name: string, opts: PasswordOptions) => {
    const password = await newPassword(opts);
    await withContext(opts, (ctx) => {
      const r = changePassword(ctx, name, password);
      console.log(`password of ${name} changed; ${countOf(r.revokedSessions, "session")} ended`);
    });
  });
  for (
    const [cmd, disabled, what] of [["disable", true, "disabled"], [
      "enable",
      false,
      "enabled",
    ]] as const
  ) {
    withGlobalOptions(
      users.command(`${cmd} <name>`).description(
        disabled ? "disable a user (ends their sessions)" : "enable a disabled user",
      )
        .addHelpText(
          "after",
          "\nExamples:\n  openchargeback users disable alice\n  openchargeback users enable alice",
        ).option("--json", "print the user as JSON"),
    ).action(async (name: string, opts: GlobalOptions) => {
      await withContext(
        opts,
        (ctx) => printUser(setUserDisabled(ctx, name, disabled), opts.json, what),
      );
    });
  }
  withGlobalOptions(
    users.command("role <name> <role>").description("change a user's role")
      .addHelpText("after", "\nExamples:\n  openchargeback users role alice admin")
      .option("--json", "print the user as JSON"),
  ).action(async (name: string, role: string, opts: GlobalOptions) => {
    await withContext(opts, (ctx) => printUser(setUserRole(ctx, name, role), opts.json, "changed"));
  });
  withGlobalOptions(
    users.command("list").description("list users (database and config web.users)")
      .addHelpText(
        "after",
        "\nExamples:\n  openchargeback users list\n  openchargeback users list --json",
      )
      .option("--json", "print JSON"),
  ).action(async (opts: GlobalOptions) => {
    await withContext(opts, (ctx) => {
      const all = listUsers(ctx);
      if (opts.json) return printJson(all.map(userJson));
      if (all.length === 0) return console.log("no users");
      for (const u of all) {
        const flags = [
          u.origin === "config" ? (u.recovery ? "config, recovery" : "config") : "",
          u.disabled ? "disabled" : "",
        ].filter(Boolean).join(", ");
        console.log(`${u.name.padEnd(16)} ${u.email.padEnd(30)} ${u.role.padEnd(9)} ${flags}`);
      }
    });
  });
}
