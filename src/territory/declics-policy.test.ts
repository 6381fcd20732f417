import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DECLICS_POLICY } from "./declics-policy.js";
import { EligibilityPolicy } from "./schema.js";

describe("DECLICS_POLICY", () => {
  it("is a valid policy with the DOMAIN.md rules", () => {
    expect(EligibilityPolicy.parse(DECLICS_POLICY)).toEqual(DECLICS_POLICY);
    expect(DECLICS_POLICY).toMatchObject({
      qpv: true,
      zrr: ["C"],
      frr: ["frr_socle", "frr_plus", "frr_beneficiaire"],
      geocoderMinScore: 0.8,
      geocoderAcceptedTypes: ["housenumber"],
    });
  });

  it("is frozen: customise by spreading", () => {
    expect(Object.isFrozen(DECLICS_POLICY)).toBe(true);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 500, noNaN: true }), (tolerance) => {
        const custom = { ...DECLICS_POLICY, qpvToleranceM: tolerance };
        expect(EligibilityPolicy.safeParse(custom).success).toBe(true);
        expect(DECLICS_POLICY.qpvToleranceM).toBe("dataset");
      }),
    );
  });

  // A shallow freeze would let `DECLICS_POLICY.frr.push(...)` change every later answer of the process:
  // this property tries random writes at every depth and checks that none of them lands (it fails when one
  // nested list is left unfrozen: checked by removing the Object.freeze of `frr`).
  it("property: no write at any depth changes the default policy", () => {
    const snapshot = structuredClone(DECLICS_POLICY);
    const containers = (value: unknown): object[] =>
      typeof value === "object" && value !== null ? [value, ...Object.values(value).flatMap(containers)] : [];
    const targets = containers(DECLICS_POLICY);
    const write = fc.oneof(
      fc.record({
        kind: fc.constant("set" as const),
        key: fc.oneof(fc.constantFrom("0", "1", "qpv", "name", "zrr"), fc.string()),
        value: fc.anything(),
      }),
      fc.record({ kind: fc.constant("push" as const), value: fc.anything() }),
      fc.record({ kind: fc.constant("delete" as const), key: fc.constantFrom("0", "qpv", "frr", "length") }),
    );
    fc.assert(
      fc.property(fc.nat({ max: targets.length - 1 }), write, (t, w) => {
        const target = targets[t] as Record<string, unknown>;
        try {
          if (w.kind === "set") target[w.key] = w.value;
          else if (w.kind === "push" && Array.isArray(target)) target.push(w.value);
          else if (w.kind === "delete") delete target[w.key];
        } catch {
          // A frozen object refuses the write (TypeError in strict mode): what we want.
        }
        expect(DECLICS_POLICY).toEqual(snapshot);
      }),
      { numRuns: 300 },
    );
    for (const target of targets) expect(Object.isFrozen(target)).toBe(true);
  });
});
