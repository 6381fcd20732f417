// TypeScript consumer, moduleResolution "node16" (CommonJS side): `require` conditions resolve typed.
import declics = require("declics");
import territory = require("declics/territory");

const error = new declics.DeclicsError({ code: "usage", module: "cli", details: { reason: "r" } });
export const ok: boolean = declics.isDeclicsError(error);
export const policy: territory.EligibilityPolicy = territory.DECLICS_POLICY;
