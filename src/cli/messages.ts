/**
 * What the command line says, in French (default) and English (`--lang en`).
 * @module
 */

/** Languages of the CLI. */
export type Lang = "fr" | "en";

const fr = {
  // program
  "program.description": "DéClics : éligibilité QPV / ZRR / FRR sur les données officielles, hors ligne.",
  "option.lang": "langue des messages : fr (défaut) ou en",
  "option.help": "afficher l'aide",
  "option.helpCommand": "afficher l'aide d'une commande",
  "option.version": "afficher la version",
  "help.examples": "Exemples :",
  "help.exitCodes":
    "Codes de sortie : 0 terminé, 1 mauvaise utilisation, 2 fichier d'entrée illisible, 3 données ou écriture impossibles, 130/143 interrompu (Ctrl-C / SIGTERM).",
  // check
  "check.description":
    "Vérifier l'éligibilité d'une personne (coordonnées, Lambert-93, code commune, code postal ou adresse).",
  "check.args": "longitude et latitude (WGS84, degrés décimaux ; la virgule décimale est acceptée)",
  "check.x": "X en Lambert-93 (EPSG:2154), mètres",
  "check.y": "Y en Lambert-93 (EPSG:2154), mètres",
  "check.codeInsee": "code INSEE de la commune (ex. 31555)",
  "check.postcode": "code postal (ex. 31100)",
  "check.address": "adresse postale (interroge le service national d'adresses : réseau nécessaire)",
  "check.on": "date de la situation, AAAA-MM-JJ ou JJ/MM/AAAA (défaut : aujourd'hui)",
  "check.json": "résultat complet en JSON",
  "check.svg": "dessine la preuve (point, QPV le plus proche, commune, échelle, légende) dans un fichier SVG",
  "check.geocoderUrl": "adresse du service de géocodage (défaut : Géoplateforme)",
  "check.oneSubject":
    "Donnez exactement une localisation : « lon lat », --x/--y, --code-insee, --postcode ou --address.",
  "check.badNumber": "« {value} » n'est pas un nombre (attendu : {what}).",
  "check.svgWritten": "Carte écrite : {file}",
  "check.svgNoPoint": "Pas de carte : cette réponse n'a pas de point (commune ou code postal seulement).",
  // result text
  "result.status.eligible": "ÉLIGIBLE",
  "result.status.not_eligible": "NON ÉLIGIBLE",
  "result.status.uncertain": "INCERTAIN",
  "result.on": "Date",
  "result.point": "Point",
  "result.commune": "Commune",
  "result.qpv": "QPV",
  "result.rural": "Rural",
  "result.reasons": "Pourquoi",
  "result.distance": "à {m} m du bord le plus proche",
  "result.communeDistance": "à {m} m de la limite de commune",
  "result.qpv.inside": "dans le QPV {code} « {name} » ({regime})",
  "result.qpv.outside": "hors QPV ({regime})",
  "result.qpv.uncertain": "incertain ({regime})",
  "result.qpv.unavailable": "données indisponibles ({regime})",
  "result.qpv.none": "aucune liste QPV en vigueur à cette date",
  "result.rural.classified": "commune classée ({regime}{label})",
  "result.rural.not_classified": "commune non classée ({regime})",
  "result.rural.partial": "commune partiellement classée ({regime}{label}) : l'adresse décide",
  "result.rural.unavailable": "données indisponibles ({regime})",
  "result.rural.none": "aucun zonage rural en vigueur à cette date",
  "result.mapped": "code {code} rattaché à {name} ({why})",
  // eligibility
  "eligibility.description":
    "Vérifier l'éligibilité de chaque ligne d'un fichier CSV (exporté d'Excel ou d'un autre outil).",
  "eligibility.input": "fichier CSV d'entrée",
  "eligibility.output":
    "fichier de sortie (défaut : ENTREE-eligibilite.csv à côté de l'entrée ; « - » pour la sortie standard)",
  "eligibility.on": "date de la situation pour toutes les lignes (défaut : aujourd'hui)",
  "eligibility.dateColumn": "colonne donnant la date de chaque ligne",
  "eligibility.delimiter": "séparateur : « ; », « , » ou « tab » (défaut : détecté)",
  "eligibility.encoding": "encodage d'entrée : utf-8, utf-8-bom, windows-1252, utf-16le (défaut : détecté)",
  "eligibility.outputDelimiter": "séparateur de sortie (défaut : celui de l'entrée)",
  "eligibility.outputEncoding": "encodage de sortie (défaut : celui de l'entrée)",
  "eligibility.column": "nom de la colonne {what} (défaut : détectée)",
  "eligibility.geocode":
    "géocoder les lignes qui n'ont qu'une adresse (envoie ces adresses au service national d'adresses : réseau nécessaire)",
  "eligibility.quiet": "pas de barre de progression ni de résumé",
  "eligibility.exact":
    "distance exacte au bord du QPV sur chaque ligne (plus lent ; sinon la distance n'est donnée que près d'un bord)",
  "eligibility.detected": "Lecture de {file} : encodage {encoding}, séparateur {delimiter}, colonnes : {columns}.",
  "eligibility.summary": "{rows} lignes traitées, écrites dans {file}.",
  "eligibility.byStatus": "Par statut :",
  "eligibility.byReason": "Par raison :",
  "eligibility.rejectedColumn":
    "La colonne « {name} » a le nom d'une colonne {role}, mais {matching} de ses {values} premières valeurs non vides en ont l'air : elle n'est pas utilisée (si c'en est bien une, nommez-la avec {flag}).",
  "eligibility.mixedEncoding": "{encoding}, avec des lignes dans un autre encodage",
  "eligibility.previousResults":
    "Les colonnes de résultat d'une exécution précédente (colonnes {first} à {last}, status … reason) sont remplacées par les nouvelles.",
  "eligibility.foreignRows":
    "Attention : {count} ligne(s) ({rows}) contiennent des octets qui ne sont pas de l'UTF-8 (sans doute du Windows-1252) : elles sont recopiées octet pour octet, sans conversion, avec la raison mixed_encoding.",
  "eligibility.excelSafe":
    "neutraliser les cellules qu'un tableur exécuterait comme des formules (= + - @ en tête) en les préfixant d'une apostrophe ; le fichier n'est alors plus identique octet pour octet à l'entrée",
  "eligibility.geocodeTimeout": "délai maximal d'une requête de géocodage, en secondes (défaut : 10)",
  "eligibility.geocodeRetries": "nouvelles tentatives après une réponse 429 ou 5xx du service d'adresses (défaut : 3)",
  "role.lon": "longitude",
  "role.lat": "latitude",
  "role.x": "X Lambert-93",
  "role.y": "Y Lambert-93",
  "role.codeInsee": "code commune",
  "role.postcode": "code postal",
  "role.address": "adresse",
  "role.date": "date",
  // data
  "data.description":
    "Afficher les jeux de données embarqués : millésime, validité, couverture, précision, somme de contrôle.",
  "data.json": "sortie JSON",
  // errors
  "error.usage": "Erreur d'utilisation : {message}",
  "error.generic": "Erreur : {message}",
  "error.badDate": "« {value} » n'est pas une date (attendu : AAAA-MM-JJ ou JJ/MM/AAAA).",
  "error.badLang": "Langue inconnue « {value} » (attendu : fr ou en).",
  "error.badNumber": "« {value} » n'est pas un nombre positif.",
  "error.badCount": "« {value} » n'est pas un nombre entier de 0 à 10.",
  "error.badDelimiter": "Séparateur inconnu « {value} » (attendu : « ; », « , » ou « tab »).",
  "error.badEncoding": "Encodage inconnu « {value} » (attendu : utf-8, utf-8-bom, windows-1252 ou utf-16le).",
  "error.geocoder":
    "Le service national d'adresses est injoignable ({reason}). Sans réseau, donnez des coordonnées, un code commune ou un code postal.",
} as const;

