/**
 * How the assessment module raises its errors: a DeclicsError whose English message is written by the parts of the
 * message table for the codes raised here (core, assessment), so that a bundle carries those words only.
 * @module
 */
import { errorWith } from "../_lib/messages/part.js";
import { CORE_MESSAGES } from "../_lib/messages/core.js";
import { ASSESSMENT_MESSAGES } from "../_lib/messages/assessment.js";

/** A DeclicsError raised by assessment, with its English message. */
export const assessmentError = /* @__PURE__ */ errorWith({ ...CORE_MESSAGES, ...ASSESSMENT_MESSAGES });
