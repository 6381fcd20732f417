/**
 * The one message table of declics, as zod keeps its error map: for each error code, its message in
 * English and in French, written from the typed details. `DeclicsError#message` is the English one;
 * `formatDeclicsError(error, { language })` gives either. No message mixes the two languages: details
 * carry data (codes, numbers, ids, expectations as `{ kind }`), never sentences.
 * @module
 */
import type { DeclicsErrorCode, DeclicsErrorDetails, ErrorLanguage, Expectation, InputIssue } from "../errors.js";
import { renderProblem } from "./messages-reasons.js";
import { quote, shown } from "./messages-values.js";
import { renderExpectation, renderSubjectHint } from "./messages-vocabulary.js";

type Render<C extends DeclicsErrorCode> = (details: DeclicsErrorDetails[C]) => string;

/** The message of each code, in each language. */
export type ErrorMessageTable = {
  readonly [C in DeclicsErrorCode]: { readonly en: Render<C>; readonly fr: Render<C> };
};

/** ", received X" — left out when a detail gives no separate received value (it is then in the expectation's note). */
const rec = (received: unknown, lang: ErrorLanguage): string =>
  received === "" ? "" : lang === "fr" ? `, reçu ${shown(received)}` : `, received ${shown(received)}`;
const en = (e: Expectation): string => renderExpectation(e, "en");
const fr = (e: Expectation): string => renderExpectation(e, "fr");

function issuesText(issues: readonly InputIssue[], what: string, lang: ErrorLanguage): string {
  const list = Array.isArray(issues) ? issues : [];
  const shownIssues = list.slice(0, 3).map((i) => {
    const path = typeof i?.path === "string" && i.path !== "" && i.path !== what ? shown(i.path) : "";
    const expected = renderExpectation(i?.expected, lang);
    if (lang === "fr") return `${path === "" ? "" : `${path} : `}attendu ${expected}${rec(i?.received, "fr")}`;
    return `${path === "" ? "" : `${path}: `}expected ${expected}${rec(i?.received, "en")}`;
  });
  const more = list.length - 3;
  const tail = more > 0 ? (lang === "fr" ? ` (et ${more} autres)` : ` (and ${more} more)`) : "";
  return `${shownIssues.join("; ")}${tail}`;
}

/** "expected one of A, B; nearest A: " for a value that may take several shapes (an eligibility subject). */
function shapesText(d: DeclicsErrorDetails["invalid_input"], lang: ErrorLanguage): string {
  if (!Array.isArray(d.accepted) || d.accepted.length === 0) return "";
  const list = d.accepted.map((a) => shown(a)).join(", ");
  const nearest = typeof d.nearest === "string" ? shown(d.nearest) : "";
  if (lang === "fr")
    return `attendu l'une des formes ${list}${nearest === "" ? "" : ` ; la plus proche, ${nearest}`} : `;
  return `expected one of ${list}${nearest === "" ? "" : `; nearest ${nearest}`}: `;
}

const hintText = (hint: unknown, lang: ErrorLanguage): string =>
  hint === undefined
    ? ""
    : lang === "fr"
      ? ` (indice : ${renderSubjectHint(hint, "fr")})`
      : ` (hint: ${renderSubjectHint(hint, "en")})`;

const CODE_LABEL = {
  codeInsee: ["INSEE code", "Code INSEE"],
  postcode: ["postcode", "Code postal"],
  qpv: ["QPV code", "Code QPV"],
} as const;

function codeLabel(kind: unknown, lang: ErrorLanguage): string {
  const pair = CODE_LABEL[kind as keyof typeof CODE_LABEL] ?? CODE_LABEL.codeInsee;
  return lang === "fr" ? pair[1] : pair[0];
}

const DATA_REMEDY = {
  build_data: [
    "In a checkout of declics, run `npm run build:data`; in an app, reinstall declics or give the data folder: loadTerritoryData({ dir })",
    "Dans une copie de travail de declics, lancez `npm run build:data` ; " +
      "dans une application, réinstallez declics ou donnez le dossier des données : loadTerritoryData({ dir })",
  ],
  reinstall: ["It ships with the package: reinstall declics", "Il est livré avec le paquet : réinstallez declics"],
  pass_bytes: ["Pass its bytes under that key", "Donnez ses octets sous cette clé"],
  sources_dir: [
    "Set DECLICS_DATA_SOURCES to the directory holding the official files (see data/sources.json and docs/data.md)",
    "Indiquez dans DECLICS_DATA_SOURCES le dossier des fichiers officiels (voir data/sources.json et docs/data.md)",
  ],
  copy_web_data: [
    "Copy the data of the installed declics with `declics data copy`",
    "Recopiez les données de la version installée de declics avec `declics data copy`",
  ],
} as const;

