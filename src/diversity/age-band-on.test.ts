import fc from "fast-check";
import { describe, expect, it } from "vitest";
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
