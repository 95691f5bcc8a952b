/**
 * Build stamp: the git commit and build date of this program. The build
 * script (scripts/build.ts) puts `buildStampPreamble()` (src/version.ts) in
 * front of the program, which sets `globalThis.__OPENCHARGEBACK_BUILD__`; the
 * source tree itself is never modified. In a checkout both are null
 * ("development build").
 */

declare global {
  var __OPENCHARGEBACK_BUILD__: { commit: string; date: string } | undefined;
}

/** The commit and UTC build date stamped at build time, or null in development. */
export const BUILD_INFO: { readonly commit: string | null; readonly date: string | null } = {
  get commit() {
    return globalThis.__OPENCHARGEBACK_BUILD__?.commit ?? null;
  },
  get date() {
    return globalThis.__OPENCHARGEBACK_BUILD__?.date ?? null;
  },
};
