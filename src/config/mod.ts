/** Configuration: load, validate, mask. */
export { defaultConfig, loadConfig, type LoadedConfig, parseConfigText } from "./load_config.ts";
export { type Config, configSchema } from "./schema.ts";
export { compileConfigRegex, pythonRegexToJs } from "./regex.ts";
export { maskSecrets } from "./mask_secrets.ts";
