import { describe, expect, it } from "vitest";
import { DeclicsError } from "../errors.js";
import { createPatientFetch, GeocodeFailure, geocodeFailureReason } from "./geocode-fetch.js";

const answer = (status: number, retryAfter?: string) => ({
  ok: status < 400,
  status,
  json: async () => ({}),
  headers: { get: (name: string) => (name === "retry-after" ? (retryAfter ?? null) : null) },
});

describe("createPatientFetch", () => {
  it("retries 429 and 5xx with exponential backoff (or Retry-After), then gives a coded failure", async () => {
    const waits: number[] = [];
    const statuses = [429, 503, 200];
    let calls = 0;
    const fetch = createPatientFetch({
      timeoutMs: 1000,
      retries: 3,
      backoffMs: 100,
      fetch: async () => answer(statuses[calls++] ?? 200, calls === 1 ? "2" : undefined),
      sleep: async (ms) => void waits.push(ms),
    });
    expect((await fetch("http://x/search")).status).toBe(200);
    expect(waits).toEqual([2000, 200]);
    const down = createPatientFetch({
      timeoutMs: 1000,
      retries: 2,
      backoffMs: 100,
      fetch: async () => answer(500),
      sleep: async (ms) => void waits.push(ms),
    });
    await expect(down("http://x")).rejects.toMatchObject({ reason: "geocoder_server_error" });
    const limited = createPatientFetch({
      timeoutMs: 1000,
      retries: 0,
      backoffMs: 100,
      fetch: async () => answer(429),
      sleep: async () => undefined,
    });
    await expect(limited("http://x")).rejects.toMatchObject({ reason: "geocoder_rate_limited" });
  });

  it("does not retry other HTTP errors nor refused connections", async () => {
    let calls = 0;
    const notFound = createPatientFetch({
      timeoutMs: 1000,
      retries: 3,
      backoffMs: 1,
      fetch: async () => (calls++, answer(404)),
    });
    await expect(notFound("http://x")).rejects.toMatchObject({ reason: "geocoder_http_error" });
    const refused = createPatientFetch({
      timeoutMs: 1000,
      retries: 3,
      backoffMs: 1,
      fetch: async () => (calls++, Promise.reject(new Error("ECONNREFUSED"))),
    });
    await expect(refused("http://x")).rejects.toMatchObject({ reason: "geocoder_unreachable" });
    expect(calls).toBe(2);
  });

  it("abandons a request that never answers after the timeout", async () => {
    const hang = createPatientFetch({
      timeoutMs: 30,
      retries: 3,
      backoffMs: 1,
      fetch: (_url, init) =>
        new Promise((_, reject) => init?.signal?.addEventListener("abort", () => reject(init.signal?.reason))),
    });
    await expect(hang("http://x")).rejects.toMatchObject({ reason: "geocoder_timeout" });
  });

  it("finds the reason through the geocoder's error causes", () => {
    const wrapped = new DeclicsError({
      code: "geocoder_unavailable",
      module: "territory",
      details: { address: "a", reason: "failed" },
      cause: new GeocodeFailure("geocoder_timeout", "t"),
    });
    expect(geocodeFailureReason(wrapped)).toBe("geocoder_timeout");
    expect(
      geocodeFailureReason(
        new DeclicsError({
          code: "geocoder_unavailable",
          module: "territory",
          details: { address: "a", reason: "failed" },
        }),
      ),
    ).toBe("geocoder_unavailable");
    expect(geocodeFailureReason(new Error("other"))).toBeNull();
  });
});
