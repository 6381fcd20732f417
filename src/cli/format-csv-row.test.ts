import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { quoteCsvField as quoteField } from "../_lib/csv.js";
import { formatCsvRow } from "./format-csv-row.js";

describe("formatCsvRow", () => {
  it("quotes only what needs quoting", () => {
    expect(quoteField("simple", ";")).toBe("simple");
    expect(quoteField("a,b", ";")).toBe("a,b");
    expect(quoteField("a;b", ";")).toBe('"a;b"');
    expect(quoteField('dit "Jo"', ",")).toBe('"dit ""Jo"""');
    expect(quoteField("ligne 1\nligne 2", ",")).toBe('"ligne 1\nligne 2"');
    expect(formatCsvRow(["a", "b;c", ""], ";")).toBe('a;"b;c";');
  });

  it("property: csv-parse reads back exactly the fields written", () => {
    const field = fc.string({ unit: fc.constantFrom("a", "é", " ", ";", ",", "\t", '"', "\n", "\r\n", "1") });
    fc.assert(
      fc.property(
        fc.constantFrom(",", ";", "\t"),
        fc.array(fc.array(field, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 10 }),
        (d, rows) => {
          const width = rows[0]?.length ?? 2;
          const table = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ""));
          const text = table.map((r) => formatCsvRow(r, d)).join("\n");
          const back = parse(text, { delimiter: d, relax_column_count: true }) as string[][];
          // A row of one empty field is written as an empty line, which csv-parse skips by default.
          expect(back).toEqual(table.filter((r) => !(r.length === 1 && r[0] === "")));
        },
      ),
    );
  });
});
