import type * as z from "zod/v4";
import { isDeclicsError } from "../errors.js";
import { dataError } from "./_errors.js";
import { integrityOf } from "../_lib/parse.js";
import { parseReferencePopulations, type ReferencePopulation } from "../diversity/index.js";
import { JsonArtefactOptions, loadJsonArtefact } from "./_load-json-artefact.js";

/** Options of {@link loadReferencePopulations}. */
export type LoadReferencePopulationsOptions = z.infer<typeof JsonArtefactOptions>;

const ARTEFACT = "reference-populations";

/**
 * Loads the reference populations compiled from the QPV indicator files (per QPV: residents and, for the
 * QPV 2015 of Occitanie, registered job seekers, with the share of women where the source gives it), for
 * `computeRepresentation` in `declics/diversity`. Node only; browsers fetch
 * `data/build/reference-populations.json` and pass its `populations` to `parseReferencePopulations`.
 *
 * @param options - `dir`: another directory of compiled artefacts (default: the package's data/build)
 * @returns the validated reference populations
 * @throws {DeclicsError} `invalid_input` for bad options; `data_missing` when the artefact or the manifest is
 *   absent (run `npm run build:data`); `data_integrity` when its size differs from the manifest or its content is invalid
 * @example
 * ```ts
 * import { loadReferencePopulations } from "declics/data";
 *
 * const grandMirail = loadReferencePopulations().find((p) => p.id === "QP031007");
 * grandMirail?.shares.gender?.female;
 * // => 0.516
 * ```
 * @category Data
 */
export function loadReferencePopulations(options: LoadReferencePopulationsOptions = {}): ReferencePopulation[] {
  const json = (loadJsonArtefact(options, "loadReferencePopulations options", ARTEFACT) ?? {}) as {
    populations?: unknown;
  };
  try {
    return parseReferencePopulations(json.populations);
  } catch (error) {
    throw dataError({
      code: "data_integrity",
      module: "data",
      details: {
        dataset: ARTEFACT,
        ...integrityOf(isDeclicsError(error, "invalid_input") ? error.details.issues[0] : undefined),
      },
      cause: error,
    });
  }
}
