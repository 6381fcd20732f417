import { afterEach, beforeEach, vi } from "vitest";

// A library must not chatter: any test that writes to the console fails (as in zod's own suite).
const methods = ["log", "info", "warn", "error", "debug", "trace"] as const;
const calls: string[] = [];

beforeEach(() => {
  calls.length = 0;
  for (const method of methods) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      calls.push(`console.${method}(${args.map(String).join(" ")})`);
    });
  }
});

afterEach(() => {
  vi.restoreAllMocks();
  if (calls.length > 0) {
    const written = calls.splice(0).join("\n");
    throw new Error(`This test wrote to the console, which tests must not do:\n${written}`);
  }
});
