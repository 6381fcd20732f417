import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCalendarDate, parseDecimal } from "./parse-cell.js";

describe("parseDecimal", () => {
  it("reads dots, commas, spaces as thousands separators and signs", () => {
    expect(parseDecimal("43,5712")).toBe(43.5712);
    expect(parseDecimal(" -1.5536 ")).toBe(-1.5536);
    expect(parseDecimal("570 478,21")).toBe(570478.21);
    expect(parseDecimal("570\u00a0478,21")).toBe(570478.21);
    expect(parseDecimal("1e3")).toBe(1000);
  });

  it("refuses garbage and ambiguity", () => {
    for (const bad of ["", " ", "n/a", "1,2,3", "1.234,5", "12abc", "--1", "NaN", "Infinity", "0x10"])
      expect(parseDecimal(bad)).toBeNaN();
  });

  it("property: any finite number written with a dot or a comma reads back", () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }),
        fc.boolean(),
        (value, comma) => {
          const text = String(value);
          fc.pre(!text.includes("e") && !Object.is(value, -0));
          expect(parseDecimal(comma ? text.replace(".", ",") : text)).toBe(value);
        },
      ),
    );
  });
});

describe("parseCalendarDate", () => {
  it("reads ISO and French dates, ignoring a time", () => {
    expect(parseCalendarDate("2024-05-01")).toBe("2024-05-01");
    expect(parseCalendarDate("01/05/2024")).toBe("2024-05-01");
    expect(parseCalendarDate("1/5/2024")).toBe("2024-05-01");
    expect(parseCalendarDate("01.05.2024 10:30")).toBe("2024-05-01");
    expect(parseCalendarDate("2024-05-01T10:30:00Z")).toBe("2024-05-01");
  });

  it("refuses impossible dates and garbage", () => {
    for (const bad of ["2024-02-30", "31/04/2024", "2023-02-29", "13/13/2024", "hier", "", "2024-5"])
      expect(parseCalendarDate(bad)).toBeNull();
    expect(parseCalendarDate("29/02/2024")).toBe("2024-02-29");
  });

  it("property: every real day round-trips in both notations", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("2100-12-31T00:00:00Z"), noInvalidDate: true }),
        (date) => {
          const iso = date.toISOString().slice(0, 10);
          const [y, m, d] = iso.split("-");
          expect(parseCalendarDate(iso)).toBe(iso);
          expect(parseCalendarDate(`${d}/${m}/${y}`)).toBe(iso);
        },
      ),
    );
  });
});
