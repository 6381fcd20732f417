/**
 * The French and English words for what an error expected (`Expectation`) and for the reasons of
 * refused templates, plans, tables, banks and files (`Problem`): the vocabulary of the message table.
 * @module
 */
import type { ErrorLanguage, Expectation, KnownIdKind } from "../../errors.js";
import { ownEntry, quote, shown } from "./values.js";

/** A text in English, then French. */
export type Pair = readonly [en: string, fr: string];

const TYPES: Readonly<Record<string, Pair>> = {
  string: ["a string", "une chaîne de caractères"],
  number: ["a number", "un nombre"],
  int: ["a whole number", "un nombre entier"],
  integer: ["a whole number", "un nombre entier"],
  boolean: ["a boolean (true or false)", "un booléen (true ou false)"],
  object: ["an object", "un objet"],
  array: ["an array", "un tableau"],
  tuple: ["an array", "un tableau"],
  date: ["a Date", "une Date"],
  bigint: ["a bigint", "un bigint"],
  function: ["a function", "une fonction"],
  map: ["a Map", "une Map"],
  set: ["a Set", "un Set"],
  record: ["an object", "un objet"],
  null: ["null", "null"],
  undefined: ["no value", "aucune valeur"],
  never: ["no value", "aucune valeur"],
  number_array: ["an array or a typed array of numbers", "un tableau (ou tableau typé) de nombres"],
  iterable: ["an iterable (array, generator…)", "un itérable (tableau, générateur…)"],
};

const KNOWN_IDS: Readonly<Record<KnownIdKind, Pair>> = {
  bank_item: ["the id of an item of the bank", "l'identifiant d'un item de la banque"],
  form_item: ["the id of an item of the form", "l'identifiant d'un item du test"],
  competence: ["the id of a competence of the framework", "l'identifiant d'une compétence du référentiel"],
  participant: ["the id of a participant of the cohort", "l'identifiant d'un participant de la cohorte"],
  speaker: ["the id of a speaker of the cohort", "l'identifiant d'un intervenant de la cohorte"],
  room: ["the id of a room of the cohort", "l'identifiant d'une salle de la cohorte"],
  category: ["a category", "une catégorie"],
  dimension: ["a dimension of the report", "une dimension du rapport"],
  academie: ["an académie of the school calendar", "une académie du calendrier scolaire"],
  zone: ["a school holiday zone", "une zone de vacances scolaires"],
  artefact: ["an artefact listed in manifest.json", "un artefact listé dans manifest.json"],
  resource: ["the id of a resource of the cohort", "l'identifiant d'une ressource de la cohorte"],
  session: ["the id of a scheduled session of the plan", "l'identifiant d'une séance programmée du plan"],
};

const FORMATS: Readonly<Record<string, Pair>> = {
  date: ['a calendar day "YYYY-MM-DD"', 'un jour "AAAA-MM-JJ"'],
  datetime: ["an ISO date-time", "une date-heure ISO"],
  time: ["an ISO time (HH:MM)", "une heure ISO (HH:MM)"],
  email: ["an e-mail address", "une adresse e-mail"],
  url: ["a URL", "une URL"],
  uuid: ["a UUID", "un UUID"],
};

/** The text of a pair in the language. */
export const pick = (pair: Pair, lang: ErrorLanguage): string => (lang === "fr" ? pair[1] : pair[0]);

/** A list of values as JSON literals, at most 20 of them. */
export function listValues(values: unknown, lang: ErrorLanguage): string {
  const list = Array.isArray(values) ? (values as unknown[]) : [];
  const head = list.slice(0, 20).map((v) => (typeof v === "string" ? quote(v) : shown(v)));
  const more =
    list.length > 20 ? (lang === "fr" ? ` (et ${list.length - 20} autres)` : ` (and ${list.length - 20} more)`) : "";
  return `${head.join(", ")}${more}`;
}

