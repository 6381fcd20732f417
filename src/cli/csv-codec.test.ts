import { isUtf8 } from "node:buffer";
import fc from "fast-check";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { carryText, decodeWindows1252, isForeignCell, textOfCell, unencodableCharacter } from "./csv-codec.js";

describe("csv-codec: cells carried as bytes", () => {
  it("decodes Windows-1252, the five undefined bytes as C1 controls, and writes every byte back", () => {
    const all = Buffer.from(Array.from({ length: 256 }, (_, b) => b));
    const text = decodeWindows1252(all.toString("latin1"));
    expect(text.slice(0x80, 0x84)).toBe("€\u0081‚ƒ");
    expect(Buffer.from(carryText(text, "windows-1252"), "latin1")).toEqual(all);
    // The same as iconv-lite for every defined byte.
    for (let b = 0; b < 256; b++)
      if (![0x81, 0x8d, 0x8f, 0x90, 0x9d].includes(b)) expect(text[b]).toBe(iconv.decode(Buffer.from([b]), "win1252"));
  });

  it("reads a UTF-8 cell as UTF-8, and a stray Windows-1252 byte in it as Windows-1252 (flagged foreign)", () => {
    expect(textOfCell(Buffer.from("LOÏC").toString("latin1"), "utf-8")).toBe("LOÏC");
    expect(textOfCell("LO\u00cfC", "utf-8")).toBe("LOÏC");
    expect(isForeignCell("LO\u00cfC")).toBe(true);
    expect(isForeignCell(Buffer.from("LOÏC").toString("latin1"))).toBe(false);
  });

  it("names the first character an encoding cannot write", () => {
    expect(unencodableCharacter("Łukasz", "windows-1252")).toBe("Ł");
    expect(unencodableCharacter("Cœur €", "windows-1252")).toBeNull();
    expect(unencodableCharacter("a\ud800b", "utf-8")).toBe("\ud800");
    expect(unencodableCharacter("😀", "utf-8")).toBeNull();
  });

  it("property: any text round-trips through the UTF-8 carrier; any byte string through the Windows-1252 one", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), fc.uint8Array({ maxLength: 40 }), (text, bytes) => {
        const carried = carryText(text, "utf-8");
        expect(isUtf8(Buffer.from(carried, "latin1"))).toBe(true);
        expect(textOfCell(carried, "utf-8")).toBe(text);
        const cell = Buffer.from(bytes).toString("latin1");
        expect(carryText(textOfCell(cell, "windows-1252"), "windows-1252")).toBe(cell);
      }),
    );
  });
});
