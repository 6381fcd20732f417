import fc from "fast-check";
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { isDeclicsError } from "../errors.js";
import { seedCohort } from "./__fixtures__/seed-cohort.js";
import { formatIcs } from "./format-ics.js";
import { PARCOURS_EXPRESS } from "./parcours-express.js";
import { planCohort } from "./plan-cohort.js";
import { replanCohort } from "./replan-cohort.js";
import type { ParcoursTemplateInput } from "./schema.js";

const stamp = new Date("2020-09-20T08:00:00Z");

interface Parsed {
  uid: string;
  sequence: number;
  status: string;
  summary: string;
  startUtc: string;
  endUtc: string;
  tzid: string | undefined;
}

/** Parses an .ics back with ical.js (registering its VTIMEZONE) and returns its events. */
function parse(ics: string): { events: Parsed[]; timezones: ICAL.Component[] } {
  const root = new ICAL.Component(ICAL.parse(ics));
  const timezones = root.getAllSubcomponents("vtimezone");
  for (const tz of timezones) ICAL.TimezoneService.register(tz);
  const events = root.getAllSubcomponents("vevent").map((ve) => {
    const e = new ICAL.Event(ve);
    return {
      uid: e.uid,
      sequence: e.sequence,
      status: String(ve.getFirstPropertyValue("status")),
      summary: e.summary,
      startUtc: e.startDate.toJSDate().toISOString(),
      endUtc: e.endDate.toJSDate().toISOString(),
      tzid: e.startDate.zone?.tzid,
    };
  });
  return { events, timezones };
}

const dstTemplate: ParcoursTemplateInput = {
  id: "dst",
  title: "Autour du changement d'heure",
  workingDays: 4,
  phases: [{ id: "all", title: "Tout", fromDay: 1, toDay: 4 }],
  activities: [
    { id: "one", kind: "workshop", title: "Atelier 1", phaseId: "all", durationMinutes: 180, maxGroupSize: 10 },
    {
      id: "two",
      kind: "workshop",
      title: "Atelier 2",
      phaseId: "all",
      durationMinutes: 180,
      maxGroupSize: 10,
      prerequisites: ["one"],
    },
    {
      id: "three",
      kind: "workshop",
      title: "Atelier 3",
      phaseId: "all",
      durationMinutes: 180,
      maxGroupSize: 10,
      prerequisites: ["two"],
    },
  ],
};

