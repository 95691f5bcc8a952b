/** Find keys in a raw config tree that the schema does not know (reported as warnings). */

import { z } from "zod";

/** Dotted paths of keys in `raw` that `schema` does not describe. */
export function unknownKeys(schema: z.ZodType, raw: unknown, prefix = ""): string[] {
  const inner = unwrap(schema);
  if (!raw || typeof raw !== "object") return [];
  if (inner instanceof z.ZodObject) {
    const shape = inner.shape as Record<string, z.ZodType>;
    const out: string[] = [];
    for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
      const path = prefix ? `${prefix}.${k}` : k;
      if (!(k in shape)) out.push(path);
      else out.push(...unknownKeys(shape[k], v, path));
    }
    return out;
  }
  if (inner instanceof z.ZodArray && Array.isArray(raw)) {
    return raw.flatMap((v, i) => unknownKeys(inner.element as z.ZodType, v, `${prefix}[${i}]`));
  }
  if (inner instanceof z.ZodRecord) {
    const valueType = (inner as unknown as { valueType: z.ZodType }).valueType;
    return Object.entries(raw as Record<string, unknown>).flatMap(([k, v]) =>
      unknownKeys(valueType, v, `${prefix}.${k}`)
    );
  }
  return [];
}

function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  while (s instanceof z.ZodDefault || s instanceof z.ZodOptional || s instanceof z.ZodNullable) {
    s = (s as unknown as { unwrap(): z.ZodType }).unwrap();
  }
  return s;
}
