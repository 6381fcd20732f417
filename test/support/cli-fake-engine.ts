import { DeclicsError } from "../../src/errors.js";
import type { EligibilityResult, EligibilitySubject } from "../../src/territory/index.js";
import type { CliEngine, PointBatch, RowAnswer } from "../../src/cli/engine.js";
import { resultFields } from "../../src/cli/result-columns.js";

/**
 * A stand-in territory engine for the CLI's own in-process tests (pipeline, CSV fidelity, order): points west
 * of 1.40° E are "eligible" in a made-up zone, others "not_eligible"; a latitude below 10 with a longitude above
 * 40 is "swapped"; `codeInsee` 99999 is unknown. Never used by the built CLI (which runs the real engine).
 * @module
 */

function result(subject: EligibilitySubject, on: string): EligibilityResult {
  const inside = "lon" in subject && subject.lon < 1.4;
  return {
    status: inside ? "eligible" : "not_eligible",
    on,
    point: "lon" in subject ? { lon: subject.lon, lat: subject.lat } : null,
    territoryKind: inside ? "qpv" : "other",
    bases: [],
    commune: { codeInsee: "codeInsee" in subject ? subject.codeInsee : "31555", name: "Toulouse", foundBy: "code" },
    qpv: {
      regime: "qpv2024",
      status: inside ? "inside" : "outside",
      zone: inside ? { code: "QN03107M", name: 'Grand Mirail; "test"' } : null,
      distanceToBoundaryM: 12.4,
    },
    rural: { regime: "frr", status: "not_classified", classification: null },
    distanceToBoundaryM: { qpv: 12.4, commune: null },
    reasons: [{ code: inside ? "in_qpv" : "outside_qpv", message: "…" }],
  };
}

function answer(subject: EligibilitySubject, on: string): RowAnswer {
  if ("codeInsee" in subject && subject.codeInsee === "99999") {
    return new DeclicsError({
      code: "unknown_code",
      module: "territory",
      details: { kind: "codeInsee", received: "99999" },
    });
  }
  if ("lat" in subject && subject.lat < 10 && subject.lon > 40) {
    return new DeclicsError({
      code: "swapped_coordinates",
      module: "territory",
      details: { lon: subject.lon, lat: subject.lat, system: "wgs84" },
    });
  }
  return resultFields(result(subject, on));
}

/** Creates the fake engine; `calls` counts the points it was asked about. */
export function createFakeEngine(): CliEngine & { calls: { points: number; subjects: number } } {
  const calls = { points: 0, subjects: 0 };
  return {
    calls,
    async check(subject, on) {
      if ("address" in subject) return result({ lon: 1.39, lat: 43.57 }, on);
      return result(subject, on);
    },
    checkPoints(points: PointBatch, on: string): RowAnswer[] {
      calls.points += points.count;
      const out: RowAnswer[] = [];
      for (let i = 0; i < points.count; i++) {
        out.push(
          "lon" in points
            ? answer({ lon: points.lon[i]!, lat: points.lat[i]! }, on)
            : answer({ x: points.x[i]!, y: points.y[i]! }, on),
        );
      }
      return out;
    },
    checkSubjects(subjects, on): RowAnswer[] {
      calls.subjects += subjects.length;
      return subjects.map((s) => answer(s, on));
    },
    outlines: () => ({ qpv: null, commune: null }),
  };
}
