import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { booleanPointInPolygon } from "@turf/boolean-point-in-polygon";
import { geometryOfRings, signedArea2 } from "./_zone-geometry.js";

/** A closed square ring of integer units, counter-clockwise or clockwise. */
function square(x: number, y: number, size: number, ccw: boolean): Int32Array {
  const corners = [x, y, x + size, y, x + size, y + size, x, y + size];
  const ring = ccw ? corners : [x, y, x, y + size, x + size, y + size, x + size, y];
  return Int32Array.from([...ring, x, y]);
}

/** Even-odd membership over the raw rings (the engine's rule), for points off every edge. */
function evenOdd(rings: readonly Int32Array[], px: number, py: number): boolean {
  let inside = false;
  for (const r of rings) {
    for (let i = 0; i + 3 < r.length; i += 2) {
      const [ax, ay, bx, by] = [r[i]!, r[i + 1]!, r[i + 2]!, r[i + 3]!];
      if (ay > py !== by > py && px < ax + ((py - ay) * (bx - ax)) / (by - ay)) inside = !inside;
    }
  }
  return inside;
}

describe("geometryOfRings", () => {
  it("nests rings by the even-odd rule: exterior, hole, island in the hole; RFC 7946 winding", () => {
    // A 100-unit square, a hole of 60 in it, an island of 20 in the hole, all given clockwise; a separate square.
    const rings = [
      square(0, 0, 100, false),
      square(20, 20, 60, false),
      square(40, 40, 20, false),
      square(200, 0, 10, false),
    ];
    const geometry = geometryOfRings(rings, 1)!;
    expect(geometry.type).toBe("MultiPolygon");
    const polygons = geometry.type === "MultiPolygon" ? geometry.coordinates : [];
    expect(polygons.map((p) => p.length)).toEqual([2, 1, 1]);
    for (const [exterior, ...holes] of polygons) {
      expect(signedArea2(exterior!.flat())).toBeGreaterThan(0);
      for (const hole of holes) expect(signedArea2(hole.flat())).toBeLessThan(0);
    }
  });

  it("leaves out rings with no area, and gives null when nothing is left", () => {
    expect(geometryOfRings([Int32Array.from([0, 0, 5, 5, 10, 10, 0, 0])], 1)).toBeNull();
    expect(geometryOfRings([square(0, 0, 10, true), Int32Array.from([0, 0, 1, 1, 0, 0])], 1)?.type).toBe("Polygon");
  });

  it("property: Turf reads the geometry as the even-odd rule reads the rings (nested squares, any orientation)", () => {
    const nestedSquares = fc
      .array(fc.tuple(fc.integer({ min: 1, max: 4 }), fc.boolean()), { minLength: 1, maxLength: 4 })
      .map((steps) => {
        // Concentric squares shrinking by 2*step each, centred on (500, 500), in random orientations.
        let size = 400;
        return steps.map(([step, ccw]) => {
          const ring = square(500 - size / 2, 500 - size / 2, size, ccw);
          size -= 20 * step;
          return ring;
        });
      });
    fc.assert(
      fc.property(
        nestedSquares,
        fc.integer({ min: 250, max: 750 }),
        fc.integer({ min: 250, max: 750 }),
        (rings, x, y) => {
          const px = x + 0.5;
          const py = y + 0.5;
          const geometry = geometryOfRings(rings, 1)!;
          expect(booleanPointInPolygon([px, py], { type: "Feature", properties: {}, geometry })).toBe(
            evenOdd(rings, px, py),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
