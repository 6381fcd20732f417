// Pins the exact output of simulateAssessment (three designs, the level-confidence stop, Sympson-Hetter)
// and of recommendOrientation on a grid of profiles, so that a change to the simulation loop or to the
// orientation pipeline cannot move a number unnoticed. Generated from the code before these functions were
// split; regenerate after a deliberate change with UPDATE_GOLDEN=1 and review the diff.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createSimulatedBank, DEFAULT_FRAMEWORK, recommendOrientation, simulateAssessment } from "./index.js";

const here = dirname(fileURLToPath(import.meta.url));
const goldenPath = join(here, "__fixtures__", "simulation-orientation-golden.json");
const bank = createSimulatedBank({ seed: "golden-sim", items: 60, model: "3pl" });
const form = bank.items.slice(0, 12).map((i) => i.id as string);

function simulated(design: Parameters<typeof simulateAssessment>[1]["design"], session = {}): unknown {
  const r = simulateAssessment(bank, { seed: "g", design, examinees: 25, length: 12, session });
  return {
    ...r,
    trueTheta: [...r.trueTheta],
    theta: [...r.theta],
    se: [...r.se],
    length: [...r.length],
    lengthToSeTarget: [...r.lengthToSeTarget],
  };
}

const competences = DEFAULT_FRAMEWORK.areas.flatMap((a) => a.competences.map((c) => c.id as string));
const cases = {
  adaptive: simulated({ kind: "adaptive" }),
  adaptiveLevelStop: simulated({ kind: "adaptive" }, { levelConfidence: 0.8, seThreshold: null }),
  adaptiveSympsonHetter: simulated(
    { kind: "adaptive" },
    { exposure: { method: "sympson_hetter", parameters: { [form[2]!]: 0.2 } } },
  ),
  fixed: simulated({ kind: "fixed", itemIds: form }),
  random: simulated({ kind: "random" }),
  orientation: [-1.5, 0, 0.8, 2].flatMap((theta) =>
    [0.25, 0.6].map((se) =>
      recommendOrientation({
        overall: { theta, se },
        competences: Object.fromEntries(
          competences.map((c, i) => [c, { theta: theta + (i % 5) * 0.3 - 0.6, se: se + (i % 3) * 0.15 }]),
        ),
      }),
    ),
  ),
};

describe("simulateAssessment and recommendOrientation golden output", () => {
  if (process.env["UPDATE_GOLDEN"] === "1") writeFileSync(goldenPath, `${JSON.stringify(cases, null, 2)}\n`);
  const golden = JSON.parse(readFileSync(goldenPath, "utf8")) as typeof cases;

  it.each(Object.keys(cases) as (keyof typeof cases)[])("%s is unchanged to the last digit", (name) => {
    expect(JSON.parse(JSON.stringify(cases[name]))).toEqual(golden[name]);
  });
});