function range(e: Extract<Expectation, { kind: "range" }>, lang: ErrorLanguage): string {
  const min = e.min === undefined ? undefined : shown(e.min);
  const max = e.max === undefined ? undefined : shown(e.max);
  const exclusive = e.inclusive === false;
  const sized = e.origin === "string" || e.origin === "array" || e.origin === "set" || e.origin === "file";
  if (sized) {
    const unit = e.origin === "string" ? pick(["characters", "caractères"], lang) : pick(["items", "éléments"], lang);
    if (min !== undefined && max !== undefined)
      return pick([`${min} to ${max} ${unit}`, `de ${min} à ${max} ${unit}`], lang);
    if (min !== undefined) return pick([`at least ${min} ${unit}`, `au moins ${min} ${unit}`], lang);
    return pick([`at most ${max} ${unit}`, `au plus ${max} ${unit}`], lang);
  }
  const noun = e.origin === "date" ? pick(["a date", "une date"], lang) : pick(["a number", "un nombre"], lang);
  if (min !== undefined && max !== undefined && !exclusive)
    return pick([`${noun} from ${min} to ${max}`, `${noun} de ${min} à ${max}`], lang);
  if (min !== undefined && max !== undefined)
    return pick([`${noun} between ${min} and ${max} (excluded)`, `${noun} strictement entre ${min} et ${max}`], lang);
  if (min !== undefined)
    return exclusive
      ? pick([`${noun} greater than ${min}`, `${noun} supérieur à ${min}`], lang)
      : pick([`${noun} of at least ${min}`, `${noun} d'au moins ${min}`], lang);
  return exclusive
    ? pick([`${noun} less than ${max}`, `${noun} inférieur à ${max}`], lang)
    : pick([`${noun} of at most ${max}`, `${noun} d'au plus ${max}`], lang);
}

function lambert(e: Extract<Expectation, { kind: "lambert93_point" }>, lang: ErrorLanguage): string {
  const [x0, x1, y0, y1] = [e.minX, e.maxX, e.minY, e.maxY].map(shown);
  return pick(
    [
      `Lambert-93 (EPSG:2154) x from ${x0} to ${x1} m and y from ${y0} to ${y1} m`,
      `x Lambert-93 (EPSG:2154) de ${x0} à ${x1} m et y de ${y0} à ${y1} m`,
    ],
    lang,
  );
}

const FIXED: Readonly<Record<string, Pair>> = {
  shape: ["one of the accepted shapes", "l'une des formes acceptées"],
  calendar_day: [
    'a calendar day "YYYY-MM-DD" that exists (e.g. "2025-01-01") or a valid Date',
    'un jour "AAAA-MM-JJ" qui existe (ex. "2025-01-01") ou une Date valide',
  ],
  insee_code: [
    "a 5-character INSEE commune code (e.g. 31555, 2A004 or 97411)",
    "un code commune INSEE de 5 caractères (ex. 31555, 2A004 ou 97411)",
  ],
  postcode: ["a 5-digit postcode (e.g. 31100)", "un code postal de 5 chiffres (ex. 31100)"],
  qpv_code: ["a QPV code (e.g. QN03107M)", "un code QPV (ex. QN03107M)"],
  wgs84_point: [
    "finite numbers, longitude from -180 to 180 and latitude from -90 to 90 (WGS84)",
    "des nombres finis, longitude de -180 à 180 et latitude de -90 à 90 (WGS84)",
  ],
  bytes: ["a Uint8Array or an ArrayBuffer", "un Uint8Array ou un ArrayBuffer"],
  json: ["valid JSON", "du JSON valide"],
  gzip: ["a valid gzip stream", "un flux gzip valide"],
};

/** What was expected, in words of the language. Never throws; an unknown kind is shown as data. */
export function renderExpectation(e: Expectation, lang: ErrorLanguage): string {
  if (typeof e === "string") return shown(e);
  if (typeof e !== "object" || e === null) return shown(e);
  const fixed = ownEntry(FIXED, e.kind);
  if (fixed !== undefined) return pick(fixed, lang);
  switch (e.kind) {
    case "type": {
      const t = ownEntry(TYPES, e.type);
      return t === undefined ? shown(e.type) : pick(t, lang);
    }
    case "one_of":
      return pick([`one of ${listValues(e.values, lang)}`, `l'une des valeurs ${listValues(e.values, lang)}`], lang);
    case "range":
      return range(e, lang);
    case "pattern":
      return pick([`a text matching ${shown(e.pattern)}`, `un texte de la forme ${shown(e.pattern)}`], lang);
    case "format": {
      const f = ownEntry(FORMATS, e.format);
      return f === undefined
        ? pick([`a ${shown(e.format)} text`, `un texte au format ${shown(e.format)}`], lang)
        : pick(f, lang);
    }
    case "no_extra_keys":
      return pick(
        [`no field named ${listValues(e.keys, lang)}`, `aucun champ nommé ${listValues(e.keys, lang)}`],
        lang,
      );
    case "lambert93_point":
      return lambert(e, lang);
    case "subject_shape":
      return pick([`a subject ${shown(e.shape)}`, `un sujet ${shown(e.shape)}`], lang);
    case "byte_count":
      return pick([`${shown(e.bytes)} bytes`, `${shown(e.bytes)} octets`], lang);
    case "sha256":
      return pick([`sha256 ${shown(e.sha256)}`, `le sha256 ${shown(e.sha256)}`], lang);
    case "known_id": {
      const base = ownEntry(KNOWN_IDS, e.of) ?? [shown(e.of), shown(e.of)];
      return e.values === undefined ? pick(base, lang) : `${pick(base, lang)} (${listValues(e.values, lang)})`;
    }
    case "custom":
      if (lang === "en" && typeof e.note === "string" && e.note !== "") return shown(e.note);
      return pick(
        ["a value that passes the check of this field", "une valeur qui passe le contrôle de ce champ"],
        lang,
      );
    case "rule":
      return shown(lang === "fr" ? e.rule?.fr : e.rule?.en);
    default:
      return shown((e as { kind?: unknown }).kind);
  }
}

