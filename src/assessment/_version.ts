/**
 * Private: the library version recorded in results (read from package.json at build time; only the
 * `version` field is bundled).
 * @module
 */
import { version } from "../../package.json";

export const LIBRARY_VERSION: string = version;
