import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvSpecialCharacters, quoteCsvField } from "./csv.js";

describe("quoteCsvField", () => {
  it("quotes only what needs quoting, for each delimiter", () => {
    expect(quoteCsvField("simple", ";")).toBe("simple");
    expect(quoteCsvField("a,b", ";")).toBe("a,b");
    expect(quoteCsvField("a,b", ",")).toBe('"a,b"');
    expect(quoteCsvField("a;b", ";")).toBe('"a;b"');
    expect(quoteCsvField("a\tb", "\t")).toBe('"a\tb"');
    expect(quoteCsvField("a|b", "|")).toBe('"a|b"');
    expect(quoteCsvField('dit "Jo"', ",")).toBe('"dit ""Jo"""');
    expect(quoteCsvField("ligne 1\nligne 2", ",")).toBe('"ligne 1\nligne 2"');
    expect(quoteCsvField("fin\r", ",")).toBe('"fin\r"');
    expect(quoteCsvField("", ",")).toBe("");
  });

  it("writes formula-looking cells as data, unaltered (see the module note)", () => {
    for (const cell of ["=SUM(A1:A9)", "+33612345678", "-1.5", "@cmd", '=HYPERLINK("http://x")']) {
      const written = quoteCsvField(cell, ",");
      expect(parse(`${written}\r\n`, { delimiter: "," })).toEqual([[cell]]);
    }
    expect(quoteCsvField("=1+2", ";")).toBe("=1+2");
  });

  it("knows the special characters of the usual delimiters only", () => {
    expect(csvSpecialCharacters(";")?.test(";")).toBe(true);
    expect(csvSpecialCharacters(",")?.test(";")).toBe(false);
    expect(csvSpecialCharacters("|")).toBeNull();
  });

  it("property: any text (controls, lone surrogates, quotes) reads back the same with csv-parse", () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: "binary" }), { minLength: 2, maxLength: 5 }),
        fc.constantFrom(",", ";", "\t", "|"),
        (fields, delimiter) => {
          const line = `${fields.map((f) => quoteCsvField(f, delimiter)).join(delimiter)}\r\n`;
          const [read] = parse(line, { delimiter, relax_column_count: false }) as string[][];
          expect(read).toEqual(fields);
        },
      ),
    );
  });
});