/** A one-off expectation, written in both languages (`{ kind: "rule" }`). */
export function rule(en: string, fr: string): Expectation {
  return { kind: "rule", rule: { en, fr } };
}

/** The options of a zod refinement that says what it expects in both languages: see {@link expecting}. */
export interface Expecting {
  /** zod's own text (English), for code that reads the zod issue itself. */
  readonly message: string;
  /** Read by `toInputIssues`: the `expected` of the issue, rendered in the caller's language. */
  readonly params: { readonly expected: Expectation };
}

/**
 * The options of a zod refinement (`.refine`, `z.custom`, `ctx.addIssue`) whose failure says what was
 * expected in English and in French, as a noun phrase that reads after "expected …" / "attendu …".
 * Without it, a refinement's issue is `{ kind: "custom" }`: its English text only. Spread it with the other
 * options: `.refine(check, { ...expecting("a min not above max", "un min au plus égal à max"), path: ["min"] })`,
 * `ctx.addIssue({ code: "custom", path, ...expecting(en, fr) })`.
 */
export function expecting(en: string, fr: string): Expecting {
  return { message: en, params: { expected: rule(en, fr) } };
}

const SUBJECT_HINTS: Readonly<Record<string, Pair>> = {
  use_lon_not_lng: ["the key is lon, not lng", "la clé est lon, pas lng"],
  use_lon_lat_not_latitude_longitude: [
    "use { lon, lat }, not { latitude, longitude }",
    "utilisez { lon, lat }, pas { latitude, longitude }",
  ],
  coordinates_as_strings: [
    "coordinates must be numbers, not strings: parse them first",
    "les coordonnées doivent être des nombres, pas des chaînes : convertissez-les d'abord",
  ],
  code_insee_as_number: [
    'codeInsee must be a string ("01001" loses its leading zero as a number)',
    'codeInsee doit être une chaîne ("01001" perd son zéro initial en nombre)',
  ],
  postcode_as_number: [
    'postcode must be a string ("01000" loses its leading zero as a number)',
    'postcode doit être une chaîne ("01000" perd son zéro initial en nombre)',
  ],
  use_code_insee_key: ["the key is codeInsee", "la clé est codeInsee"],
  use_postcode_key: ["the key is postcode", "la clé est postcode"],
  use_object_not_array: [
    "wrap [lon, lat] as { lon, lat } or a GeoJSON Point",
    "donnez [lon, lat] sous la forme { lon, lat } ou d'un Point GeoJSON",
  ],
  geojson_coordinates_lon_lat: [
    "a GeoJSON Point has coordinates [lon, lat] as numbers",
    "un Point GeoJSON a des coordonnées [lon, lat] numériques",
  ],
  geojson_not_point: [
    "the geometry must be a Point (not a Polygon or a LineString)",
    "la géométrie doit être un Point (pas un Polygon ni une LineString)",
  ],
};

/** The words of a subject shape hint (`details.hint` of `invalid_input`); an unknown hint is shown as data. */
export function renderSubjectHint(hint: unknown, lang: ErrorLanguage): string {
  const pair = ownEntry(SUBJECT_HINTS, hint);
  return pair === undefined ? shown(hint) : pick(pair, lang);
}
