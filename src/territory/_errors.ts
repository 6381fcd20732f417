/**
 * How the territory module raises its errors: a DeclicsError whose English message is written by the parts of the
 * message table for the codes raised here (core, territory, data), so that a bundle carries those words only.
 * @module
 */
import { errorWith } from "../_lib/messages/part.js";
import { CORE_MESSAGES } from "../_lib/messages/core.js";
import { TERRITORY_MESSAGES } from "../_lib/messages/territory.js";
import { DATA_MESSAGES } from "../_lib/messages/data.js";

/** A DeclicsError raised by territory, with its English message. */
export const territoryError = /* @__PURE__ */ errorWith({ ...CORE_MESSAGES, ...TERRITORY_MESSAGES, ...DATA_MESSAGES });
