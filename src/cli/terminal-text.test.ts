import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { excelSafeCell } from "./excel-safe.js";
import { sanitiseForTerminal } from "./terminal-text.js";

describe("sanitiseForTerminal", () => {
  it("makes escape sequences, C1 controls and bidi overrides visible, keeps line feeds and text", () => {
    expect(sanitiseForTerminal("nom\u001b[2J\u009b1m\u202e\nÉlodie")).toBe("nom\\x1B[2J\\x9B1m\\u{202E}\nÉlodie");
  });

  it("property: the result holds no control character but line feeds", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        expect(sanitiseForTerminal(text)).not.toMatch(
          /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/,
        );
      }),
    );
  });
});

describe("excelSafeCell (--excel-safe)", () => {
  it("prefixes cells a spreadsheet would run, leaves numbers and plain text alone", () => {
    expect(["=1+1", "+33 6", "@SUM(A1)", "\tx", "\rx", "-x"].map(excelSafeCell)).toEqual([
      "'=1+1",
      "'+33 6",
      "'@SUM(A1)",
      "'\tx",
      "'\rx",
      "'-x",
    ]);
    expect(["-1.5536", "+33", "-1,5", "1e5", "Dupont", ""].map(excelSafeCell)).toEqual([
      "-1.5536",
      "+33",
      "-1,5",
      "1e5",
      "Dupont",
      "",
    ]);
  });

  it("property: a safe cell never starts a formula, and only gains one leading apostrophe", () => {
    fc.assert(
      fc.property(fc.string(), (cell) => {
        const safe = excelSafeCell(cell);
        expect(safe === cell || safe === `'${cell}`).toBe(true);
        if (/^[=+@\t\r]/.test(safe)) expect(/^[+-]?\d/.test(safe)).toBe(true);
      }),
    );
  });
});