const DATA_SITUATION = {
  checkout: [
    "Run `npm run build:data` (it needs the official source files, see docs/data.md)",
    "Lancez `npm run build:data` (il lui faut les fichiers sources officiels, voir docs/data.md)",
  ],
  installed_package: [
    "The installed package is incomplete (its data/build ships in the npm tarball): reinstall declics (`npm ci`, or `npm install declics`)",
    "Le paquet installé est incomplet (son dossier data/build est livré dans l'archive npm) : réinstallez declics (`npm ci`, ou `npm install declics`)",
  ],
  bundled: [
    "This code runs from a bundle (esbuild, Docker, serverless) without the package's data folder: copy " +
      "node_modules/declics/data/build next to it and pass `loadTerritoryData({ dir })`, or leave declics external to the bundle (see docs/data.md)",
    "Ce code tourne depuis un bundle (esbuild, Docker, serverless) sans le dossier de données du paquet : copiez " +
      "node_modules/declics/data/build à côté et passez `loadTerritoryData({ dir })`, ou laissez declics hors du bundle (voir docs/data.md)",
  ],
  custom_dir: [
    "The `dir` given must be a copy of the package's data/build folder (manifest.json and the artefacts it lists)",
    "Le `dir` donné doit être une copie du dossier data/build du paquet (manifest.json et les artefacts qu'il liste)",
  ],
} as const;

/** What to do about missing data, in a language: by situation (Node loaders) when known, else by remedy. */
export function dataMissingAdvice(
  d: Pick<DeclicsErrorDetails["data_missing"], "situation" | "remedy">,
  lang: ErrorLanguage,
): string {
  const bySituation = Object.hasOwn(DATA_SITUATION, String(d.situation))
    ? DATA_SITUATION[d.situation as keyof typeof DATA_SITUATION]
    : undefined;
  if (bySituation !== undefined) return lang === "fr" ? bySituation[1] : bySituation[0];
  return remedy(d.remedy, lang);
}

function remedy(value: unknown, lang: ErrorLanguage): string {
  const pair = DATA_REMEDY[value as keyof typeof DATA_REMEDY] ?? DATA_REMEDY.build_data;
  return lang === "fr" ? pair[1] : pair[0];
}

const at = (path: unknown, lang: ErrorLanguage): string =>
  typeof path === "string" && path !== "" ? (lang === "fr" ? `${shown(path)} : ` : `${shown(path)}: `) : "";
const HIT = "GeocodeHit { lon, lat, score 0-1, type, label, codeInsee }";
const timeZoneEn = (tz: string | null): string => (typeof tz === "string" ? ` (read in ${shown(tz)})` : "");
const timeZoneFr = (tz: string | null): string => (typeof tz === "string" ? ` (lue dans le fuseau ${shown(tz)})` : "");
const statusEn = (s?: number): string => (s === undefined ? "" : ` (HTTP ${shown(s)})`);
/** " (U+0141)": the code point of a character, for the characters that look alike. */
const codePoint = (c: unknown): string =>
  typeof c === "string" && c !== ""
    ? ` (U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")})`
    : "";
const causeOf = (c?: string): string => (c === undefined ? "" : ` (${shown(c)})`);

