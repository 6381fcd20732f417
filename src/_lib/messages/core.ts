/**
 * The messages of the errors every module raises: invalid input and options, dates out of range, commune codes.
 * @module
 */
import type { DeclicsErrorDetails, ErrorLanguage, InputIssue } from "../../errors.js";
import { type MessagePart, rec, en, fr } from "./part.js";
import { ownEntry, quote, shown } from "./values.js";
import { pick, renderExpectation, renderSubjectHint } from "./vocabulary.js";

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
  return pick(ownEntry(CODE_LABEL, kind) ?? CODE_LABEL.codeInsee, lang);
}

const timeZoneEn = (tz: string | null): string => (typeof tz === "string" ? ` (read in ${shown(tz)})` : "");
const timeZoneFr = (tz: string | null): string => (typeof tz === "string" ? ` (lue dans le fuseau ${shown(tz)})` : "");

/** Invalid input and options, dates out of range, malformed and unknown codes. */
export const CORE_MESSAGES: MessagePart<
  "invalid_input" | "invalid_option" | "date_out_of_range" | "malformed_code" | "unknown_code"
> = {
  invalid_input: {
    en: (d) =>
      `Invalid ${shown(d.what)}: ${shapesText(d, "en")}${issuesText(d.issues, shown(d.what), "en")}${hintText(d.hint, "en")}`,
    fr: (d) => `Entrée invalide : ${shapesText(d, "fr")}${issuesText(d.issues, "", "fr")}${hintText(d.hint, "fr")}`,
  },
  invalid_option: {
    en: (d) => `Invalid option ${shown(d.option)}: expected ${en(d.expected)}${rec(d.received, "en")}`,
    fr: (d) => `Option ${shown(d.option)} invalide : attendu ${fr(d.expected)}${rec(d.received, "fr")}`,
  },
  date_out_of_range: {
    en: (d) =>
      `Date outside the period the data covers: expected ${shown(d.field)} from ${shown(d.from)} to ${shown(d.to)}, received ` +
      `${shown(d.received)}${timeZoneEn(d.timeZone)}.`,
    fr: (d) =>
      `Date hors de la période couverte par les données : attendu ${shown(d.field)} du ${shown(d.from)} au ${shown(d.to)}, reçu ` +
      `${shown(d.received)}${timeZoneFr(d.timeZone)}.`,
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
};
