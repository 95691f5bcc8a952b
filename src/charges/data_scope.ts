/**
 * Whose charges a read may show. A `pi` web user reads with their own email:
 * every figure, list, file and download is limited to that PI's charges.
 * Staff read with ALL_PIS. The read services of the web pages take a scope
 * as a required argument and apply it in their filters, so no page can
 * forget it.
 */

/** The PI a read is limited to (lower-cased email), or undefined for everyone's charges. */
export interface DataScope {
  readonly pi: string | undefined;
}

/** Every PI's charges (staff, the CLI). */
export const ALL_PIS: DataScope = Object.freeze({ pi: undefined });

/** The scope of a reader limited to `piEmail` (undefined: everyone's charges). */
export function scopeOf(piEmail: string | undefined): DataScope {
  return piEmail === undefined ? ALL_PIS : { pi: piEmail.toLowerCase() };
}

/** True when the scope allows a record of `piEmail` (stored lower-cased). */
export function inScope(scope: DataScope, piEmail: unknown): boolean {
  return scope.pi === undefined || piEmail === scope.pi;
}
