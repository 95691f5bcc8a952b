/** Options shared by `convert slurm`, `convert storage` and `rates`. */

import { UserError } from "../domain/errors.ts";
import type { Config } from "../config/mod.ts";
import { type GlobalOptions, loadCliConfig } from "./command_kit.ts";

/** The config when one is given or present; its metering keys name the defaults. */
export function meteringConfig(opts: GlobalOptions): Config {
  return loadCliConfig(opts).config;
}

/** The rate card path: the argument/--rates, else the config's metering.rates. */
export function ratesPath(given: string | undefined, opts: GlobalOptions): string {
  if (given) return given;
  // relative to the current folder, like the config's other paths
  const p = loadCliConfig(opts).config.metering.rates;
  if (!p) {
    throw new UserError("no rate card: give --rates FILE or set metering.rates in the config.");
  }
  return p;
}
