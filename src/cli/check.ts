import { writeFile } from "node:fs/promises";
import type { Writable } from "node:stream";
import { isDeclicsError } from "../errors.js";
import { renderEvidenceSvg, type EligibilitySubject, type Geocoder } from "../territory/index.js";
import { cliError, EXIT, failureLine, problemOf } from "./exit-codes.js";
import type { CliEngine } from "./engine.js";
import { formatResultText } from "./format-result-text.js";
import { t, type Lang } from "./messages.js";
import { parseDecimal } from "./parse-cell.js";

/**
 * `declics check`: one person, explained.
 * @module
 */

/** Options of the `check` command, once the command line is parsed. */
export interface CheckCommandOptions {
  /** `lon lat` as typed (a decimal comma is accepted). */
  readonly lonLat: readonly string[];
  readonly x?: string;
  readonly y?: string;
  readonly codeInsee?: string;
  readonly postcode?: string;
  readonly address?: string;
  /** YYYY-MM-DD, validated; undefined for today. */
  readonly on?: string;
  readonly today: string;
  readonly json: boolean;
  readonly svg?: string;
  readonly lang: Lang;
}

/** Where the command writes and what it calls. */
export interface CheckCommandIo {
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly loadEngine: () => Promise<CliEngine>;
  /** Creates the geocoder, only when an address is given. */
  readonly createGeocoder: () => Geocoder;
}

function usage(io: CheckCommandIo, lang: Lang, message: string): number {
  io.stderr.write(`${t(lang, "error.usage", { message })}\n`);
  return EXIT.usage;
}

/**
 * Runs `declics check`: builds the subject from exactly one location, asks the engine, prints the
 * explanation (or JSON) and optionally writes the SVG evidence map.
 *
 * @param options - the parsed command line
 * @param io - streams, engine loader, geocoder factory
 * @returns the exit code (0 answered, 1 usage or refused input, 3 data or geocoder unavailable)
 * @example
 * ```ts
 * await runCheck({ lonLat: ["1.4025", "43.5712"], on: "2024-05-01", today: "2026-11-28", json: false, lang: "fr" }, io);
 * // => 0
 * ```
 */
export async function runCheck(options: CheckCommandOptions, io: CheckCommandIo): Promise<number> {
  const lang = options.lang;
  const given = [
    options.lonLat.length > 0,
    options.x !== undefined || options.y !== undefined,
    options.codeInsee !== undefined,
    options.postcode !== undefined,
    options.address !== undefined,
  ].filter(Boolean).length;
  if (given !== 1) return usage(io, lang, t(lang, "check.oneSubject"));

  let subject: EligibilitySubject;
  const number = (text: string | undefined, what: string): number | string => {
    const value = parseDecimal(text ?? "");
    return Number.isFinite(value) ? value : t(lang, "check.badNumber", { value: text ?? "", what });
  };
  if (options.lonLat.length > 0) {
    if (options.lonLat.length !== 2) return usage(io, lang, t(lang, "check.oneSubject"));
    const lon = number(options.lonLat[0], "longitude");
    const lat = number(options.lonLat[1], "latitude");
    if (typeof lon === "string") return usage(io, lang, lon);
    if (typeof lat === "string") return usage(io, lang, lat);
    subject = { lon, lat };
  } else if (options.x !== undefined || options.y !== undefined) {
    const x = number(options.x, "X Lambert-93");
    const y = number(options.y, "Y Lambert-93");
    if (typeof x === "string") return usage(io, lang, x);
    if (typeof y === "string") return usage(io, lang, y);
    subject = { x, y };
  } else if (options.codeInsee !== undefined) subject = { codeInsee: options.codeInsee.trim().toUpperCase() };
  else if (options.postcode !== undefined) subject = { postcode: options.postcode.trim() };
  else subject = { address: options.address ?? "" };

  const engine = await io.loadEngine();
  let result;
  try {
    result = await engine.check(
      subject,
      options.on ?? options.today,
      "address" in subject ? io.createGeocoder() : undefined,
    );
  } catch (error) {
    if (isDeclicsError(error, "geocoder_unavailable")) {
      io.stderr.write(`${t(lang, "error.geocoder", { reason: error.details.cause ?? error.details.reason })}\n`);
      return EXIT.failed;
    }
    if (isDeclicsError(error, "data_missing") || isDeclicsError(error, "data_integrity")) throw error;
    if (isDeclicsError(error)) {
      io.stderr.write(`${failureLine(error, lang)}\n`);
      return EXIT.usage;
    }
    throw error;
  }
  io.stdout.write(options.json ? `${JSON.stringify(result, null, 2)}\n` : `${formatResultText(result, lang)}\n`);
  if (options.svg !== undefined) {
    if (result.point === null) {
      io.stderr.write(`${t(lang, "check.svgNoPoint")}\n`);
    } else {
      const { qpv, commune } = engine.outlines(result);
      const file = options.svg;
      await writeFile(file, renderEvidenceSvg({ result, qpv, commune, lang })).catch((error: unknown) => {
        throw cliError("output_unavailable", { file, ...problemOf(error) }, error);
      });
      io.stderr.write(`${t(lang, "check.svgWritten", { file: options.svg })}\n`);
    }
  }
  return EXIT.done;
}
