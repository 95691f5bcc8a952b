/**
 * Counted nouns in messages: "1 charge", "2 charges", "1 delivery",
 * "3 deliveries". One helper so every message agrees in number.
 */

/** Irregular plurals of the nouns our messages count. */
const IRREGULAR: Record<string, string> = {
  delivery: "deliveries",
  entry: "entries",
  PI: "PIs",
  is: "are",
  was: "were",
  awaits: "await",
};

/** The noun for `n` of it: `plural(1, "charge")` = "charge", `plural(2, "charge")` = "charges". */
export function plural(n: number, noun: string, many?: string): string {
  if (n === 1) return noun;
  if (many !== undefined) return many;
  if (IRREGULAR[noun]) return IRREGULAR[noun];
  if (/[^aeiou]y$/.test(noun)) return `${noun.slice(0, -1)}ies`;
  if (/(s|x|ch|sh)$/.test(noun)) return `${noun}es`;
  return `${noun}s`;
}

/** The count and the noun: `countOf(1, "delivery")` = "1 delivery", `countOf(3, "delivery")` = "3 deliveries". */
export function countOf(n: number, noun: string, many?: string): string {
  return `${n.toLocaleString("en-US")} ${plural(n, noun, many)}`;
}
