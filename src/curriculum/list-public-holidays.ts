import * as z from "zod/v4";
import { parseWith } from "../_lib/parse.js";
import { CalendarZone } from "../_lib/vocabulary.js";
import { holidaysOf } from "./_calendar.js";
import type { PublicHoliday } from "./schema.js";

const Args = z.object({ zone: CalendarZone, year: z.number().int().min(1900).max(2200) });

/**
 * Lists the public holidays (jours fériés) of a French calendar zone for a year, from the official texts
 * and with their official names (Code du travail article L3133-1, as in the government's "jours fériés en
 * France" dataset: "1er janvier", "Lundi de Pâques", "1er mai", "8 mai"…): the eleven national days
 * (Easter-based ones computed with the anonymous Gregorian algorithm), Good Friday and 26 December in
 * Alsace-Moselle, each overseas zone's day of the abolition of slavery (plus the Fête Victor Schœlcher,
 * 21 July, in Guadeloupe and Martinique), and the local days of Polynésie française (5 March, Good
 * Friday, 29 June until 2025 then 20 November), Nouvelle-Calédonie (24 September) and Wallis-et-Futuna
 * (28 April, 29 July); Saint-Pierre-et-Miquelon has the national list. Two holidays on the same date are
 * two entries.
 *
 * @param zone - the calendar zone (`mainland`, `alsace_moselle`, `guadeloupe`, `martinique`, `guyane`,
 *   `la_reunion`, `mayotte`, `saint_martin`, `saint_barthelemy`, `saint_pierre_et_miquelon`,
 *   `polynesie_francaise`, `nouvelle_caledonie`, `wallis_et_futuna`)
 * @param year - the year, 1900 to 2200
 * @returns the holidays sorted by date, each with its date (`YYYY-MM-DD`), an id and its French name
 * @throws {DeclicsError} `invalid_input` when the zone is unknown or the year is not an integer in range
 * @example
 * ```ts
 * import { listPublicHolidays } from "declics/curriculum";
 *
 * listPublicHolidays("guyane", 2019).filter((h) => h.date === "2019-06-10").map((h) => h.id);
 * // => ["whit_monday", "abolition_of_slavery"]
 * listPublicHolidays("polynesie_francaise", 2026).find((h) => h.date === "2026-11-20")?.name;
 * // => "Matari'i i ni'a"
 * ```
 * @category Calendars
 */
export function listPublicHolidays(zone: CalendarZone, year: number): PublicHoliday[] {
  const args = parseWith(Args, { zone, year }, { module: "curriculum", what: "listPublicHolidays arguments" });
  return holidaysOf(args.zone, args.year);
}