/** A message key. */
export type MessageKey = keyof typeof fr;

const en: Record<MessageKey, string> = {
  "program.description": "DéClics: QPV / ZRR / FRR eligibility on the official data, offline.",
  "option.lang": "language of messages: fr (default) or en",
  "option.help": "display help",
  "option.helpCommand": "display help for a command",
  "option.version": "display the version",
  "help.examples": "Examples:",
  "help.exitCodes":
    "Exit codes: 0 done, 1 usage error, 2 unreadable input file, 3 data or output unavailable, 130/143 interrupted (Ctrl-C / SIGTERM).",
  "check.description": "Check one person's eligibility (coordinates, Lambert-93, commune code, postcode or address).",
  "check.args": "longitude and latitude (WGS84 decimal degrees; a decimal comma is accepted)",
  "check.x": "Lambert-93 X (EPSG:2154), metres",
  "check.y": "Lambert-93 Y (EPSG:2154), metres",
  "check.codeInsee": "INSEE commune code (e.g. 31555)",
  "check.postcode": "postcode (e.g. 31100)",
  "check.address": "postal address (asks the national address service: needs the network)",
  "check.on": "date of the situation, YYYY-MM-DD or DD/MM/YYYY (default: today)",
  "check.json": "full result as JSON",
  "check.svg": "draw the evidence (point, nearest QPV, commune, scale bar, legend) into an SVG file",
  "check.geocoderUrl": "base URL of the geocoding service (default: Géoplateforme)",
  "check.oneSubject": 'Give exactly one location: "lon lat", --x/--y, --code-insee, --postcode or --address.',
  "check.badNumber": '"{value}" is not a number (expected: {what}).',
  "check.svgWritten": "Map written: {file}",
  "check.svgNoPoint": "No map: this answer has no point (commune or postcode only).",
  "result.status.eligible": "ELIGIBLE",
  "result.status.not_eligible": "NOT ELIGIBLE",
  "result.status.uncertain": "UNCERTAIN",
  "result.on": "Date",
  "result.point": "Point",
  "result.commune": "Commune",
  "result.qpv": "QPV",
  "result.rural": "Rural",
  "result.reasons": "Why",
  "result.distance": "{m} m from the nearest edge",
  "result.communeDistance": "{m} m from the commune border",
  "result.qpv.inside": 'in QPV {code} "{name}" ({regime})',
  "result.qpv.outside": "outside every QPV ({regime})",
  "result.qpv.uncertain": "uncertain ({regime})",
  "result.qpv.unavailable": "data unavailable ({regime})",
  "result.qpv.none": "no QPV list in force on that date",
  "result.rural.classified": "commune classified ({regime}{label})",
  "result.rural.not_classified": "commune not classified ({regime})",
  "result.rural.partial": "commune partly classified ({regime}{label}): the address decides",
  "result.rural.unavailable": "data unavailable ({regime})",
  "result.rural.none": "no rural zoning in force on that date",
  "result.mapped": "code {code} mapped to {name} ({why})",
  "eligibility.description": "Check the eligibility of every row of a CSV file (exported from Excel or another tool).",
  "eligibility.input": "input CSV file",
  "eligibility.output": 'output file (default: INPUT-eligibilite.csv beside the input; "-" for standard output)',
  "eligibility.on": "date of the situation for every row (default: today)",
  "eligibility.dateColumn": "column giving each row's date",
  "eligibility.delimiter": 'delimiter: ";", "," or "tab" (default: detected)',
  "eligibility.encoding": "input encoding: utf-8, utf-8-bom, windows-1252, utf-16le (default: detected)",
  "eligibility.outputDelimiter": "output delimiter (default: the input's)",
  "eligibility.outputEncoding": "output encoding (default: the input's)",
  "eligibility.column": "name of the {what} column (default: detected)",
  "eligibility.geocode":
    "geocode rows that only have an address (sends those addresses to the national address service: needs the network)",
  "eligibility.quiet": "no progress bar and no summary",
  "eligibility.exact":
    "exact distance to the QPV edge on every row (slower; otherwise the distance is only given near an edge)",
  "eligibility.detected": "Reading {file}: encoding {encoding}, delimiter {delimiter}, columns: {columns}.",
  "eligibility.summary": "{rows} rows processed, written to {file}.",
  "eligibility.byStatus": "By status:",
  "eligibility.byReason": "By reason:",
  "eligibility.rejectedColumn":
    'Column "{name}" is named like a {role} column, but only {matching} of its first {values} non-empty values look like one: it is not used (if it is one, name it with {flag}).',
  "eligibility.mixedEncoding": "{encoding}, with rows in another encoding",
  "eligibility.previousResults":
    "The result columns of a previous run (columns {first} to {last}, status … reason) are replaced by the new ones.",
  "eligibility.foreignRows":
    "Warning: {count} row(s) ({rows}) hold bytes that are not UTF-8 (probably Windows-1252): they are copied byte for byte, not converted, with the reason mixed_encoding.",
  "eligibility.excelSafe":
    "neutralise cells a spreadsheet would run as formulas (leading = + - @) by prefixing them with an apostrophe; the output is then no longer byte for byte the input",
  "eligibility.geocodeTimeout": "time limit of one geocoding request, in seconds (default: 10)",
  "eligibility.geocodeRetries": "further attempts after a 429 or 5xx answer of the address service (default: 3)",
  "role.lon": "longitude",
  "role.lat": "latitude",
  "role.x": "Lambert-93 X",
  "role.y": "Lambert-93 Y",
  "role.codeInsee": "commune code",
  "role.postcode": "postcode",
  "role.address": "address",
  "role.date": "date",
  "data.description": "Show the bundled datasets: vintage, validity, coverage, accuracy, checksum.",
  "data.json": "JSON output",
  "error.usage": "Usage error: {message}",
  "error.generic": "Error: {message}",
  "error.badDate": '"{value}" is not a date (expected YYYY-MM-DD or DD/MM/YYYY).',
  "error.badLang": 'Unknown language "{value}" (expected fr or en).',
  "error.badNumber": '"{value}" is not a positive number.',
  "error.badCount": '"{value}" is not a whole number from 0 to 10.',
  "error.badDelimiter": 'Unknown delimiter "{value}" (expected ";", "," or "tab").',
  "error.badEncoding": 'Unknown encoding "{value}" (expected utf-8, utf-8-bom, windows-1252 or utf-16le).',
  "error.geocoder":
    "The national address service cannot be reached ({reason}). Without the network, give coordinates, a commune code or a postcode.",
};

