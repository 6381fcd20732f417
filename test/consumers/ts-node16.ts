// TypeScript consumer, moduleResolution "node16" (ESM side): the published types resolve, check and run.
import { DeclicsError, isDeclicsError } from "declics";
import { checkEligibility, type EligibilityResult } from "declics/territory";
import { loadTerritoryData } from "declics/data";

const error = new DeclicsError({ code: "usage", module: "cli", details: { reason: "r" } });
if (!isDeclicsError(error, "usage")) throw new Error("isDeclicsError failed");
const data = await loadTerritoryData();
const result: EligibilityResult = checkEligibility({ x: 571_000, y: 6_277_000 }, { on: new Date("2025-03-01"), data });
if (result.commune === null) throw new Error("no commune found for a Lambert-93 point in Toulouse's area");
export const status: EligibilityResult["status"] = result.status;
