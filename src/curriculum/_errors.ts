/**
 * How the curriculum module raises its errors: a DeclicsError whose English message is written by the parts of the
 * message table for the codes raised here (core, curriculum, data), so that a bundle carries those words only.
 * @module
 */
import { errorWith } from "../_lib/messages/part.js";
import { CORE_MESSAGES } from "../_lib/messages/core.js";
import { CURRICULUM_MESSAGES } from "../_lib/messages/curriculum.js";
import { DATA_MESSAGES } from "../_lib/messages/data.js";

/** A DeclicsError raised by curriculum, with its English message. */
export const curriculumError = /* @__PURE__ */ errorWith({
  ...CORE_MESSAGES,
  ...CURRICULUM_MESSAGES,
  ...DATA_MESSAGES,
});
