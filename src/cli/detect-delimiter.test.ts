import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { detectDelimiter } from "./detect-delimiter.js";

describe("detectDelimiter", () => {
  it("finds semicolons even with comma decimals", () => {
    expect(detectDelimiter("nom;lon;lat\nA;1,4025;43,5712\nB;1,44;43,60\n")).toBe(";");
  });

  it("finds commas, tabs, and ignores delimiters inside quotes (also across lines)", () => {
    expect(detectDelimiter("lon,lat\n1.4,43.5\n")).toBe(",");
    expect(detectDelimiter("lon\tlat\n1,4\t43,5\n")).toBe("\t");
    expect(detectDelimiter('nom,adresse,cp\n"Dupont; Jean","1 rue X;\nbât. B",31000\nA,B,C\n')).toBe(",");
  });

  it("falls back to a comma for a single column", () => {
    expect(detectDelimiter("code_insee\n31555\n")).toBe(",");
    expect(detectDelimiter("")).toBe(",");
  });

  it("property: a generated table is read with the delimiter it was written with", () => {
    const cell = fc.string({ unit: fc.constantFrom("a", "b", "1", "2", " ", "é", "."), maxLength: 8 });
    fc.assert(
      fc.property(
        fc.constantFrom(",", ";", "\t"),
        fc.integer({ min: 2, max: 6 }),
        fc.integer({ min: 1, max: 10 }),
        fc.array(cell, { minLength: 60, maxLength: 60 }),
        (d, cols, rows, cells) => {
          const lines: string[] = [];
          for (let r = 0; r <= rows; r++)
            lines.push(Array.from({ length: cols }, (_, c) => cells[(r * cols + c) % cells.length]).join(d));
          expect(detectDelimiter(`${lines.join("\n")}\n`)).toBe(d);
        },
      ),
    );
  });
});
