/** `openchargeback rates check FILE` and `rates show --at YYYY-MM`: rate cards of the metering. */

import { countOf } from "../domain/plural.ts";
import type { Command } from "commander";
import { parsePeriod } from "../domain/period.ts";
import { formatCardAt, loadRateCard, skusAt } from "../metering/mod.ts";
import { type GlobalOptions, printJson, withGlobalOptions } from "./command_kit.ts";
import { ratesPath } from "./convert_options.ts";

interface ShowOptions extends GlobalOptions {
  at: string;
  rates?: string;
}

/** Register the rates command. */
export function register(program: Command): void {
  const rates = program.command("rates")
    .description("check and show rate cards (rates.yaml) of convert slurm / convert storage")
    .addHelpText(
      "after",
      "\nExamples:\n  openchargeback rates check rates.yaml\n  openchargeback rates show --at 2026-09 --rates rates.yaml",
    );
  withGlobalOptions(
    rates.command("check")
      .description("check a rate card; exit 1 naming the file and line of the first problem")
      .argument("[file]", "rate card (default: the config's metering.rates)")
      .option("--json", "print one JSON object on stdout")
      .addHelpText(
        "after",
        "\nExamples:\n  openchargeback rates check rates.yaml\n  openchargeback rates check --json",
      ),
  ).action((file: string | undefined, opts: GlobalOptions) => {
    const path = ratesPath(file, opts);
    const card = loadRateCard(path);
    const result = {
      file: path,
      ok: true,
      currency: card.currency,
      skus: card.skus.length,
      outages: card.outages.length,
    };
    if (opts.json) printJson(result);
    else {
      console.log(
        `${path}: ok: ${countOf(card.skus.length, "SKU")}, ${
          countOf(card.outages.length, "outage")
        }, ${card.currency}`,
      );
    }
  });
  withGlobalOptions(
    rates.command("show")
      .description("print the rate card in force in a month")
      .requiredOption("--at <YYYY-MM>", "the month")
      .option("--rates <file>", "rate card (default: the config's metering.rates)")
      .option("--json", "print one JSON object on stdout")
      .addHelpText(
        "after",
        "\nExamples:\n  openchargeback rates show --at 2026-09 --rates rates.yaml",
      ),
  ).action((opts: ShowOptions) => {
    const period = parsePeriod(opts.at, "--at");
    const card = loadRateCard(ratesPath(opts.rates, opts));
    if (opts.json) {
      printJson({ file: card.file, period, currency: card.currency, skus: skusAt(card, period) });
    } else console.log(formatCardAt(card, period));
  });
}
