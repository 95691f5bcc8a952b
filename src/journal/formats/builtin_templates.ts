/**
 * The Liquid templates shipped with the program, imported as text so a
 * compiled binary carries them. Listed like the coded formats (name and
 * label); `-f template` renders one of them or a template file.
 */

import banner from "../../../templates/journal/banner.liquid" with { type: "text" };
import workday from "../../../templates/journal/workday.liquid" with { type: "text" };
import peoplesoft from "../../../templates/journal/peoplesoft.liquid" with { type: "text" };

/** One shipped template. */
export interface BuiltinTemplateEntry {
  /** The name given to journal.template or chosen on the web page. */
  readonly name: string;
  /** What the web page shows. */
  readonly label: string;
  readonly text: string;
}

/** The shipped templates, in the order they are offered. */
export const BUILTIN_TEMPLATE_ENTRIES: readonly BuiltinTemplateEntry[] = [
  { name: "banner", label: "Built-in template: banner", text: banner },
  { name: "workday", label: "Built-in template: workday", text: workday },
  { name: "peoplesoft", label: "Built-in template: peoplesoft", text: peoplesoft },
];

/** The shipped templates by name. */
export const BUILTIN_TEMPLATES: Record<string, string> = Object.fromEntries(
  BUILTIN_TEMPLATE_ENTRIES.map((t) => [t.name, t.text]),
);
