import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { protectTable } from "./protect-table.js";
import { formatCsv } from "./format-csv.js";

describe("formatCsv", () => {
  it("quotes per RFC 4180 and ends lines with CRLF", () => {
    expect(formatCsv([{ commune: "Toulouse, centre", count: 12 }])).toBe('commune,count\r\n"Toulouse, centre",12\r\n');
    expect(formatCsv([{ label: 'say "hi"\nnow' }])).toBe('label\r\n"say ""hi""\nnow"\r\n');
  });
  it("French spreadsheets: semicolons and decimal commas", () => {
    expect(formatCsv([{ share: 0.25, label: "a;b" }], { delimiter: ";", decimal: "," })).toBe(
      'share;label\r\n0,25;"a;b"\r\n',
    );
  });
  it("suppressed cells are empty with their reason, never zero", () => {
    const csv = formatCsv(
      protectTable({
        rowDimension: "gender",
        columnDimension: "kind",
        rows: ["f"],
        columns: ["a", "b"],
        counts: [[3, 40]],
      }),
    );
    expect(csv.split("\r\n")[1]).toBe("f,a,,suppressed,secret_statistique");
  });
  it("property: csv-parse reads back exactly what was written", () => {
    const text = fc.string({ unit: fc.constantFrom("a", "é", ",", ";", '"', "\n", "\r", " ", "1") });
    fc.assert(
      fc.property(
        fc.array(fc.record({ a: text, b: text }), { minLength: 1, maxLength: 10 }),
        fc.constantFrom(",", ";", "\t") as fc.Arbitrary<"," | ";" | "\t">,
        (rows, delimiter) => {
          const back = parse(formatCsv(rows, { delimiter }), {
            columns: true,
            delimiter,
            record_delimiter: "\r\n",
          }) as Record<string, string>[];
          expect(back).toEqual(rows);
        },
      ),
    );
  });
});
