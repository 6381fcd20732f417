import * as z from "zod/v4";
import { curriculumError } from "./_errors.js";
import { parseWith } from "../_lib/parse.js";
import { rule } from "../_lib/messages/vocabulary.js";
import { ACADEMIE_OF_DEPARTEMENT, departementOfCommune, placeOfCommune } from "./_academies.js";
import { checkedSchoolCalendar, type SchoolCalendar } from "./school-calendar.js";

const CommuneCode = z
  .string()
  .regex(/^(?:\d{2}|2[AB])\d{3}$/, "a 5-character INSEE commune code such as 31555 or 2A004");

/** Where a commune stands in the school calendar. */
export interface SchoolArea {
  readonly commune: string;
  readonly departement: string;
  /** The académie, as the Ministry's dataset names it (`Toulouse`, `Nouvelle Calédonie`…). */
  readonly academie: string;
  /** Its school-holiday zone as the calendar gives it: `Zone A`, `Zone B`, `Zone C`, `Corse`, or the overseas académie. */
  readonly zone: string;
  /** Sub-territory of the académie some periods are limited to (Saint-Martin, Saint-Barthélemy, Guadeloupe), else null. */
  readonly place: string | null;
  /** Académies the calendar used for this territory before a merger (Caen, Rouen before Normandie). */
  readonly formerAcademies: readonly string[];
}

/** The académie entry of a commune, without its zone. */
export function academieOfCommune(commune: string): Omit<SchoolArea, "zone"> {
  const code = parseWith(CommuneCode, commune, { module: "curriculum", what: "commune code" });
  const departement = departementOfCommune(code);
  const entry = ACADEMIE_OF_DEPARTEMENT.get(departement);
  if (entry === undefined) {
    throw curriculumError({
      code: "unknown_code",
      module: "curriculum",
      details: { kind: "codeInsee", received: code },
    });
  }
  return {
    commune: code,
    departement,
    academie: entry.academie,
    place: placeOfCommune(departement),
    formerAcademies: entry.former,
  };
}

/**
 * Maps a commune to its académie and school-holiday zone: a commune's académie is that of its département
 * (Code de l'éducation), and the académie's zone is the one the official school calendar gives it (zones
 * A, B, C in mainland France, Corse, and each overseas académie). Saint-Martin and Saint-Barthélemy belong
 * to the académie de Guadeloupe, with periods of their own.
 *
 * @param calendar - the compiled school calendar (`loadSchoolCalendar()` in Node, or {@link parseSchoolCalendar})
 * @param commune - an INSEE commune code (5 characters; an arrondissement code works too: 75056 or 75112)
 * @returns the commune's département, académie, zone and sub-territory
 * @throws {DeclicsError} `invalid_input` for a malformed code; `unknown_code` when the département has no
 *   académie; `data_integrity` when the calendar has no row for the académie
 * @example
 * ```ts
 * import { locateSchoolArea } from "declics/curriculum";
 * import { loadSchoolCalendar } from "declics/data";
 *
 * locateSchoolArea(loadSchoolCalendar(), "31555");
 * // => { commune: "31555", departement: "31", academie: "Toulouse", zone: "Zone C", place: null, formerAcademies: [] }
 * ```
 * @category Calendars
 */
export function locateSchoolArea(calendar: SchoolCalendar, commune: string): SchoolArea {
  const cal = checkedSchoolCalendar(calendar);
  const base = academieOfCommune(commune);
  const entry = cal.academies.find((a) => a.academie === base.academie);
  if (entry === undefined) {
    throw curriculumError({
      code: "data_integrity",
      module: "curriculum",
      details: {
        dataset: "school-calendar",
        expected: rule(`rows for the académie ${base.academie}`, `des lignes pour l'académie ${base.academie}`),
        received: "undefined",
      },
    });
  }
  return { ...base, zone: entry.zone };
}