/** The table: one entry per code, English then French. */
export const ERROR_MESSAGES: ErrorMessageTable = {
  invalid_input: {
    en: (d) =>
      `Invalid ${shown(d.what)}: ${shapesText(d, "en")}${issuesText(d.issues, shown(d.what), "en")}${hintText(d.hint, "en")}`,
    fr: (d) => `Entrée invalide : ${shapesText(d, "fr")}${issuesText(d.issues, "", "fr")}${hintText(d.hint, "fr")}`,
  },
  invalid_option: {
    en: (d) => `Invalid option ${shown(d.option)}: expected ${en(d.expected)}${rec(d.received, "en")}`,
    fr: (d) => `Option ${shown(d.option)} invalide : attendu ${fr(d.expected)}${rec(d.received, "fr")}`,
  },
  invalid_coordinates: {
    en: (d) => `Invalid coordinates: expected ${en(d.expected)}, received ${shown(d.received)}.`,
    fr: (d) => `Coordonnées invalides : attendu ${fr(d.expected)}, reçu ${shown(d.received)}.`,
  },
  swapped_coordinates: {
    en: (d) => {
      const [a, b] = [shown(d.lon), shown(d.lat)];
      if (d.system === "lambert93")
        return `Swapped Lambert-93 coordinates: expected { x, y } with x (east) and y (north) in metres, received x ${a}, y ${b}: use x ${b}, y ${a}.`;
      if (d.system === "wgs84_as_lambert93")
        return (
          `WGS84 degrees given as Lambert-93: expected { x, y } in metres (EPSG:2154), received degrees of a place in France: use { lon: ${a}, ` +
          `lat: ${b} }.`
        );
      return (
        `Swapped coordinates: expected { lon, lat } (longitude first, GeoJSON order), received lon ${a}, lat ${b}, which falls in France once ` +
        `swapped: use lon ${b}, lat ${a}.`
      );
    },
    fr: (d) => {
      const [a, b] = [shown(d.lon), shown(d.lat)];
      if (d.system === "lambert93")
        return `Coordonnées Lambert-93 inversées : attendu { x, y } avec x (est) et y (nord) en mètres, reçu x ${a}, y ${b} : utilisez x ${b}, y ${a}.`;
      if (d.system === "wgs84_as_lambert93")
        return (
          `Degrés WGS84 donnés comme Lambert-93 : attendu { x, y } en mètres (EPSG:2154), reçu les degrés d'un lieu en France : utilisez { lon: ` +
          `${a}, lat: ${b} }.`
        );
      return (
        `Coordonnées inversées : attendu { lon, lat } (longitude puis latitude, ordre GeoJSON), reçu lon ${a}, lat ${b}, qui tombe en France une ` +
        `fois inversé : utilisez lon ${b}, lat ${a}.`
      );
    },
  },
  outside_france: {
    en: (d) =>
      `Point outside France: expected a point in France (mainland, Corsica or overseas), received lon ${shown(d.lon)}, lat ${shown(d.lat)}.`,
    fr: (d) =>
      `Point hors de France : attendu un point en France (métropole, Corse ou outre-mer), reçu lon ${shown(d.lon)}, lat ${shown(d.lat)}.`,
  },
  malformed_code: {
    en: (d) =>
      `Malformed ${codeLabel(d.kind, "en")}: expected ${en(d.expected)}, received ${quote(String(d.received))}.`,
    fr: (d) => `${codeLabel(d.kind, "fr")} mal formé : attendu ${fr(d.expected)}, reçu ${quote(String(d.received))}.`,
  },
  unknown_code: {
    en: (d) =>
      `Unknown ${codeLabel(d.kind, "en")}: expected a code of the commune reference (COG 2026, former codes and arrondissements included), received ` +
      `${quote(String(d.received))}.`,
    fr: (d) =>
      `${codeLabel(d.kind, "fr")} inconnu : attendu un code du référentiel des communes (COG 2026, anciens codes et arrondissements compris), reçu ` +
      `${quote(String(d.received))}.`,
  },
  geocoder_unavailable: {
    en: (d) => {
      const address = quote(String(d.address));
      if (d.reason === "no_geocoder")
        return `An address needs a geocoder: expected options.geocoder (e.g. createBanGeocoder()), received none. Address: ${address}.`;
      if (d.reason === "sync_call")
        return (
          `checkEligibilityMany is synchronous and does not geocode: expected a point, an INSEE code or a postcode, received the address ` +
          `${address}. Geocode first, or use checkEligibility.`
        );
      if (d.reason === "invalid_answer")
        return (
          `Invalid geocoder answer for ${address}: expected ${d.expected === undefined ? `a ${HIT} or null` : en(d.expected)}, received ` +
          `${shown(d.received)}.`
        );
      const busy = d.status === 429 ? "; too many requests, at most 50 per second" : "";
      return `The geocoder failed for ${address}${statusEn(d.status)}${causeOf(d.cause)}${busy}.`;
    },
    fr: (d) => {
      const address = quote(String(d.address));
      if (d.reason === "no_geocoder")
        return `Une adresse demande un géocodeur : attendu options.geocoder (par exemple createBanGeocoder()), reçu aucun. Adresse : ${address}.`;
      if (d.reason === "sync_call")
        return (
          `checkEligibilityMany est synchrone et ne géocode pas : attendu un point, un code INSEE ou un code postal, reçu l'adresse ${address}. ` +
          `Géocodez d'abord, ou utilisez checkEligibility.`
        );
      if (d.reason === "invalid_answer")
        return (
          `Réponse du géocodeur invalide pour ${address} : attendu ${d.expected === undefined ? `un ${HIT} ou null` : fr(d.expected)}, reçu ` +
          `${shown(d.received)}.`
        );
      const busy = d.status === 429 ? " ; trop de requêtes, au plus 50 par seconde" : "";
      return `Le géocodeur a échoué pour ${address}${statusEn(d.status)}${causeOf(d.cause)}${busy}.`;
    },
  },
  date_out_of_range: {
    en: (d) =>
      `Date outside the period the data covers: expected ${shown(d.field)} from ${shown(d.from)} to ${shown(d.to)}, received ` +
      `${shown(d.received)}${timeZoneEn(d.timeZone)}.`,
    fr: (d) =>
      `Date hors de la période couverte par les données : attendu ${shown(d.field)} du ${shown(d.from)} au ${shown(d.to)}, reçu ` +
      `${shown(d.received)}${timeZoneFr(d.timeZone)}.`,
  },
  data_missing: {
    en: (d) => `Data ${shown(d.dataset)} is missing: ${shown(d.location)} not found. ${dataMissingAdvice(d, "en")}.`,
    fr: (d) =>
      `Données ${shown(d.dataset)} manquantes : ${shown(d.location)} introuvable. ${dataMissingAdvice(d, "fr")}.`,
  },
  data_integrity: {
    en: (d) =>
      `Data ${shown(d.dataset)} is corrupt or does not match its manifest: ${at(d.path, "en")}expected ${en(d.expected)}, received ` +
      `${shown(d.received)}. Rebuild it with ` +
      `\`npm run build:data\` (or reinstall declics).`,
    fr: (d) =>
      `Données ${shown(d.dataset)} corrompues ou différentes de leur manifeste : ${at(d.path, "fr")}attendu ${fr(d.expected)}, reçu ${shown(d.received)}. ` +
      `Reconstruisez-les avec \`npm run build:data\` (ou réinstallez declics).`,
  },
  invalid_template: {
    en: (d) => `Invalid parcours template: ${renderProblem(d, "en")}`,
    fr: (d) => `Modèle de parcours invalide : ${renderProblem(d, "fr")}`,
  },
  invalid_plan: {
    en: (d) => `Cannot re-plan: the previous plan is inconsistent: ${renderProblem(d, "en")}`,
    fr: (d) => `Impossible de replanifier : le plan précédent est incohérent : ${renderProblem(d, "fr")}`,
  },
  invalid_item_bank: {
    en: (d) => `Invalid item bank: ${problemList(d.problems, "en")}`,
    fr: (d) => `Banque d'items invalide : ${problemList(d.problems, "fr")}`,
  },
  invalid_session_state: {
    en: (d) => `Adaptive session state refused: expected ${en(d.expected)}${rec(d.received, "en")}`,
    fr: (d) => `État de session adaptative refusé : attendu ${fr(d.expected)}${rec(d.received, "fr")}`,
  },
  invalid_table: {
    en: (d) => `Tables do not fit together: ${renderProblem(d, "en")}`,
    fr: (d) => `Tableaux incohérents : ${renderProblem(d, "fr")}`,
  },
  usage: {
    en: (d) => `Usage error: ${renderProblem(d, "en")}`,
    fr: (d) => `Erreur d'utilisation : ${renderProblem(d, "fr")}`,
  },
  unreadable_input: {
    en: (d) => `Unreadable input file: ${shown(d.file)} (${renderProblem(d, "en")}).`,
    fr: (d) => `Fichier d'entrée illisible : ${shown(d.file)} (${renderProblem(d, "fr")}).`,
  },
  output_unavailable: {
    en: (d) => `Cannot write ${shown(d.file)}: ${renderProblem(d, "en")}`,
    fr: (d) => `Impossible d'écrire ${shown(d.file)} : ${renderProblem(d, "fr")}`,
  },
  unencodable_output: {
    en: (d) =>
      `Cannot write row ${shown(d.row)}, column ${quote(String(d.column))} in ${shown(d.encoding)}: ` +
      `the character ${shown(d.character)}${codePoint(d.character)} does not exist in that encoding. ` +
      "Nothing was written. Choose --output-encoding utf-8 or utf-8-bom.",
    fr: (d) =>
      `Impossible d'écrire en ${shown(d.encoding)} la ligne ${shown(d.row)}, colonne ${quote(String(d.column))} : ` +
      `le caractère ${shown(d.character)}${codePoint(d.character)} n'existe pas dans cet encodage. ` +
      "Rien n'a été écrit. Choisissez --output-encoding utf-8 ou utf-8-bom.",
  },
  data_unreachable: {
    en: (d) =>
      d.reason === "http_status"
        ? `Data unreachable: ${shown(d.url)} answers ${shown(d.status)}, expected 200.`
        : `Data unreachable: ${shown(d.url)} could not be fetched${causeOf(d.cause)}; check the network or where the data is served.`,
    fr: (d) =>
      d.reason === "http_status"
        ? `Données injoignables : ${shown(d.url)} répond ${shown(d.status)}, attendu 200.`
        : `Données injoignables : ${shown(d.url)} n'a pas pu être téléchargé${causeOf(d.cause)} ; vérifiez le réseau ou l'endroit où les données sont servies.`,
  },
  data_content_type: {
    en: (d) =>
      `${shown(d.url)} is not a data file: expected ${shown(d.expected)}, received ${shown(d.received)}` +
      (d.received === "text/html" ? " (an HTML page: the host's fallback or error page for a missing file?)." : "."),
    fr: (d) =>
      `${shown(d.url)} n'est pas un fichier de données : attendu ${shown(d.expected)}, reçu ${shown(d.received)}` +
      (d.received === "text/html"
        ? " (une page HTML : la page de repli ou d'erreur de l'hébergeur pour un fichier absent ?)."
        : "."),
  },
  data_truncated: {
    en: (d) =>
      `${shown(d.url)} is truncated (interrupted download?): ` +
      (typeof d.received === "number" && typeof d.expected === "number"
        ? `expected ${shown(d.expected)} bytes, received ${shown(d.received)}.`
        : typeof d.expected === "number"
          ? `expected ${shown(d.expected)} bytes, the download broke off${causeOf(d.cause)}.`
          : `${shown(d.received)} bytes ending mid-document.`),
    fr: (d) =>
      `${shown(d.url)} est tronqué (téléchargement interrompu ?) : ` +
      (typeof d.received === "number" && typeof d.expected === "number"
        ? `attendu ${shown(d.expected)} octets, reçu ${shown(d.received)}.`
        : typeof d.expected === "number"
          ? `attendu ${shown(d.expected)} octets, le téléchargement s'est interrompu${causeOf(d.cause)}.`
          : `${shown(d.received)} octets finissant au milieu du document.`),
  },
  data_not_prepared: {
    en: (d) =>
      `Data not downloaded yet for ${shown(d.what)}: call \`await source.prepare(subjects)\` before the synchronous answer (or \`await ` +
      `source.checkEligibility(subject, options)\`).`,
    fr: (d) =>
      `Données pas encore téléchargées pour ${shown(d.what)} : attendu \`await source.prepare(sujets)\` avant la réponse synchrone (ou \`await ` +
      `source.checkEligibility(sujet, options)\`).`,
  },
};

