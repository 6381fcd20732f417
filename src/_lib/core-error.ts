/**
 * How the shared helpers (input parsing, calendar days) raise their errors: a DeclicsError whose English message is written by the parts of the
 * message table for the codes raised here (core), so that a bundle carries those words only.
 * @module
 */
import { errorWith } from "./messages/part.js";
import { CORE_MESSAGES } from "./messages/core.js";

/** A DeclicsError raised by core, with its English message. */
export const coreError = /* @__PURE__ */ errorWith({ ...CORE_MESSAGES });