/** Short explanations of the reason codes of the output `reason` column, used by `--lang en` (the engine's own messages are French). */
export const REASON_TEXT: Readonly<Record<Lang, Readonly<Record<string, string>>>> = {
  fr: {
    missing_location: "aucune localisation sur la ligne (coordonnées, code commune, code postal ou adresse vides)",
    invalid_coordinates: "coordonnées illisibles ou hors bornes",
    swapped_coordinates: "latitude et longitude inversées",
    outside_france: "point hors de France",
    malformed_code: "code commune ou code postal mal formé",
    unknown_code: "code commune ou code postal inconnu",
    invalid_date: "date illisible",
    address_not_geocoded: "adresse seule : relancez avec --geocode (réseau nécessaire)",
    geocoder_unavailable: "service d'adresses injoignable",
    too_many_columns: "plus de colonnes que l'en-tête",
    empty_row: "ligne vide",
    engine_error: "erreur inattendue du moteur",
    mixed_encoding: "la ligne contient des octets d'un autre encodage que le fichier (recopiés tels quels)",
    geocoder_timeout: "le service d'adresses n'a pas répondu à temps",
    geocoder_rate_limited: "le service d'adresses a refusé : trop de requêtes (429), même après nouvelles tentatives",
    geocoder_server_error: "le service d'adresses est en erreur (5xx), même après nouvelles tentatives",
    geocoder_http_error: "le service d'adresses a refusé la requête",
    geocoder_unreachable: "le service d'adresses est injoignable",
  },
  en: {
    missing_location: "no location on the row (coordinates, commune code, postcode and address empty)",
    invalid_coordinates: "unreadable or out-of-range coordinates",
    swapped_coordinates: "latitude and longitude swapped",
    outside_france: "point outside France",
    malformed_code: "malformed commune code or postcode",
    unknown_code: "unknown commune code or postcode",
    invalid_date: "unreadable date",
    address_not_geocoded: "address only: run again with --geocode (needs the network)",
    geocoder_unavailable: "address service unreachable",
    too_many_columns: "more columns than the header",
    empty_row: "empty row",
    engine_error: "unexpected engine error",
    mixed_encoding: "the row holds bytes of another encoding than the file's (copied as they are)",
    geocoder_timeout: "the address service did not answer in time",
    geocoder_rate_limited: "the address service refused: too many requests (429), even after retries",
    geocoder_server_error: "the address service failed (5xx), even after retries",
    geocoder_http_error: "the address service refused the request",
    geocoder_unreachable: "the address service cannot be reached",
    in_qpv: "inside a QPV",
    outside_qpv: "outside every QPV",
    near_qpv_boundary: "close to a QPV edge (within the data's accuracy)",
    near_commune_boundary: "close to a commune border whose neighbour has another status",
    zrr_classified: "commune classified ZRR",
    zrr_not_classified: "commune not classified ZRR",
    zrr_partial: "commune partly classified ZRR",
    frr_classified: "commune classified FRR",
    frr_not_classified: "commune not classified FRR",
    frr_partial: "commune partly classified FRR",
    no_rural_regime: "no rural zoning in force on that date",
    commune_has_no_qpv: "the commune has no QPV",
    commune_has_qpv: "the commune has a QPV: the address decides",
    postcode_several_communes: "the postcode covers several communes",
    geocoder_imprecise: "the address was only found at street or town level",
    geocoder_low_score: "the address match is weak",
    geocoder_no_result: "the address was not found",
    data_unavailable: "the official data for that place and date is not available",
    no_regime_in_force: "no regime in force on that date",
  },
};

/**
 * Returns a message in the given language with `{name}` placeholders filled.
 *
 * @param lang - fr or en
 * @param key - the message key
 * @param params - placeholder values
 * @returns the message
 * @example
 * ```ts
 * t("fr", "check.svgWritten", { file: "carte.svg" }); // => "Carte écrite : carte.svg"
 * ```
 */
export function t(lang: Lang, key: MessageKey, params: Readonly<Record<string, string | number>> = {}): string {
  const template = lang === "en" ? en[key] : fr[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/**
 * Reads `--lang` (or `DECLICS_LANG`) before the command line is parsed, so that help texts are in the
 * right language.
 *
 * @param argv - the arguments after the program name
 * @param env - the environment
 * @returns the language
 * @example
 * ```ts
 * detectLang(["check", "--lang", "en"], {}); // => "en"
 * ```
 */
export function detectLang(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Lang {
  let value: string | undefined = env.DECLICS_LANG;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--") break;
    if (arg === "--lang") value = argv[i + 1];
    else if (arg.startsWith("--lang=")) value = arg.slice("--lang=".length);
  }
  return value?.toLowerCase().startsWith("en") ? "en" : "fr";
}
