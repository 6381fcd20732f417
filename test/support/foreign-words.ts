// The words that betray a mixed language in a message of the table: shared by the tests of the message
// table and of the refinements' expectations.

/** Words that betray English in a French message, and French in an English one. */
const ENGLISH = [
  "expected",
  "received",
  "the",
  "must",
  "which",
  "with",
  "from",
  "between",
  "missing",
  "invalid",
  "unknown",
];
const ENGLISH_MORE = ["cannot", "does", "is", "are", "of", "and", "number", "string", "found", "use", "give"];
const FRENCH = ["attendu", "reçu", "le", "la", "les", "des", "du", "une", "est", "pas", "avec", "ou", "et", "dans"];
const FRENCH_MORE = ["pour", "invalide", "inconnu", "manquantes", "introuvable", "donnez", "utilisez", "aucun"];

function words(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}]+/u);
}

/** The words of `text` that belong to the other language's stop-list (empty when the text keeps to its own). */
export function foreignWords(text: string, language: "fr" | "en"): string[] {
  const stop = new Set(language === "fr" ? [...ENGLISH, ...ENGLISH_MORE] : [...FRENCH, ...FRENCH_MORE]);
  return words(text).filter((w) => stop.has(w));
}
