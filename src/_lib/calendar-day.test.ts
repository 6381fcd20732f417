import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type DeclicsError, isDeclicsError } from "../errors.js";
import { formatDeclicsError } from "../format-declics-error.js";
import {
  calendarDayIn,
  calendarDayOf,
  dayOutOfRange,
  isCalendarDay,
  IsoDate,
  parseCalendarDay,
  readDayInput,
  utcMidnightOf,
} from "./calendar-day.js";

describe("parseCalendarDay", () => {
  it("reads a day that exists, and nothing else", () => {
    expect(parseCalendarDay("2025-01-01")).toEqual({ iso: "2025-01-01", num: 20250101 });
    expect(parseCalendarDay("2024-02-29")?.num).toBe(20240229);
    for (const bad of [
      "2025-02-30",
      "2023-02-29",
      "1/5/2025",
      "2025-1-5",
      "2025-01-01T00:00:00Z",
      " 2025-01-01",
      "2025-13-01",
      "2025-00-10",
      "+2025-01-01",
      "",
    ]) {
      expect(parseCalendarDay(bad)).toBeNull();
    }
  });

  it("round-trips every day of the Gregorian calendar (property)", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("0001-01-01T00:00:00Z"), max: new Date("9999-12-31T00:00:00Z"), noInvalidDate: true }),
        (date) => {
          const iso = date.toISOString().slice(0, 10);
          const day = parseCalendarDay(iso);
          expect(day?.iso).toBe(iso);
          expect(utcMidnightOf(day!)).toBe(Date.parse(`${iso}T00:00:00Z`));
        },
      ),
    );
  });
});

describe("calendarDayIn", () => {
  it("reads an instant as the day of a time zone", () => {
    const newYearInReunion = Date.parse("2024-12-31T20:00:00Z"); // 00:00 in Indian/Reunion (UTC+4)
    expect(calendarDayIn(newYearInReunion, "Indian/Reunion").iso).toBe("2025-01-01");
    expect(calendarDayIn(newYearInReunion, "Europe/Paris").iso).toBe("2024-12-31");
    expect(calendarDayIn(newYearInReunion, "America/Guadeloupe").iso).toBe("2024-12-31");
    expect(calendarDayIn(Date.parse("2025-01-01T09:59:00Z"), "Pacific/Tahiti").iso).toBe("2024-12-31");
    expect(calendarDayIn(Date.parse("2025-01-01T10:00:00Z"), "Pacific/Tahiti").iso).toBe("2025-01-01");
    // Daylight saving: 2024-03-31 01:30 UTC is 03:30 in Paris (summer time), still the 31st.
    expect(calendarDayIn(Date.parse("2024-03-30T23:30:00Z"), "Europe/Paris").iso).toBe("2024-03-31");
  });

  it("agrees with Intl for every instant and zone (property)", () => {
    const zones = [
      "Europe/Paris",
      "Indian/Reunion",
      "America/Cayenne",
      "Pacific/Tahiti",
      "Pacific/Noumea",
      "Pacific/Wallis",
      "America/Miquelon",
    ];
    fc.assert(
      fc.property(
        fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2100-01-01T00:00:00Z"), noInvalidDate: true }),
        fc.constantFrom(...zones),
        (date, timeZone) => {
          const expected = new Intl.DateTimeFormat("en-CA", {
            timeZone,
            year: "numeric",
            month: "2-digit",
            day: "2-digit",
          }).format(date);
          expect(calendarDayIn(date.getTime(), timeZone).iso).toBe(expected);
        },
      ),
    );
  });
});

describe("readDayInput", () => {
  it("takes a calendar day or a valid Date", () => {
    expect(readDayInput("2025-01-01", "on", "territory")).toEqual({ kind: "day", day: calendarDayOf(2025, 1, 1) });
    expect(readDayInput(new Date(5), "on", "territory")).toEqual({ kind: "instant", time: 5 });
  });

  it.each([
    ["2025-02-30"],
    ["1/5/2025"],
    [new Date("nope")],
    [20250101],
    [null],
    [undefined],
    [{}],
    [Object.create(Date.prototype)],
  ])("refuses %o with invalid_input naming the field", (value) => {
    try {
      readDayInput(value, "sessionDay", "curriculum");
      expect.unreachable();
    } catch (error) {
      expect(isDeclicsError(error, "invalid_input")).toBe(true);
      expect((error as Error).message).toMatch(/^Invalid sessionDay: expected a calendar day "YYYY-MM-DD"/);
      expect(formatDeclicsError(error as DeclicsError, { language: "fr" })).toMatch(
        /^Entrée invalide : sessionDay : attendu un jour "AAAA-MM-JJ" qui existe/,
      );
      expect((error as { details: { issues: { path: string }[] } }).details.issues[0]?.path).toBe("sessionDay");
    }
  });

  it("builds its range error with the range and the time zone", () => {
    const error = dayOutOfRange("on", "territory", "2014-12-31", "2015-01-01", "2099-12-31", "Indian/Reunion");
    expect(error.code).toBe("date_out_of_range");
    expect(error.message).toContain("from 2015-01-01 to 2099-12-31, received 2014-12-31 (read in Indian/Reunion)");
    expect(formatDeclicsError(error, { language: "fr" })).toContain(
      "du 2015-01-01 au 2099-12-31, reçu 2014-12-31 (lue dans le fuseau Indian/Reunion)",
    );
  });
});

describe("IsoDate and isCalendarDay (the one schema of a day)", () => {
  it("accepts the days that exist and refuses the rest, with a message", () => {
    expect(IsoDate.parse("2024-02-29")).toBe("2024-02-29");
    for (const bad of [
      "2025-02-30",
      "2023-02-29",
      "1/5/2025",
      "2025-1-5",
      "2025-01-01T00:00:00Z",
      "２０２５-01-01",
      "2025-13-01",
    ]) {
      expect(IsoDate.safeParse(bad).success, bad).toBe(false);
      expect(isCalendarDay(bad), bad).toBe(false);
    }
    expect(IsoDate.safeParse(new Date()).success).toBe(false);
    expect(IsoDate.safeParse("2025-02-30").error?.issues[0]?.message).toMatch(/exists/);
  });

  it("property: isCalendarDay agrees with parseCalendarDay on any string and any YYYY-MM-DD", () => {
    const digits = (n: number) => fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: n, maxLength: n });
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.tuple(digits(4), digits(2), digits(2)).map(([y, m, d]) => `${y}-${m}-${d}`),
        ),
        (text) => {
          expect(isCalendarDay(text)).toBe(parseCalendarDay(text) !== null);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
