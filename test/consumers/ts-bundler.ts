// TypeScript consumer, moduleResolution "bundler": the published types resolve and check.
import { DeclicsError, type DeclicsErrorCode } from "declics";
import { checkEligibility, type EligibilityResult } from "declics/territory";
import { loadTerritoryData } from "declics/data";

const code: DeclicsErrorCode = "invalid_input";
const error = new DeclicsError({ code: "usage", module: "cli", details: { reason: "r" } });
const reason: string = error.details.reason;

export async function check(): Promise<EligibilityResult["status"]> {
  const data = await loadTerritoryData();
  const result: EligibilityResult = checkEligibility(
    { lon: 1.4025, lat: 43.5712 },
    { on: new Date("2024-05-01"), data },
  );
  return result.status;
}
export { code, reason };
