/** `${VAR}` and `${VAR:-default}` substitution in every string value of a parsed YAML tree. */

const VAR_RE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/** Substitute environment variables in one string. An unset variable without default becomes "". */
export function substituteEnvInString(
  text: string,
  env: (name: string) => string | undefined,
): string {
  return text.replace(VAR_RE, (_m, name: string, def: string | undefined) => {
    const v = env(name);
    if (v !== undefined && v !== "") return v;
    return def ?? "";
  });
}

/** Walk a parsed YAML value and substitute in every string (keys are left alone). */
export function substituteEnv(value: unknown, env: (name: string) => string | undefined): unknown {
  if (typeof value === "string") return substituteEnvInString(value, env);
  if (Array.isArray(value)) return value.map((v) => substituteEnv(v, env));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = substituteEnv(v, env);
    return out;
  }
  return value;
}
