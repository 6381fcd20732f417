import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DeclicsError, isDeclicsError } from "./errors.js";

describe("DeclicsError", () => {
  it("carries code, module, typed details and cause", () => {
    const cause = new Error("root");
    const error = new DeclicsError({
      code: "unknown_code",
      module: "territory",
      details: { kind: "codeInsee", received: "99999" },
      cause,
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("DeclicsError");
    expect(error.code).toBe("unknown_code");
    expect(error.module).toBe("territory");
    expect(error.details.received).toBe("99999");
    expect(error.cause).toBe(cause);
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: "DeclicsError",
      code: "unknown_code",
      module: "territory",
      message: 'unknown_code: {"kind":"codeInsee","received":"99999"}',
      details: { kind: "codeInsee", received: "99999" },
    });
  });

  it("built by hand, says its code and details, escaped and at most 300 characters", () => {
    const hostile = new DeclicsError({
      code: "usage",
      module: "cli",
      details: { reason: "x\u202e\u2028\u0085y\nz", values: { long: "a".repeat(400) } },
    });
    expect(hostile.message).toMatch(/^usage: \{"reason":"x\\u202e\\u2028\\u0085y\\nz"/);
    expect(hostile.message).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e]/);
    expect(hostile.message.length).toBe(300);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(new DeclicsError({ code: "usage", module: "cli", details: cyclic as never }).message).toBe("usage: {…}");
  });

  it("has no cause property when none is given", () => {
    const error = new DeclicsError({ code: "usage", module: "cli", details: { reason: "no_subject" } });
    expect("cause" in error).toBe(false);
  });
});

describe("isDeclicsError", () => {
  it("recognises instances and plain copies from another bundle, by code", () => {
    const error = new DeclicsError({ code: "usage", module: "cli", details: { reason: "no_subject" } });
    expect(isDeclicsError(error)).toBe(true);
    expect(isDeclicsError(error, "usage")).toBe(true);
    expect(isDeclicsError(error, "invalid_input")).toBe(false);
    expect(isDeclicsError({ name: "DeclicsError", code: "usage" }, "usage")).toBe(true);
  });

  it("rejects everything that is not a DeclicsError", () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        fc.pre(!(typeof value === "object" && value !== null && (value as { name?: unknown }).name === "DeclicsError"));
        expect(isDeclicsError(value)).toBe(false);
      }),
    );
    expect(isDeclicsError(new Error("x"))).toBe(false);
  });
});
