import type * as z from "zod/v4";
import { isDeclicsError } from "../errors.js";
import { dataError } from "./_errors.js";
import { integrityOf } from "../_lib/parse.js";
import { parseSchoolCalendar, type SchoolCalendar } from "../curriculum/school-calendar.js";
import { JsonArtefactOptions, loadJsonArtefact } from "./_load-json-artefact.js";

/** Options of {@link loadSchoolCalendar}. */
export type LoadSchoolCalendarOptions = z.infer<typeof JsonArtefactOptions>;

const ARTEFACT = "school-calendar";

/**
 * Loads the school calendar (vacances scolaires by académie and zone) compiled from the Ministry of
 * Education's dataset by `npm run build:data`, for `listSchoolHolidays` and `locateSchoolArea` in
 * `declics/curriculum`. Node only; browsers fetch `data/build/school-calendar.json` and pass it to
 * `parseSchoolCalendar`.
 *
 * @param options - `dir`: another directory of compiled artefacts (default: the package's data/build)
 * @returns the validated school calendar
 * @throws {DeclicsError} `invalid_input` for bad options; `data_missing` when the artefact or the manifest is
 *   absent (run `npm run build:data`); `data_integrity` when its size differs from the manifest or its content is invalid
 * @example
 * ```ts
 * import { loadSchoolCalendar } from "declics/data";
 * import { locateSchoolArea } from "declics/curriculum";
 *
 * locateSchoolArea(loadSchoolCalendar(), "97801").zone;
 * // => "Guadeloupe"
 * ```
 * @category Data
 */
export function loadSchoolCalendar(options: LoadSchoolCalendarOptions = {}): SchoolCalendar {
  const json = loadJsonArtefact(options, "loadSchoolCalendar options", ARTEFACT);
  try {
    return parseSchoolCalendar(json);
  } catch (error) {
    if (!isDeclicsError(error, "invalid_input")) throw error;
    throw dataError({
      code: "data_integrity",
      module: "data",
      details: { dataset: ARTEFACT, ...integrityOf(error.details.issues[0]) },
      cause: error,
    });
  }
}
