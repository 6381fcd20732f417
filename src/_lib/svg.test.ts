import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { wellFormedProblems } from "../../test/support/well-formed.js";
import { escapeXml, XML_ILLEGAL } from "./svg.js";

const inElement = (text: string): string => `<t a="${escapeXml(text)}" b='${escapeXml(text)}'>${escapeXml(text)}</t>`;

describe("escapeXml", () => {
  it("escapes the five markup characters", () => {
    expect(escapeXml(`<a href="x">Tom & 'Jo'</a>`)).toBe(
      "&lt;a href=&quot;x&quot;&gt;Tom &amp; &apos;Jo&apos;&lt;/a&gt;",
    );
    expect(escapeXml("&amp;")).toBe("&amp;amp;");
  });

  it("drops the characters XML 1.0 forbids: C0 controls, U+FFFE/U+FFFF, lone surrogates", () => {
    expect(escapeXml("a\u0000b\u0007c\u001Fd\uFFFEe\uFFFF")).toBe("abcde");
    expect(escapeXml("x\uD800y")).toBe("xy");
    expect(escapeXml("x\uDC00y")).toBe("xy");
    expect(escapeXml("\uDC00\uD800")).toBe("");
  });

  it("keeps tab, line breaks, accents and astral characters (paired surrogates)", () => {
    expect(escapeXml("Île-de-France\t\r\n😀 Mayotte")).toBe("Île-de-France\t\r\n😀 Mayotte");
  });

  it("a document holding a forbidden character is caught by the test checker (the checker can fail)", () => {
    expect(wellFormedProblems(`<t>\u0001</t>`)).toContain("character not allowed in XML 1.0");
    expect(wellFormedProblems(`<t>a & b</t>`).length).toBeGreaterThan(0);
  });

  it("property: any text (binary units, lone surrogates, quotes, markup) gives a well-formed element", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        expect(wellFormedProblems(inElement(text))).toEqual([]);
        expect(escapeXml(text).search(XML_ILLEGAL)).toBe(-1);
      }),
      { numRuns: 500 },
    );
  });

  it("property: text with nothing to escape is left as is", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-zÀ-ÿ0-9 .,;:!?()-]*$/), (text) => {
        expect(escapeXml(text)).toBe(text);
      }),
    );
  });
});
