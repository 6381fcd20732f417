import { isDeclicsError } from "../errors.js";
import type { FetchLike } from "../territory/create-ban-geocoder.js";

/**
 * The network side of `--geocode`: a `fetch` for the address geocoder with a per-request timeout and retries
 * with exponential backoff on HTTP 429 and 5xx (honouring `Retry-After`), and the coded reason a row gets
 * when its address could not be geocoded.
 * @module
 */

/** Why an address could not be geocoded, as written in the `reason` column. */
export type GeocodeFailureReason =
  | "geocoder_timeout"
  | "geocoder_rate_limited"
  | "geocoder_server_error"
  | "geocoder_http_error"
  | "geocoder_unreachable";

/** A request that failed for good (after its retries). */
export class GeocodeFailure extends Error {
  constructor(
    readonly reason: GeocodeFailureReason,
    message: string,
  ) {
    super(message);
    this.name = "GeocodeFailure";
  }
}

/** Options of {@link createPatientFetch}. */
export interface PatientFetchOptions {
  /** Milliseconds before one request is abandoned. */
  readonly timeoutMs: number;
  /** Further attempts after a 429 or a 5xx answer. */
  readonly retries: number;
  /** First backoff delay in milliseconds (doubled at each retry, capped at 30 s). */
  readonly backoffMs: number;
  readonly fetch?: FetchLike;
  readonly sleep?: (ms: number) => Promise<void>;
}

type Response = Awaited<ReturnType<FetchLike>> & { headers?: { get(name: string): string | null } };

const sleepFor = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

function retryAfterMs(response: Response): number | null {
  const header = response.headers?.get("retry-after");
  if (header === null || header === undefined) return null;
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds * 1000, 30_000) : null;
}

/**
 * Wraps `fetch` for the geocoder: every request gets its own timeout; a 429 or 5xx answer is retried after
 * `backoffMs`, `2 x backoffMs`, ... (or the server's `Retry-After`); a request that fails for good throws a
 * {@link GeocodeFailure} whose `reason` is the row's reason code.
 *
 * @param options - timeout, retries, backoff (and the fetch and sleep to use)
 * @returns a fetch for `createBanGeocoder({ fetch })`
 * @example
 * ```ts
 * const geocoder = createBanGeocoder({ fetch: createPatientFetch({ timeoutMs: 10_000, retries: 3, backoffMs: 500 }) });
 * ```
 */
export function createPatientFetch(options: PatientFetchOptions): FetchLike {
  const doFetch = options.fetch ?? (globalThis.fetch as unknown as FetchLike);
  const sleep = options.sleep ?? sleepFor;
  return async (input, init) => {
    for (let attempt = 0; ; attempt++) {
      const timeout = AbortSignal.timeout(options.timeoutMs);
      const signal = init?.signal === undefined ? timeout : AbortSignal.any([init.signal, timeout]);
      let response: Response;
      try {
        response = (await doFetch(input, { ...init, signal })) as Response;
      } catch (error) {
        if (timeout.aborted) throw new GeocodeFailure("geocoder_timeout", `no answer within ${options.timeoutMs} ms`);
        // Refused or reset connections are not retried: the service is not there.
        throw new GeocodeFailure("geocoder_unreachable", error instanceof Error ? error.message : String(error));
      }
      const status = response.status;
      if (response.ok) return response;
      const retryable = status === 429 || status >= 500;
      if (!retryable || attempt >= options.retries) {
        const reason =
          status === 429 ? "geocoder_rate_limited" : status >= 500 ? "geocoder_server_error" : "geocoder_http_error";
        throw new GeocodeFailure(reason, `HTTP ${status}`);
      }
      await sleep(retryAfterMs(response) ?? Math.min(options.backoffMs * 2 ** attempt, 30_000));
    }
  };
}

/**
 * The reason code of a geocoding failure: the {@link GeocodeFailure} anywhere in the error's causes, a
 * timeout, or `geocoder_unavailable` for any other failure of the geocoder. Null for other errors.
 *
 * @param error - what checking an address threw
 * @returns the reason code, or null
 * @example
 * ```ts
 * geocodeFailureReason(new GeocodeFailure("geocoder_timeout", "no answer")); // => "geocoder_timeout"
 * ```
 */
export function geocodeFailureReason(error: unknown): string | null {
  for (let cause: unknown = error, depth = 0; cause !== undefined && cause !== null && depth < 8; depth++) {
    if (cause instanceof GeocodeFailure) return cause.reason;
    if (cause instanceof Error && cause.name === "TimeoutError") return "geocoder_timeout";
    cause = (cause as { cause?: unknown }).cause;
  }
  return isDeclicsError(error, "geocoder_unavailable") ? "geocoder_unavailable" : null;
}
