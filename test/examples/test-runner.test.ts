// End to end: the example test runner (examples/test-runner) over real HTTP on 127.0.0.1, port 0.
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestRunnerServer } from "../../examples/test-runner/server.js";
import { createSeededRandom } from "../../src/_lib/random.js";
import { type Answer, computeProbability, type Item, STARTER_BANK } from "../../src/assessment/index.js";

let server: Server;
let base: string;
let counter = 0;
const store = new Map<string, string>();

beforeAll(async () => {
  server = createTestRunnerServer({ store, newId: () => `e2e-${++counter}` });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
});

const KEY_FIELDS = ["answer", "accepted", "tolerance", "caseSensitive", "irt", "parametersStatus", "correct"];
const items = new Map(STARTER_BANK.items.map((it) => [it.id as string, it]));

async function call(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; text: string; json: Record<string, unknown> }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { "content-type": "application/json" },
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, text, json: JSON.parse(text) as Record<string, unknown> };
}

function keysIn(text: string): string[] {
  return KEY_FIELDS.filter((k) => text.includes(`"${k}"`));
}

/** The key when `right`, else an answer that differs from it. */
function answerFor(item: Item, right: boolean): Answer {
  switch (item.kind) {
    case "single_choice":
      return { choice: right ? item.answer : item.options.find((o) => o.id !== item.answer)!.id };
    case "multiple_choice":
      return {
        choices: right
          ? item.answer
          : item.answer.length === 1 && item.answer[0] === item.options[0]!.id
            ? [item.options[1]!.id]
            : [item.options[0]!.id],
      };
    case "numeric":
      return { value: right ? item.answer : item.answer + item.tolerance + 1000 };
    case "ordering":
      return { order: right ? item.answer : [...item.answer].reverse() };
    case "short_answer":
      return { text: right ? item.accepted[0]! : "zzzz" };
  }
}

describe("examples/test-runner over HTTP", () => {
  it("runs a whole session with keys kept on the server", async () => {
    const random = createSeededRandom("e2e");
    const created = await call("POST", "/sessions");
    expect(created.status).toBe(201);
    const id = created.json.sessionId as string;
    let current = created;
    let steps = 0;
    while (current.json.status === "in_progress") {
      expect(keysIn(current.text)).toEqual([]);
      const view = current.json.item as { id: string; stem: string };
      expect(view.stem.length).toBeGreaterThan(0);
      const item = items.get(view.id)!;
      current = await call("POST", `/sessions/${id}/answers`, {
        itemId: view.id,
        answer: answerFor(item, random() < computeProbability(item.irt, 0.5)),
      });
      expect(current.status).toBe(200);
      steps++;
    }
    expect(current.json.status).toBe("finished");
    expect(current.json.answered).toBe(steps);
    expect(steps).toBeGreaterThanOrEqual(5);
    expect(steps).toBeLessThanOrEqual(30);
    // What the server keeps: small, no keys either.
    const stored = store.get(id)!;
    expect(keysIn(stored).filter((k) => k !== "correct")).toEqual([]);
    expect(stored.length).toBeLessThan(4096);
    const result = await call("GET", `/sessions/${id}/result`);
    expect(result.status).toBe(200);
    expect(keysIn(result.text)).toEqual([]);
    expect(result.json.level).toBeGreaterThanOrEqual(1);
    const families = result.json.families as { status: string; probability: number }[];
    expect(families.length).toBe(7);
    for (const f of families) expect(["ready", "to_confirm", "within_reach", "far"]).toContain(f.status);
  });

  it("refuses hostile or out-of-order requests with the right status", async () => {
    const created = await call("POST", "/sessions");
    const id = created.json.sessionId as string;
    const pending = (created.json.item as { id: string }).id;
    const other = STARTER_BANK.items.find((i) => i.id !== pending)!.id;
    expect((await call("POST", `/sessions/${id}/answers`, { itemId: other, answer: { choice: "a" } })).status).toBe(
      409,
    );
    expect((await call("POST", `/sessions/${id}/answers`, "{not json")).status).toBe(400);
    expect((await call("POST", `/sessions/${id}/answers`, { itemId: pending, answer: { nope: 1 } })).status).toBe(400);
    expect(
      (await call("POST", `/sessions/${id}/answers`, { itemId: pending, answer: { text: "x".repeat(20_000) } })).status,
    ).toBe(413);
    expect((await call("GET", `/sessions/${id}/result`)).status).toBe(409);
    expect((await call("GET", "/sessions/no-such-session")).status).toBe(404);
    expect((await call("GET", "/elsewhere")).status).toBe(404);
    expect((await call("DELETE", `/sessions/${id}`)).status).toBe(405);
    // The session is untouched by all that: the same item is still pending.
    const again = await call("GET", `/sessions/${id}`);
    expect((again.json.item as { id: string }).id).toBe(pending);
    expect(again.json.answered).toBe(0);
  });

  it("refuses a stored state that was tampered with", async () => {
    const created = await call("POST", "/sessions");
    const id = created.json.sessionId as string;
    const state = JSON.parse(store.get(id)!) as { responses: unknown[] };
    store.set(id, JSON.stringify({ ...state, responses: [{ itemId: "1.1-01", correct: true }] }));
    const res = await call("POST", `/sessions/${id}/answers`, {
      itemId: (created.json.item as { id: string }).id,
      answer: { choice: "a" },
    });
    expect(res.status).toBe(409);
    expect(res.json.code).toBe("invalid_session_state");
  });
});
