/**
 * The académie of each département, named as the Ministry's school-calendar dataset names them.
 *
 * Source: the ressort of the académies in the Code de l'éducation (article R222-2 and its table; not
 * re-read on Légifrance for this release), with the académie de Normandie created on 1 January 2020
 * (décret 2019-1056 merging Caen and Rouen; the dataset keeps Caen and Rouen rows for the years before,
 * hence `former`). Overseas: each département or collectivity is its own académie or vice-rectorat;
 * Saint-Barthélemy and Saint-Martin belong to the académie de Guadeloupe, whose rows can be limited to
 * one of them (`place`).
 */

interface AcademieOf {
  readonly academie: string;
  /** Académies the dataset used for the same territory before a merger. */
  readonly former: readonly string[];
}

const GROUPS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ["Aix-Marseille", ["04", "05", "13", "84"]],
  ["Amiens", ["02", "60", "80"]],
  ["Besançon", ["25", "39", "70", "90"]],
  ["Bordeaux", ["24", "33", "40", "47", "64"]],
  ["Clermont-Ferrand", ["03", "15", "43", "63"]],
  ["Corse", ["2A", "2B"]],
  ["Créteil", ["77", "93", "94"]],
  ["Dijon", ["21", "58", "71", "89"]],
  ["Grenoble", ["07", "26", "38", "73", "74"]],
  ["Lille", ["59", "62"]],
  ["Limoges", ["19", "23", "87"]],
  ["Lyon", ["01", "42", "69"]],
  ["Montpellier", ["11", "30", "34", "48", "66"]],
  ["Nancy-Metz", ["54", "55", "57", "88"]],
  ["Nantes", ["44", "49", "53", "72", "85"]],
  ["Nice", ["06", "83"]],
  ["Normandie", ["14", "27", "50", "61", "76"]],
  ["Orléans-Tours", ["18", "28", "36", "37", "41", "45"]],
  ["Paris", ["75"]],
  ["Poitiers", ["16", "17", "79", "86"]],
  ["Reims", ["08", "10", "51", "52"]],
  ["Rennes", ["22", "29", "35", "56"]],
  ["Strasbourg", ["67", "68"]],
  ["Toulouse", ["09", "12", "31", "32", "46", "65", "81", "82"]],
  ["Versailles", ["78", "91", "92", "95"]],
  ["Guadeloupe", ["971", "977", "978"]],
  ["Martinique", ["972"]],
  ["Guyane", ["973"]],
  ["Réunion", ["974"]],
  ["Saint Pierre et Miquelon", ["975"]],
  ["Mayotte", ["976"]],
  ["Wallis et Futuna", ["986"]],
  ["Polynésie", ["987"]],
  ["Nouvelle Calédonie", ["988"]],
];

const FORMER: Readonly<Record<string, string>> = {
  "14": "Caen",
  "50": "Caen",
  "61": "Caen",
  "27": "Rouen",
  "76": "Rouen",
};

/** Académies merged into another one (their rows only describe the years before the merger). */
export const FORMER_ACADEMIES: ReadonlySet<string> = new Set(Object.values(FORMER));

/** Département code -> académie. */
export const ACADEMIE_OF_DEPARTEMENT: ReadonlyMap<string, AcademieOf> = new Map(
  GROUPS.flatMap(([academie, deps]) =>
    deps.map((dep) => [dep, { academie, former: FORMER[dep] === undefined ? [] : [FORMER[dep]] }] as const),
  ),
);

/** The département of a 5-character commune code: 3 characters overseas (97x, 98x), else 2 (2A/2B for Corsica). */
export function departementOfCommune(code: string): string {
  return code.startsWith("97") || code.startsWith("98") ? code.slice(0, 3) : code.slice(0, 2);
}

/** The sub-territory of the académie de Guadeloupe a commune is in (null elsewhere). */
export function placeOfCommune(departement: string): string | null {
  if (departement === "977") return "Saint-Barthélemy";
  if (departement === "978") return "Saint-Martin";
  if (departement === "971") return "Guadeloupe";
  return null;
}

/** The legal time zone of each overseas département or collectivity with a school calendar; Europe/Paris elsewhere. */
const OVERSEAS_TIME_ZONES: Readonly<Record<string, string>> = {
  "971": "America/Guadeloupe",
  "972": "America/Martinique",
  "973": "America/Cayenne",
  "974": "Indian/Reunion",
  "975": "America/Miquelon",
  "976": "Indian/Mayotte",
  "977": "America/St_Barthelemy",
  "978": "America/Marigot",
  "986": "Pacific/Wallis",
  "987": "Pacific/Tahiti",
  "988": "Pacific/Noumea",
};

/** The legal time zone of a département (Europe/Paris for mainland France and Corsica). */
export function timeZoneOfDepartement(departement: string): string {
  return OVERSEAS_TIME_ZONES[departement] ?? "Europe/Paris";
}

/**
 * The legal time zone of an académie, or of a school-holiday zone (overseas zones are named after their
 * académie; `Zone A`, `Zone B`, `Zone C` and `Corse` are in Europe/Paris, as are former académies).
 */
export function timeZoneOfAcademie(academieOrZone: string): string {
  const group = GROUPS.find(([academie]) => academie === academieOrZone);
  return timeZoneOfDepartement(group?.[1][0] ?? "");
}
