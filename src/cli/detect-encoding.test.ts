import fc from "fast-check";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { detectEncoding } from "./detect-encoding.js";

describe("detectEncoding", () => {
  it("recognises byte-order marks", () => {
    expect(detectEncoding(new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0x3b]))).toBe("utf-8-bom");
    expect(detectEncoding(new Uint8Array([0xff, 0xfe, 0x61, 0x00]))).toBe("utf-16le");
  });

  it("tells UTF-8 from Windows-1252 on French accents", () => {
    const text = "nom;commune\nHélène;Orléans\nFrançois;Saint-Étienne\nŒuvre;€\n";
    expect(detectEncoding(Buffer.from(text, "utf8"))).toBe("utf-8");
    expect(detectEncoding(iconv.encode(text, "win1252"))).toBe("windows-1252");
    expect(detectEncoding(Buffer.from("lon;lat\n1.4;43.5\n"))).toBe("utf-8");
    expect(detectEncoding(new Uint8Array())).toBe("utf-8");
  });

  it("does not hold a multi-byte character cut by the end of the sample against UTF-8", () => {
    const bytes = Buffer.from("abc é", "utf8");
    expect(detectEncoding(bytes.subarray(0, bytes.length - 1))).toBe("utf-8");
    expect(detectEncoding(bytes.subarray(0, bytes.length - 1), true)).toBe("windows-1252");
  });

  it("property: any UTF-8 text is UTF-8; any Windows-1252 text with an accent is Windows-1252", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (text) => {
        expect(detectEncoding(Buffer.from(text, "utf8"))).toBe("utf-8");
      }),
    );
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom("a", "b", ";", " ", "1") }),
        fc.constantFrom("é", "è", "à", "ç", "ô", "É", "€", "œ"),
        (text, accent) => {
          expect(detectEncoding(iconv.encode(`${text}${accent}${text}`, "win1252"), true)).toBe("windows-1252");
        },
      ),
    );
  });
});
