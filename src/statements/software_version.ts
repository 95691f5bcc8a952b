/** The program version printed in statement footers (the `version` command's constant). */
export { VERSION as SOFTWARE_VERSION } from "../version.ts";
