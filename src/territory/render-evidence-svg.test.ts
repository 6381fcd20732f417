import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ZoneOutline } from "./index.js";
import { SAMPLE_RESULT } from "../../test/support/cli-sample-result.js";
import { loadTerritoryData } from "../data/index.js";
import { buildPath, hasRealData } from "../../test/support/real-data.js";
import { checkEligibility } from "./check-eligibility.js";
import { renderEvidenceSvg } from "./render-evidence-svg.js";

const square = (
  code: string,
  name: string,
  lon: number,
  lat: number,
  size: number,
  layer: ZoneOutline["properties"]["layer"],
): ZoneOutline => ({
  type: "Feature",
  id: code,
  bbox: [lon, lat, lon + size, lat + size],
  geometry: {
    type: "Polygon",
    coordinates: [
      [
        [lon, lat],
        [lon + size, lat],
        [lon + size, lat + size],
        [lon, lat + size],
        [lon, lat],
      ],
    ],
  },
  properties: { code, name, kind: layer === "communes" ? "commune" : "qpv", layer, distanceM: null, contains: null },
});

describe("renderEvidenceSvg", () => {
  it("draws the point, the QPV, the commune, a scale bar and a legend, escaping names", () => {
    const svg = renderEvidenceSvg({
      result: SAMPLE_RESULT,
      qpv: square("QN03107M", "Grand <Mirail> & co", 1.398, 43.568, 0.01, "qpv2024"),
      commune: square("31555", "Toulouse", 1.35, 43.53, 0.15, "communes"),
      lang: "fr",
    });
    expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(svg).toContain("<circle");
    expect(svg).toContain("QPV QN03107M « Grand &lt;Mirail&gt; &amp; co » (2024)");
    expect(svg).toContain("Commune Toulouse (31555)");
    expect(svg).toMatch(/>\d+ (m|km)<\/text>/);
    expect(svg.trimEnd().endsWith("</svg>")).toBe(true);
  });

  it("property: well-formed for any place and zone size (no NaN, balanced svg element)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -61, max: 9, noNaN: true }),
        fc.double({ min: -21, max: 51, noNaN: true }),
        fc.double({ min: 0.0001, max: 0.5, noNaN: true }),
        fc.boolean(),
        (lon, lat, size, withQpv) => {
          const svg = renderEvidenceSvg({
            result: { ...SAMPLE_RESULT, point: { lon, lat } },
            qpv: withQpv ? square("QN00000A", "Z", lon - size / 2, lat - size / 2, size, "qpv2024") : null,
            commune: square("00000", "C", lon - size, lat - size, 2 * size, "communes"),
            lang: "en",
          });
          expect(svg).not.toMatch(/NaN|Infinity|undefined/);
          expect(svg.match(/<svg /g)).toHaveLength(1);
          expect(svg.match(/<\/svg>/g)).toHaveLength(1);
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe("renderEvidenceSvg with territory data", () => {
  it("refuses a map that is not a result", () => {
    expect(() => renderEvidenceSvg({ result: { status: "eligible" } } as never)).toThrow(
      expect.objectContaining({ code: "invalid_input" }),
    );
    expect(() => renderEvidenceSvg({ result: SAMPLE_RESULT, lang: "de" } as never)).toThrow(
      expect.objectContaining({ code: "invalid_input" }),
    );
  });

  it.skipIf(!hasRealData(buildPath("manifest.json")))(
    "finds the QPV and commune outlines itself in the real data (fr by default)",
    async () => {
      const data = await loadTerritoryData();
      const result = checkEligibility({ lon: 1.4025, lat: 43.5712 }, { on: new Date("2025-03-01T12:00:00Z"), data });
      const svg = renderEvidenceSvg({ result, data });
      expect(svg).toContain("ÉLIGIBLE — 2025-03-01");
      expect(svg).toContain("QPV QN03107M « Grand Mirail » (2024)");
      expect(svg).toContain("Commune Toulouse (31555)");
      expect(renderEvidenceSvg({ result, data, qpv: null, commune: null, lang: "en" })).not.toContain("QPV QN03107M");
    },
  );
});
