import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadTerritoryData } from "../src/data/index.js";
import {
  TERRITORY_ARTEFACTS,
  checkEligibility,
  type EligibilityResult,
  type GeocodeHit,
  type TerritoryData,
} from "../src/territory/index.js";
import { DeclicsError } from "../src/errors.js";
import { PROJECT_ROOT, buildPath, hasRealData } from "./support/real-data.js";

/**
 * Golden eligibility answers, in the manner of Turf's test/in -> test/out: each `test/golden/in/<name>.json` is a
 * subject and a day (a "YYYY-MM-DD" or `{ "date": ISO instant }`, optionally a recorded geocoder hit), and
 * `test/golden/out/<name>.json` its full, reviewed `EligibilityResult` on the compiled official data (or the code
 * of the error it throws). Any change of answer or evidence shows up as a readable diff of these files.
 *
 *   UPDATE_GOLDEN=1 npx vitest run test/territory-golden.test.ts   # regenerate out/ (then review the diff)
 */

const IN = resolve(PROJECT_ROOT, "test", "golden", "in");
const OUT = resolve(PROJECT_ROOT, "test", "golden", "out");
const update = process.env.UPDATE_GOLDEN === "1";

interface GoldenInput {
  readonly description: string;
  readonly subject: Record<string, unknown>;
  readonly on: string | { readonly date: string };
  readonly geocoderHit?: GeocodeHit;
}

type GoldenOutput = EligibilityResult | { readonly error: { readonly code: string } };

async function answer(input: GoldenInput, data: TerritoryData): Promise<GoldenOutput> {
  const on = typeof input.on === "string" ? input.on : new Date(input.on.date);
  const hit = input.geocoderHit;
  const geocoder = hit === undefined ? undefined : { geocode: () => Promise.resolve(hit) };
  try {
    const options = { on, data, ...(geocoder === undefined ? {} : { geocoder }) };
    return await checkEligibility(input.subject as { address: string }, options);
  } catch (error) {
    if (error instanceof DeclicsError) return { error: { code: error.code } };
    throw error;
  }
}

const names = readdirSync(IN)
  .filter((file) => file.endsWith(".json"))
  .map((file) => file.slice(0, -".json".length))
  .sort();
const artefacts = Object.values(TERRITORY_ARTEFACTS).map((file) => buildPath(file));

describe.skipIf(!hasRealData(...artefacts))("golden eligibility answers (test/golden/in -> out)", () => {
  let data: TerritoryData;
  beforeAll(async () => {
    data = await loadTerritoryData();
  });

  it("has about thirty cases, each with its reviewed output", () => {
    expect(names.length).toBeGreaterThanOrEqual(30);
    if (!update) expect(names.filter((name) => !existsSync(resolve(OUT, `${name}.json`)))).toEqual([]);
  });

  it.each(names)("%s", async (name) => {
    const input = JSON.parse(readFileSync(resolve(IN, `${name}.json`), "utf8")) as GoldenInput;
    // Through JSON, as stored: drops undefined members and keeps only what a reader of the file sees.
    const actual = JSON.parse(JSON.stringify(await answer(input, data))) as GoldenOutput;
    const file = resolve(OUT, `${name}.json`);
    if (update) writeFileSync(file, `${JSON.stringify(actual, null, 2)}\n`);
    const expected = JSON.parse(readFileSync(file, "utf8")) as GoldenOutput;
    expect(actual).toEqual(expected);
  });
});
