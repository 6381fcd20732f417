// TypeScript consumer, moduleResolution "node16" (ESM side): the published types resolve, check and run.
import { DeclicsError, isDeclicsError } from "declics";
import type { EligibilityResult } from "declics/territory";

const error = new DeclicsError({ code: "usage", module: "cli", message: "m", details: { reason: "r" } });
if (!isDeclicsError(error, "usage")) throw new Error("isDeclicsError failed");
const status: EligibilityResult["status"] = "eligible";
export { status };
