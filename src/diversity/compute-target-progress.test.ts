import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSeededRandom } from "../_lib/random.js";
import { people, person } from "../../test/support/make-participants.js";
import { syntheticParticipants } from "../../test/support/synthetic-participants.js";
import { computeTargetProgress } from "./compute-target-progress.js";

describe("computeTargetProgress", () => {
  const records = [
    ...people(100, { start: "2020-10-01" }),
    ...people(300, { start: "2021-03-15" }),
    ...people(50, { start: "2021-07-01", upTo: "hired" }),
  ];
  const options = {
    target: 5000,
    start: "2020-09-28",
    deadline: "2021-12-31",
    checkpoints: ["2021-06-30", "2020-12-31"],
  };

  it("cumulative counts, share of target and a steady-pace comparison at each checkpoint", () => {
    const p = computeTargetProgress(records, options);
    expect(p.points.map((x) => [x.on, x.reached])).toEqual([
      ["2020-12-31", 100],
      ["2021-06-30", 400],
    ]);
    // 2020-09-28 -> 2021-12-31 is 459 days; -> 2020-12-31 is 94 days.
    expect(p.points[0]?.expected).toBeCloseTo((5000 * 94) / 459, 10);
    expect(p.points[0]?.shareOfTarget).toBe(0.02);
    expect(p.points[0]?.onTrack).toBe(false);
    expect(p.remaining).toBe(4600);
    // 2021-06-30 -> 2021-12-31: 184 days.
    expect(p.requiredPerDay).toBeCloseTo(4600 / 184, 10);
    // 400 people in 275 days, extended to 459 days.
    expect(p.projectedAtDeadline).toBeCloseTo((400 * 459) / 275, 10);
  });

  it("counts people from the date of the stage, or of a later stage", () => {
    const hired = computeTargetProgress(records, {
      ...options,
      stage: "hired",
      target: 100,
      checkpoints: ["2021-12-31"],
    });
    expect(hired.points[0]?.reached).toBe(50);
    const hiredOnly = { ...person(), stages: [{ stage: "hired" as const, on: "2021-02-01" }] };
    expect(
      computeTargetProgress([hiredOnly], { ...options, checkpoints: ["2021-01-31", "2021-02-01"] }).points.map(
        (x) => x.reached,
      ),
    ).toEqual([0, 1]);
  });

  it("a checkpoint at the deadline has no required pace, said so", () => {
    expect(computeTargetProgress(records, { ...options, checkpoints: ["2021-12-31"] }).requiredPerDay).toMatchObject({
      computable: false,
      reason: "zero_denominator",
    });
    expect(() => computeTargetProgress(records, { ...options, deadline: "2020-01-01" })).toThrow(/deadline/);
  });

  it("property: the cumulative count never decreases and never exceeds the records", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 200 }), (seed, n) => {
        const p = computeTargetProgress(syntheticParticipants(n, createSeededRandom(seed)), {
          target: 200,
          start: "2020-09-01",
          deadline: "2022-01-01",
          checkpoints: ["2020-12-31", "2021-03-31", "2021-06-30", "2021-12-31"],
        });
        for (let k = 1; k < p.points.length; k++)
          expect(p.points[k]?.reached).toBeGreaterThanOrEqual(p.points[k - 1]?.reached ?? 0);
        expect(p.points[p.points.length - 1]?.reached).toBeLessThanOrEqual(n);
      }),
      { numRuns: 30 },
    );
  });
  it("takes Dates, read in the timeZone option (records: in their overseas département's zone), and says so", () => {
    // Local midnight of 1 January 2021 in La Réunion: still 31 December in Paris.
    const newYearReunion = new Date("2020-12-31T20:00:00Z");
    const records = [
      person({ start: "2020-12-31" }),
      { ...person(), departement: "974", stages: [{ stage: "registered" as const, on: newYearReunion }] },
    ];
    const options = { target: 10, start: "2020-09-28", deadline: "2021-12-31", checkpoints: ["2020-12-31"] };
    const asDays = computeTargetProgress(records, options);
    expect(asDays.points[0]?.reached).toBe(1);
    expect(asDays.timeZone).toBeNull();
    expect(asDays.start).toBe("2020-09-28");
    const asDates = computeTargetProgress(records, {
      ...options,
      checkpoints: [newYearReunion],
      timeZone: "Indian/Reunion",
    });
    expect(asDates.points[0]).toMatchObject({ on: "2021-01-01", reached: 2 });
    expect(asDates.timeZone).toBe("Indian/Reunion");
    const inParis = computeTargetProgress(records, { ...options, checkpoints: [newYearReunion] });
    expect(inParis.points[0]).toMatchObject({ on: "2020-12-31", reached: 1 });
    expect(inParis.timeZone).toBe("Europe/Paris");
  });

  it("names a malformed date option, and a record's malformed Date", () => {
    const options = { target: 10, start: "2020-09-28", deadline: "2021-12-31", checkpoints: ["2020-12-31"] };
    expect(() => computeTargetProgress([], { ...options, deadline: "2021-02-30" })).toThrow(/deadline/);
    expect(() => computeTargetProgress([], { ...options, checkpoints: ["31/12/2020"] })).toThrow(/checkpoints\.0/);
    const bad = { ...person(), stages: [{ stage: "registered" as const, on: new Date(Number.NaN) }] };
    expect(() => computeTargetProgress([person(), bad], options)).toThrow(/participant record.*1\.stages\.0\.on/);
  });
});
