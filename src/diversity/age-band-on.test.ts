import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { calendarDayIn } from "../_lib/calendar-day.js";
import { isDeclicsError } from "../errors.js";
import { ageBandOn } from "./age-band-on.js";

describe("ageBandOn", () => {
  it("uses completed years on the reference date", () => {
    expect(ageBandOn("1994-09-29", "2020-09-28")).toBe("under_26"); // 25 the day before the 26th birthday
    expect(ageBandOn("1994-09-28", "2020-09-28")).toBe("26_49"); // 26 on the birthday
    expect(ageBandOn("1970-09-28", "2020-09-28")).toBe("50_plus");
    expect(ageBandOn("1970-09-29", "2020-09-28")).toBe("26_49");
    expect(ageBandOn("2000-02-29", "2026-02-28")).toBe("under_26");
    expect(ageBandOn("2000-02-29", "2026-03-01")).toBe("26_49");
  });
  it("rejects malformed or inverted dates", () => {
    expect(() => ageBandOn("28/09/1994", "2020-09-28")).toThrow(/birthDate/);
    expect(() => ageBandOn("2020-09-29", "2020-09-28")).toThrow(/on/);
  });
  it("reads a Date as the calendar day in the time zone option (default Europe/Paris)", () => {
    // 2020-09-28T20:00Z is 22:00 on the 28th in Paris and midnight of the 29th in La Réunion.
    const instant = new Date("2020-09-28T20:00:00Z");
    expect(ageBandOn("1994-09-29", instant)).toBe("under_26");
    expect(ageBandOn("1994-09-29", instant, { timeZone: "Indian/Reunion" })).toBe("26_49");
    expect(ageBandOn(new Date("1994-09-28T23:00:00Z"), "2020-09-28")).toBe("under_26"); // 29 Sept. in Paris (UTC+1 then)
    expect(ageBandOn(new Date("1994-09-28T23:00:00Z"), "2020-09-28", { timeZone: "UTC" })).toBe("26_49");
  });
  it("names the malformed field: impossible days, other formats, invalid Dates, unknown zones", () => {
    const fails = (run: () => unknown, field: RegExp) => {
      try {
        run();
      } catch (error) {
        expect(isDeclicsError(error) && error.code).toBe("invalid_input");
        expect((error as Error).message).toMatch(field);
        return;
      }
      throw new Error("expected an error");
    };
    fails(() => ageBandOn("1994-02-30", "2020-09-28"), /birthDate/);
    fails(() => ageBandOn("1994-09-28", "1/5/2025"), /\bon\b.*YYYY-MM-DD.*Date/);
    fails(() => ageBandOn("1994-09-28", new Date(Number.NaN)), /\bon\b/);
    fails(() => ageBandOn("1994-09-28", 20200928 as unknown as string), /\bon\b/);
    fails(() => ageBandOn("1994-09-28", "2020-09-28", { timeZone: "Mars/Olympus" }), /timeZone/);
  });
  it("property: a Date and its calendar day in the zone give the same band", () => {
    const zone = fc.constantFrom("Europe/Paris", "Indian/Reunion", "America/Guadeloupe", "Pacific/Tahiti", "UTC");
    const instant = fc.date({
      min: new Date("1990-01-01T00:00:00Z"),
      max: new Date("2030-12-31T00:00:00Z"),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(instant, zone, (on, timeZone) => {
        const day = calendarDayIn(on.getTime(), timeZone).iso;
        expect(ageBandOn("1980-06-15", on, { timeZone })).toBe(ageBandOn("1980-06-15", day));
      }),
    );
  });
  it("property: the band never goes down as the reference date moves on", () => {
    const order = ["under_26", "26_49", "50_plus"];
    const date = fc
      .date({ min: new Date("1940-01-01T00:00:00Z"), max: new Date("2030-12-31T00:00:00Z"), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(date, date, date, (birth, a, b) => {
        const [x, y] = a < b ? [a, b] : [b, a];
        fc.pre(birth <= x);
        expect(order.indexOf(ageBandOn(birth, x))).toBeLessThanOrEqual(order.indexOf(ageBandOn(birth, y)));
      }),
    );
  });
});
