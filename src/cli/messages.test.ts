import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { detectLang, REASON_TEXT, t } from "./messages.js";

describe("messages", () => {
  it("fills placeholders in French and English", () => {
    expect(t("fr", "check.svgWritten", { file: "carte.svg" })).toBe("Carte écrite : carte.svg");
    expect(t("en", "check.svgWritten", { file: "map.svg" })).toBe("Map written: map.svg");
    expect(t("fr", "result.distance")).toBe("à {m} m du bord le plus proche");
  });

  it("reads --lang and DECLICS_LANG, French by default", () => {
    expect(detectLang([], {})).toBe("fr");
    expect(detectLang(["check", "--lang", "en"], {})).toBe("en");
    expect(detectLang(["--lang=EN"], {})).toBe("en");
    expect(detectLang([], { DECLICS_LANG: "en" })).toBe("en");
    expect(detectLang(["--", "--lang", "en"], {})).toBe("fr");
  });

  it("explains in English every reason it explains in French", () => {
    for (const code of Object.keys(REASON_TEXT.fr)) expect(REASON_TEXT.en[code]).toBeTypeOf("string");
  });

  it("property: a message never keeps a placeholder it was given a value for", () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom("fr" as const, "en" as const), (file, lang) => {
        expect(t(lang, "check.svgWritten", { file })).not.toContain("{file}");
      }),
    );
  });
});
