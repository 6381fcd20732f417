/**
 * How the diversity module raises its errors: a DeclicsError whose English message is written by the parts of the
 * message table for the codes raised here (core, diversity), so that a bundle carries those words only.
 * @module
 */
import { errorWith } from "../_lib/messages/part.js";
import { CORE_MESSAGES } from "../_lib/messages/core.js";
import { DIVERSITY_MESSAGES } from "../_lib/messages/diversity.js";

/** A DeclicsError raised by diversity, with its English message. */
export const diversityError = /* @__PURE__ */ errorWith({ ...CORE_MESSAGES, ...DIVERSITY_MESSAGES });
