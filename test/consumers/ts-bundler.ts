// TypeScript consumer, moduleResolution "bundler": the published types resolve and check.
import { DeclicsError, type DeclicsErrorCode } from "declics";
import type { EligibilityResult } from "declics/territory";

const code: DeclicsErrorCode = "invalid_input";
const error = new DeclicsError({ code: "usage", module: "cli", message: "m", details: { reason: "r" } });
const reason: string = error.details.reason;
const status: EligibilityResult["status"] | undefined = undefined;
export { code, reason, status };