describe("formatIcs", () => {
  const seedPlan = planCohort(PARCOURS_EXPRESS, seedCohort());

  it("exports the cohort calendar with one event per session, CRLF lines folded at 75 octets", () => {
    const ics = formatIcs(seedPlan, { stamp });
    expect(ics.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")).toBe(true);
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    const encoder = new TextEncoder();
    for (const line of ics.split("\r\n")) expect(encoder.encode(line).length).toBeLessThanOrEqual(75);
    const { events } = parse(ics);
    expect(events.length).toBe(seedPlan.sessions.length);
    for (const [i, s] of seedPlan.sessions.entries()) {
      expect(events[i]).toMatchObject({
        uid: `${s.id}.toulouse-2020@declics`,
        sequence: 0,
        status: "CONFIRMED",
        startUtc: s.startUtc,
        endUtc: s.endUtc,
        tzid: "Europe/Paris",
      });
    }
  });

  it("exports one participant's and one resource's calendar", () => {
    const person = parse(formatIcs(seedPlan, { stamp, audience: { participantId: "p007" } })).events;
    expect(person.length).toBe(PARCOURS_EXPRESS.activities.length);
    const room = parse(formatIcs(seedPlan, { stamp, audience: { resourceId: "lab-2" } })).events;
    expect(room.length).toBe(seedPlan.sessions.filter((s) => s.roomId === "lab-2").length);
    expect(() => formatIcs(seedPlan, { stamp, audience: { participantId: "nobody" } })).toThrow(/participant/);
  });

  it("gives UTC instants right across the October DST change (2020-10-25), under any process TZ", () => {
    const plan = planCohort(
      dstTemplate,
      {
        id: "dst-2020",
        title: "DST",
        startDate: "2020-10-22",
        participants: [{ id: "a" }, { id: "b" }],
        resources: [
          { id: "room", kind: "room", name: "Salle", capacity: 10 },
          { id: "f", kind: "facilitator", name: "F", unavailableDays: ["2020-10-22", "2020-10-23"] },
        ],
      },
      { load: "earliest" },
    );
    expect(plan.sessions.map((s) => `${s.date} ${s.start}`)).toEqual([
      "2020-10-26 09:00",
      "2020-10-26 13:30",
      "2020-10-27 09:00",
    ]);
    const before = planCohort(
      dstTemplate,
      { ...plan.cohort, resources: [plan.cohort.resources[0]!, { id: "f", kind: "facilitator", name: "F" }] },
      { load: "earliest" },
    );
    const all = [...parse(formatIcs(before, { stamp })).events, ...parse(formatIcs(plan, { stamp })).events];
    expect(all.map((e) => e.startUtc)).toEqual([
      "2020-10-22T07:00:00.000Z", // 09:00 CEST (UTC+2)
      "2020-10-22T11:30:00.000Z",
      "2020-10-23T07:00:00.000Z",
      "2020-10-26T08:00:00.000Z", // 09:00 CET (UTC+1)
      "2020-10-26T12:30:00.000Z",
      "2020-10-27T08:00:00.000Z",
    ]);
  });

  it("describes overseas time zones without DST with a single observance", () => {
    const plan = planCohort(dstTemplate, {
      id: "cayenne",
      title: "Cayenne",
      startDate: "2024-06-10",
      calendarZone: "guyane",
      participants: [{ id: "a" }],
      resources: [
        { id: "room", kind: "room", name: "Salle", capacity: 10 },
        { id: "f", kind: "facilitator", name: "F" },
      ],
    });
    const { events, timezones } = parse(formatIcs(plan, { stamp }));
    expect(timezones[0]?.getFirstPropertyValue("tzid")).toBe("America/Cayenne");
    expect(timezones[0]?.getAllSubcomponents().length).toBe(1);
    expect(events[0]?.startUtc).toBe("2024-06-11T12:00:00.000Z");
  });

  it("keeps UIDs stable across re-plans, increments SEQUENCE on change and marks cancellations", () => {
    const target = seedPlan.sessions.find((s) => s.activityId === "workshop-first-code" && s.modality === "on_site");
    if (target === undefined) throw new Error("fixture");
    const next = replanCohort(seedPlan, { kind: "cancel_session", sessionId: target.id });
    const a = new Map(parse(formatIcs(seedPlan, { stamp })).events.map((e) => [e.uid, e]));
    const b = new Map(parse(formatIcs(next, { stamp })).events.map((e) => [e.uid, e]));
    const uid = `${target.id}.toulouse-2020@declics`;
    expect(b.get(uid)).toMatchObject({ status: "CANCELLED", sequence: 1 });
    const changed = new Set((next.changes ?? []).map((c) => `${c.sessionId}.toulouse-2020@declics`));
    for (const [id, event] of a) {
      const after = b.get(id);
      expect(after).toBeDefined();
      expect(after?.sequence).toBe(changed.has(id) ? event.sequence + 1 : event.sequence);
    }
    const who = target.participantIds[0] as string;
    const personal = parse(formatIcs(next, { stamp, audience: { participantId: who } })).events;
    expect(personal.find((e) => e.uid === uid)?.status).toBe("CANCELLED");
    expect(personal.filter((e) => e.status === "CONFIRMED").length).toBeLessThanOrEqual(
      PARCOURS_EXPRESS.activities.length,
    );
    const withoutCancelled = parse(formatIcs(next, { stamp, includeCancelled: false })).events;
    expect(withoutCancelled.some((e) => e.uid === uid)).toBe(false);
  });

  it("rejects a missing stamp with invalid_input", () => {
    try {
      formatIcs(seedPlan, {} as never);
      expect.unreachable();
    } catch (error) {
      expect(isDeclicsError(error, "invalid_input")).toBe(true);
    }
  });

  it("property: any title survives escaping and folding, and no line exceeds 75 octets", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ minLength: 1, maxLength: 300, unit: "grapheme" }),
          fc.string({ minLength: 1, maxLength: 100, unit: "binary" }),
        ),
        (title) => {
          const template = { ...dstTemplate, activities: dstTemplate.activities.map((a) => ({ ...a, title })) };
          const plan = planCohort(template, {
            id: "t",
            title: "T",
            startDate: "2024-01-08",
            participants: [{ id: "a" }],
            resources: [
              { id: "f", kind: "facilitator", name: "F" },
              { id: "r", kind: "room", name: "R", capacity: 3 },
            ],
          });
          const ics = formatIcs(plan, { stamp });
          const encoder = new TextEncoder();
          for (const line of ics.split("\r\n")) expect(encoder.encode(line).length).toBeLessThanOrEqual(75);
          const expected = title.replace(/\r\n|\r|\n/g, "\n").replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "");
          expect(parse(ics).events.map((e) => e.summary)).toEqual([expected, expected, expected]);
        },
      ),
      { numRuns: 60 },
    );
  });
});