function problemList(problems: DeclicsErrorDetails["invalid_item_bank"]["problems"], lang: ErrorLanguage): string {
  const list = Array.isArray(problems) ? problems : [];
  const head = list.slice(0, 5).map((p) => renderProblem(p, lang));
  const more = list.length - 5;
  const tail = more > 0 ? (lang === "fr" ? ` (et ${more} autres)` : ` (and ${more} more)`) : "";
  return `${head.join("; ")}${tail}`;
}

const FALLBACK = {
  en: (code: string) => `declics error ${code}`,
  fr: (code: string) => `erreur declics ${code}`,
};

/**
 * The message of an error code in a language, from its details. Never throws: a render that fails on
 * hostile or hand-made details falls back to the code itself.
 */
export function renderErrorMessage<C extends DeclicsErrorCode>(
  code: C,
  details: DeclicsErrorDetails[C],
  lang: ErrorLanguage,
): string {
  const safeCode = shown(code);
  try {
    const entry = Object.prototype.hasOwnProperty.call(ERROR_MESSAGES, code) ? ERROR_MESSAGES[code] : undefined;
    if (entry === undefined || typeof details !== "object" || details === null) return FALLBACK[lang](safeCode);
    return lang === "fr" ? entry.fr(details) : entry.en(details);
  } catch {
    return FALLBACK[lang](safeCode);
  }
}
