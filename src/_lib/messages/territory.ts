/**
 * The messages of territory's own errors: coordinates, the geocoder, data fetched over the network.
 * @module
 */
import { type MessagePart, en, fr } from "./part.js";
import { quote, shown } from "./values.js";

const HIT = "GeocodeHit { lon, lat, score 0-1, type, label, codeInsee }";
const statusEn = (s?: number): string => (s === undefined ? "" : ` (HTTP ${shown(s)})`);
const causeOf = (c?: string): string => (c === undefined ? "" : ` (${shown(c)})`);

/** Coordinates, the geocoder, and data fetched over the network (createTerritoryDataSource). */
export const TERRITORY_MESSAGES: MessagePart<
  | "invalid_coordinates"
  | "swapped_coordinates"
  | "outside_france"
  | "geocoder_unavailable"
  | "data_unreachable"
  | "data_content_type"
  | "data_truncated"
  | "data_not_prepared"
> = {
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
