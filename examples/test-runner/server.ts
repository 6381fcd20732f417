/**
 * A skills-test runner over HTTP with Node's `http` module and no framework: the bank, the answer keys
 * and the session states stay on the server; the browser only ever receives key-free item views.
 *
 *   POST /sessions                    -> 201 { sessionId, status, answered, item }
 *   GET  /sessions/:id                -> 200 { sessionId, status, answered, item }
 *   POST /sessions/:id/answers        <- { itemId, answer }   -> 200 { sessionId, status, answered, item }
 *   GET  /sessions/:id/result         -> 200 { level, theta, se, families: [{ id, name, status, probability }] }
 *
 * `item` is `viewPendingItem(...)`: id, kind, stem, options, unit. Whether an answer was right is not
 * sent back. The state (about 2 kB, no keys) is what you would keep in a database; here, a Map.
 * In your app, import from "declics/assessment" instead of the source folder.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import {
  type AdaptiveSession,
  answerItem,
  computeSessionResult,
  type ItemBank,
  recommendOrientation,
  selectNextItem,
  STARTER_BANK,
  startAdaptiveSession,
  viewPendingItem,
} from "../../src/assessment/index.js";
import { isDeclicsError } from "../../src/errors.js";

/** Where session states are kept between requests (a database table in production). */
export interface SessionStore {
  get(id: string): string | undefined;
  set(id: string, state: string): void;
}

export interface TestRunnerOptions {
  /** The item bank (default: the starter bank). It never leaves the server. */
  readonly bank?: ItemBank;
  readonly store?: SessionStore;
  /** New session ids (default: random UUIDs); the id also seeds the session, so it can be replayed. */
  readonly newId?: () => string;
  /** Largest request body accepted, in bytes (default 16 kB). */
  readonly maxBodyBytes?: number;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    "cache-control": "no-store",
  });
  res.end(text);
}

async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError(413, `request body larger than ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, "request body is not valid JSON");
  }
}

/** Creates the server (not listening yet: call `.listen(port, host)`). */
export function createTestRunnerServer(options: TestRunnerOptions = {}): Server {
  const bank = options.bank ?? STARTER_BANK;
  const store = options.store ?? new Map<string, string>();
  const newId = options.newId ?? randomUUID;
  const limit = options.maxBodyBytes ?? 16_384;

  const load = (id: string): AdaptiveSession => {
    const json = store.get(id);
    if (json === undefined) throw new HttpError(404, `no session ${id}`);
    return JSON.parse(json) as AdaptiveSession;
  };
  const view = (id: string, state: AdaptiveSession) => ({
    sessionId: id,
    status: state.status,
    answered: state.responses.length,
    item: state.status === "in_progress" ? viewPendingItem(bank, state) : null,
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://localhost");
    const parts = url.pathname.split("/").filter((p) => p !== "");
    if (parts[0] !== "sessions" || parts.length > 3) throw new HttpError(404, `no route ${url.pathname}`);
    if (parts.length === 1) {
      if (req.method !== "POST") throw new HttpError(405, "use POST /sessions");
      await readJson(req, limit);
      const id = newId();
      const state = selectNextItem(bank, startAdaptiveSession(bank, { seed: id }));
      store.set(id, JSON.stringify(state));
      return send(res, 201, view(id, state));
    }
    const id = parts[1]!;
    if (parts.length === 2) {
      if (req.method !== "GET") throw new HttpError(405, "use GET /sessions/:id");
      return send(res, 200, view(id, load(id)));
    }
    if (parts[2] === "answers") {
      if (req.method !== "POST") throw new HttpError(405, "use POST /sessions/:id/answers");
      const body = (await readJson(req, limit)) as { itemId?: unknown; answer?: unknown };
      let state = answerItem(bank, load(id), { itemId: body.itemId, answer: body.answer } as never);
      if (state.status === "in_progress") state = selectNextItem(bank, state);
      store.set(id, JSON.stringify(state));
      return send(res, 200, view(id, state));
    }
    if (parts[2] === "result") {
      if (req.method !== "GET") throw new HttpError(405, "use GET /sessions/:id/result");
      const state = load(id);
      if (state.status !== "finished") throw new HttpError(409, "the session is not finished");
      const result = computeSessionResult(bank, state);
      const orientation = recommendOrientation(result.profile);
      return send(res, 200, {
        sessionId: id,
        level: result.level,
        theta: result.eap.theta,
        se: result.eap.se,
        families: orientation.jobFamilies.map((f) => ({
          id: f.id,
          name: f.name,
          status: f.status,
          probability: f.probability,
        })),
      });
    }
    throw new HttpError(404, `no route ${url.pathname}`);
  }

  return createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (error instanceof HttpError) return send(res, error.status, { error: error.message });
      if (isDeclicsError(error, "invalid_input")) return send(res, 400, { error: error.message, code: error.code });
      if (isDeclicsError(error, "invalid_session_state"))
        return send(res, 409, { error: error.message, code: error.code });
      return send(res, 500, { error: "internal error" });
    });
  });
}
