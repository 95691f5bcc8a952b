/** `openchargeback serve`: run the web interface until SIGINT/SIGTERM. */

import type { Command } from "commander";
import { openContext } from "../app_context.ts";
import { UserError } from "../domain/errors.ts";
import { listUsers } from "../users/mod.ts";
import { createApp } from "../web/app.ts";
import { type GlobalOptions, loadCliConfig, withGlobalOptions } from "./command_kit.ts";

interface ServeOptions extends GlobalOptions {
  host?: string;
  port?: string;
}

function parsePort(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    throw new UserError(`'${text}' is not a port number.`, {
      hint: "Give --port 1-65535 (0: any free port).",
    });
  }
  return n;
}

export function register(program: Command): void {
  withGlobalOptions(
    program.command("serve")
      .description("run the web interface (stops cleanly on Ctrl-C / SIGTERM)")
      .option("--host <address>", "address to listen on (default: web.host, 127.0.0.1)")
      .option("--port <port>", "port to listen on (default: web.port, 8000; 0 = any free port)")
      .addHelpText(
        "after",
        "\nExamples:\n  openchargeback serve -c config.yaml\n  openchargeback serve --host 0.0.0.0 --port 8080",
      ),
  ).action(async (opts: ServeOptions) => {
    const { config, path } = loadCliConfig(opts);
    const hostname = opts.host ?? config.web.host;
    const port = opts.port !== undefined ? parsePort(opts.port) : config.web.port;
    const ctx = openContext(config, path, "cli:serve");
    const { db, now } = ctx;
    if (listUsers(ctx).length === 0) {
      console.error(
        "warning: no web users: add one with `openchargeback users add NAME --email E --role admin`.",
      );
    }
    const app = createApp({ config, db, configPath: path, now });
    let server: Deno.HttpServer;
    try {
      server = Deno.serve({
        hostname,
        port,
        onListen: (addr) => {
          const host = addr.hostname.includes(":") ? `[${addr.hostname}]` : addr.hostname;
          console.error(`openchargeback: listening on http://${host}:${addr.port}`);
        },
      }, (req, info) => app.fetch(req, info));
    } catch (e) {
      db.close();
      throw new UserError(`cannot listen on ${hostname}:${port}: ${(e as Error).message}.`, {
        hint: "Choose another --port or --host.",
      });
    }
    const stop = () => {
      console.error("openchargeback: shutting down (finishing requests in flight)");
      server.shutdown();
    };
    Deno.addSignalListener("SIGINT", stop);
    Deno.addSignalListener("SIGTERM", stop);
    await server.finished;
    Deno.removeSignalListener("SIGINT", stop);
    Deno.removeSignalListener("SIGTERM", stop);
    db.close();
    console.error("openchargeback: stopped");
  });
}
